// Package sessiontoken is the getSessionToken function: temporary
// credentials for the IAM user whose keys the provider uses, with MFA when
// its policies require it.
package sessiontoken

import (
	"context"
	_ "embed"
	"errors"

	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/config"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/tempcreds"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

//go:embed get_session_token.md
var doc string

// GetSessionToken is aws-identity:sts:getSessionToken.
type GetSessionToken struct{}

// Result holds the temporary credentials.
type Result struct {
	Credentials tempcreds.Credentials `pulumi:"credentials"`
	Expiration  string                `pulumi:"expiration"`
}

func (f *GetSessionToken) Annotate(a infer.Annotator) {
	a.SetToken("sts", "getSessionToken")
	a.Describe(f, doc)
}

func (r *Result) Annotate(a infer.Annotator) {
	a.Describe(&r.Credentials, "The temporary credentials. secretAccessKey and sessionToken are secrets.")
	a.Describe(&r.Expiration, "When the credentials expire, in RFC 3339 (UTC): credentials.expiration, repeated.")
}

func (GetSessionToken) Invoke(ctx context.Context, req infer.FunctionRequest[Args]) (infer.FunctionResponse[Result], error) {
	in := req.Input
	if err := violation.Join("arguments to aws-identity:sts:getSessionToken", in.Validate()); err != nil {
		return infer.FunctionResponse[Result]{}, err
	}
	s := infer.GetConfig[config.Config](ctx).Session()
	client, err := s.STS(ctx)
	if err != nil {
		return infer.FunctionResponse[Result]{}, err
	}
	out, err := client.GetSessionToken(ctx, in.Input())
	if err != nil {
		return infer.FunctionResponse[Result]{}, s.ExplainSTS(ctx, err, "sts:GetSessionToken")
	}
	c, ok := tempcreds.From(out.Credentials)
	if !ok {
		return infer.FunctionResponse[Result]{}, errNoCredentials
	}
	return infer.FunctionResponse[Result]{Output: Result{Credentials: c, Expiration: c.Expiration}}, nil
}

var errNoCredentials = errors.New("sts:GetSessionToken answered without credentials; " +
	"check that the STS endpoint is AWS's or a faithful emulator")
