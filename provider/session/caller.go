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
// session: the answer cannot change while the credentials do not.
func (s *Session) CallerIdentity(ctx context.Context) (Caller, error) {
	return Memo(s, "sts:GetCallerIdentity", func() (Caller, error) {
		client, err := s.STS(ctx)
		if err != nil {
			return Caller{}, err
		}
		out, err := client.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
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
}
