package session

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// Caller is who the session's credentials belong to.
type Caller struct {
	AccountID string
	ARN       string
	UserID    string
	Partition string
}

// CallerIdentity asks STS who the session's credentials belong to, once
// per set of credentials: the answer cannot change while they do not. An
// account the configuration does not allow is an error.
func (s *Session) CallerIdentity(ctx context.Context) (Caller, error) {
	if err := s.init(ctx); err != nil {
		return Caller{}, err
	}
	// Guarded, the credentials come checked, and their caller remembered.
	c, err := s.retrieve(ctx)
	if err != nil {
		return Caller{}, explain(err, Call{Op: "getting the provider's AWS credentials"}, "")
	}
	caller, err := s.callerOf(ctx, c)
	if err != nil {
		return Caller{}, err
	}
	return caller, s.checkAccount(caller.AccountID)
}

// callerOf asks STS, once, who the credentials c belong to, signing with c
// themselves: the answer is for exactly these credentials, even if the
// session's are refreshed meanwhile.
func (s *Session) callerOf(ctx context.Context, c aws.Credentials) (Caller, error) {
	// The key, not the label, holds the access key ID: the label is what
	// messages quote.
	return Memo(ctx, s, "sts:GetCallerIdentity#"+c.AccessKeyID, func(ctx context.Context) (Caller, error) {
		out, err := s.sts.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{}, func(o *sts.Options) {
			o.Credentials = credentials.StaticCredentialsProvider{Value: c}
		})
		if err != nil {
			return Caller{}, s.Explain(ctx, err, Call{Op: "sts:GetCallerIdentity"})
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
