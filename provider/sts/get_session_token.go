// getSessionToken: temporary credentials for the IAM user whose keys the
// provider uses, with MFA when its policies require it.

package sts

import (
	"context"
	_ "embed"
	"strings"

	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/config"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/session"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/stsinput"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

//go:embed get_session_token.md
var getSessionTokenDoc string

// GetSessionToken is aws-identity:sts:getSessionToken.
type GetSessionToken struct{}

// GetSessionTokenResult holds the temporary credentials.
type GetSessionTokenResult struct {
	Credentials stsinput.Credentials `pulumi:"credentials"`
	Expiration  string               `pulumi:"expiration"`
}

func (f *GetSessionToken) Annotate(a infer.Annotator) {
	a.Describe(f, getSessionTokenDoc)
}

func (r *GetSessionTokenResult) Annotate(a infer.Annotator) {
	a.Describe(&r.Credentials, "The temporary credentials. secretAccessKey and sessionToken are secrets.")
	a.Describe(&r.Expiration, "When the credentials expire, in RFC 3339 (UTC): credentials.expiration, repeated.")
}

func (GetSessionToken) Invoke(ctx context.Context, req infer.FunctionRequest[GetSessionTokenArgs]) (infer.FunctionResponse[GetSessionTokenResult], error) {
	in := req.Input
	if err := violation.Join("arguments to aws-identity:sts:getSessionToken", in.Validate()); err != nil {
		return infer.FunctionResponse[GetSessionTokenResult]{}, err
	}
	s := infer.GetConfig[config.Config](ctx).Session()
	client, err := s.STS(ctx)
	if err != nil {
		return infer.FunctionResponse[GetSessionTokenResult]{}, err
	}
	out, err := client.GetSessionToken(ctx, in.Input())
	if err != nil {
		return infer.FunctionResponse[GetSessionTokenResult]{}, s.Explain(ctx, err, session.Call{Op: "sts:GetSessionToken", Hint: getSessionTokenHint})
	}
	c, ok := stsinput.CredentialsFrom(out.Credentials)
	if !ok {
		return infer.FunctionResponse[GetSessionTokenResult]{}, stsinput.NoCredentials("sts:GetSessionToken", "")
	}
	return infer.FunctionResponse[GetSessionTokenResult]{Output: GetSessionTokenResult{Credentials: c, Expiration: c.Expiration}}, nil
}

// getSessionTokenHint says what a refusal of GetSessionToken means: AWS
// answers AccessDenied both for temporary credentials, which cannot call it,
// and for a wrong MFA code.
func getSessionTokenHint(code, message string) string {
	if code != "AccessDenied" && code != "AccessDeniedException" {
		return ""
	}
	lower := strings.ToLower(message)
	if strings.Contains(lower, "session credentials") || strings.Contains(lower, "temporary") {
		return "GetSessionToken needs the long-term access keys of an IAM user (or of the root user), but the " +
			"provider's credentials are temporary: configure the IAM user's keys (see getCredentials for where " +
			"the provider's come from), or use assumeRole."
	}
	return "AWS did not accept the MFA code: check that serialNumber is the serial number or ARN of the MFA " +
		"device assigned to the IAM user whose keys the provider uses (getCallerIdentity names that user), " +
		"and that tokenCode is the code the device shows now: each code is valid for about 30 seconds, and " +
		"only once."
}
