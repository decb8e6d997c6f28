package sts

import (
	"context"
	_ "embed"

	"github.com/aws/aws-sdk-go-v2/aws"
	awssts "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/session"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/stsinput"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

//go:embed get_delegated_access_token.md
var delegatedDoc string

// GetDelegatedAccessToken is aws-identity:sts:getDelegatedAccessToken.
type GetDelegatedAccessToken struct{}

// GetDelegatedAccessTokenArgs are the inputs of STS GetDelegatedAccessToken.
type GetDelegatedAccessTokenArgs struct {
	TradeInToken string `pulumi:"tradeInToken" provider:"secret"`
}

// GetDelegatedAccessTokenResult holds the credentials of the assumed principal.
type GetDelegatedAccessTokenResult struct {
	Credentials      stsinput.Credentials `pulumi:"credentials"`
	PackedPolicySize int                  `pulumi:"packedPolicySize"`
	AssumedPrincipal string               `pulumi:"assumedPrincipal"`
}

func (f *GetDelegatedAccessToken) Annotate(a infer.Annotator) { a.Describe(f, delegatedDoc) }

func (a *GetDelegatedAccessTokenArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.TradeInToken, "The trade-in token to exchange; it must be current. Secret: never shown, "+
		"logged or stored in plain text.")
}

func (r *GetDelegatedAccessTokenResult) Annotate(a infer.Annotator) {
	a.Describe(&r.Credentials, stsinput.CredentialsDoc)
	a.Describe(&r.PackedPolicySize, "AWS does not fill this in for GetDelegatedAccessToken; it is 0 unless "+
		"the endpoint says otherwise.")
	a.Describe(&r.AssumedPrincipal, "ARN of the principal whose permissions the credentials carry.")
}

// Validate checks the token. AWS's model sets no length or character set
// for tradeInTokenType, only that it is required: an empty one is refused
// here, and its content is never quoted.
func (a *GetDelegatedAccessTokenArgs) Validate() []violation.Violation {
	l := &violation.List{}
	if a.TradeInToken == "" {
		l.Add("tradeInToken", "must not be empty: pass the trade-in token you were given")
	}
	return l.All
}

// Input builds the GetDelegatedAccessToken request. Call Validate first.
func (a *GetDelegatedAccessTokenArgs) Input() *awssts.GetDelegatedAccessTokenInput {
	return &awssts.GetDelegatedAccessTokenInput{TradeInToken: aws.String(a.TradeInToken)}
}

func (GetDelegatedAccessToken) Invoke(ctx context.Context, req infer.FunctionRequest[GetDelegatedAccessTokenArgs]) (infer.FunctionResponse[GetDelegatedAccessTokenResult], error) {
	in := req.Input
	// Signed with the provider's credentials, as the SDK's model says: the
	// operation has no anonymous auth option, unlike the SAML and web
	// identity ones.
	out, err := call(ctx, "getDelegatedAccessToken", in.Validate(),
		session.Call{Op: "sts:GetDelegatedAccessToken", Hint: delegatedHint},
		func(c *awssts.Client, o ...func(*awssts.Options)) (*awssts.GetDelegatedAccessTokenOutput, error) {
			return c.GetDelegatedAccessToken(ctx, in.Input(), o...)
		})
	if err != nil {
		return infer.FunctionResponse[GetDelegatedAccessTokenResult]{}, err
	}
	c, err := credentialsFrom("sts:GetDelegatedAccessToken", "", out.Credentials)
	if err != nil {
		return infer.FunctionResponse[GetDelegatedAccessTokenResult]{}, err
	}
	return infer.FunctionResponse[GetDelegatedAccessTokenResult]{Output: GetDelegatedAccessTokenResult{
		Credentials: c,
		//nolint:staticcheck // deprecated by AWS and not filled in; kept because the issue's contract names it
		PackedPolicySize: int(aws.ToInt32(out.PackedPolicySize)),
		AssumedPrincipal: aws.ToString(out.AssumedPrincipal),
	}}, nil
}

// delegatedHint is what to do about GetDelegatedAccessToken's errors.
func delegatedHint(code, _ string) string {
	switch code {
	case "ExpiredTradeInTokenException", "ExpiredTradeInToken":
		return "The trade-in token has expired and cannot be exchanged any more: get a new one and run again."
	case "AccessDenied", "AccessDeniedException":
		return "AWS did not accept the trade-in token for the provider's credentials: check that the token " +
			"was issued to the principal the provider runs as (getCallerIdentity names it), and that its " +
			"policies allow sts:GetDelegatedAccessToken."
	}
	return ""
}
