package session

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// Caller is who the session's credentials belong to.
type Caller struct {
	AccountID string
	ARN       string
	UserID    string
	Partition string
}

// CallerIdentity asks STS who the session's credentials belong to, once per
// session: the answer cannot change while the credentials do not. An account
// the configuration does not allow is an error.
func (s *Session) CallerIdentity(ctx context.Context) (Caller, error) {
	c, err := Memo(ctx, s, "sts:GetCallerIdentity", func(ctx context.Context) (Caller, error) {
		if err := s.init(ctx); err != nil {
			return Caller{}, err
		}
		out, err := s.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		if err != nil {
			return Caller{}, s.Explain(ctx, err, "sts:GetCallerIdentity")
		}
		c := Caller{AccountID: aws.ToString(out.Account), ARN: aws.ToString(out.Arn), UserID: aws.ToString(out.UserId)}
		if c.AccountID == "" || c.ARN == "" {
			// Not remembered: an answer without an account would make every
			// later cross-account check wrong.
			return Caller{}, fmt.Errorf("sts:GetCallerIdentity answered without an account or ARN; " +
				"check that the STS endpoint is AWS's or a faithful emulator")
		}
		if a, err := arn.Parse(c.ARN); err == nil {
			c.Partition = a.Partition
		}
		return c, nil
	})
	if err != nil {
		return Caller{}, err
	}
	return c, s.checkAccount(c.AccountID)
}
