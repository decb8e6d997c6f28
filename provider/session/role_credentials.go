package session

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/assumerole/request"
)

// roleCredentials assumes the configured role. The SDK's stscreds provider
// cannot pass ProvidedContexts, so this one sends the same request the
// assumeRole function does.
type roleCredentials struct {
	client *sts.Client
	args   request.Args
}

func (r *roleCredentials) Retrieve(ctx context.Context) (aws.Credentials, error) {
	out, err := r.client.AssumeRole(ctx, r.args.Input())
	if err != nil {
		return aws.Credentials{}, fmt.Errorf("assuming the provider's assumeRole.roleArn %s: %w",
			r.args.RoleArn, Explain(err, "sts:AssumeRole", ""))
	}
	c := out.Credentials
	if c == nil {
		return aws.Credentials{}, fmt.Errorf("assuming the provider's assumeRole.roleArn %s: sts:AssumeRole "+
			"answered without credentials", r.args.RoleArn)
	}
	return aws.Credentials{
		AccessKeyID:     aws.ToString(c.AccessKeyId),
		SecretAccessKey: aws.ToString(c.SecretAccessKey),
		SessionToken:    aws.ToString(c.SessionToken),
		Source:          "assumeRole " + r.args.RoleArn,
		CanExpire:       true,
		Expires:         aws.ToTime(c.Expiration),
	}, nil
}
