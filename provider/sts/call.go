package sts

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	awssts "github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/config"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/session"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/stsinput"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

// call is the part every STS function shares: the inputs' problems, all at
// once, before anything else; then one call with the session's client, so
// that the configured endpoint, region and network settings apply; and its
// error explained with the function's own hint. When c.Unsigned, the call
// is anonymous, as AWS defines it (the assertion or token is the
// credential): the provider's own credentials are neither resolved nor
// their account checked, and do receives the option that makes it so.
func call[T any](ctx context.Context, function string, problems []violation.Violation, c session.Call,
	do func(client *awssts.Client, opts ...func(*awssts.Options)) (T, error)) (T, error) {
	var zero T
	if err := violation.Join("arguments to aws-identity:sts:"+function, problems); err != nil {
		return zero, err
	}
	s := infer.GetConfig[config.Config](ctx).Session()
	client, opts, err := clientFor(ctx, s, c.Unsigned)
	if err != nil {
		return zero, err
	}
	out, err := do(client, opts...)
	if err != nil {
		return zero, s.Explain(ctx, err, c)
	}
	return out, nil
}

func clientFor(ctx context.Context, s *session.Session, unsigned bool) (*awssts.Client, []func(*awssts.Options), error) {
	if !unsigned {
		client, err := s.STS(ctx)
		return client, nil, err
	}
	client, err := s.UnsignedSTS(ctx)
	return client, []func(*awssts.Options){func(o *awssts.Options) { o.Credentials = aws.AnonymousCredentials{} }}, err
}

// credentialsFrom converts the credentials a call handed out; an answer
// without them (AWS never sends one, a broken proxy might) is an error
// naming the call and, if not empty, whom they were for.
func credentialsFrom(op, forWhom string, c *ststypes.Credentials) (stsinput.Credentials, error) {
	creds, ok := stsinput.CredentialsFrom(c)
	if !ok {
		return creds, stsinput.NoCredentials(op, forWhom)
	}
	return creds, nil
}
