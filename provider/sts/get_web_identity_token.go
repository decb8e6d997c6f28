package sts

import (
	"context"
	_ "embed"
	"errors"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	awssts "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/redact"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/session"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/stsinput"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

//go:embed get_web_identity_token.md
var getWebIdentityTokenDoc string

// GetWebIdentityToken is aws-identity:sts:getWebIdentityToken: outbound
// identity federation, a JWT that AWS signs for the caller, for other clouds
// and services to trust.
type GetWebIdentityToken struct{}

// GetWebIdentityTokenArgs are the inputs of STS GetWebIdentityToken.
type GetWebIdentityTokenArgs struct {
	Audience         []string          `pulumi:"audience"`
	SigningAlgorithm string            `pulumi:"signingAlgorithm"`
	DurationSeconds  *int              `pulumi:"durationSeconds,optional"`
	Tags             map[string]string `pulumi:"tags,optional"`
}

// GetWebIdentityTokenResult is the signed token.
type GetWebIdentityTokenResult struct {
	WebIdentityToken string `pulumi:"webIdentityToken" provider:"secret"`
	Expiration       string `pulumi:"expiration"`
}

// GetWebIdentityToken's limits, from the STS service model (2011-06-15):
// webIdentityTokenAudienceListType holds 1-10 audiences of 1-1000 characters
// (webIdentityTokenAudienceStringType), webIdentityTokenDurationSecondsType
// is 60-3600, jwtAlgorithmType is 5 characters, RS256 or ES384 in its
// documentation.
const (
	minAudiences, maxAudiences           = 1, 10
	minAudience, maxAudience             = 1, 1000
	minTokenDuration, maxTokenDuration   = 60, 3600
	tokenDurationWords                   = "between 60 (1 minute) and 3600 (1 hour)"
	algorithmRS256, algorithmES384       = "RS256", "ES384"
	webIdentityTokenToken, webIdentityOp = "aws-identity:sts:getWebIdentityToken", "sts:GetWebIdentityToken"
)

func (f *GetWebIdentityToken) Annotate(a infer.Annotator) { a.Describe(f, getWebIdentityTokenDoc) }

func (a *GetWebIdentityTokenArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.Audience, "1-10 audiences, each 1-1000 characters: who the token is for (its `aud` claim), "+
		"such as `api://AzureADTokenExchange` or `https://iam.googleapis.com/projects/...`.")
	an.Describe(&a.SigningAlgorithm, "The algorithm AWS signs the token with: `RS256` (RSA with SHA-256) or "+
		"`ES384` (ECDSA with P-384 and SHA-384).")
	an.Describe(&a.DurationSeconds, "Lifetime of the token in seconds, 60 (1 minute) to 3600 (1 hour). AWS's default is 300.")
	an.Describe(&a.Tags, "Up to 50 custom claims for the token. Keys are 1-128 characters, values 0-256, of letters, "+
		"digits, spaces and `_.:/=+-@`; keys must be unique ignoring case.")
}

func (r *GetWebIdentityTokenResult) Annotate(a infer.Annotator) {
	a.Describe(&r.WebIdentityToken, "The signed JSON Web Token (JWT). Secret.")
	a.Describe(&r.Expiration, "When the token expires, in RFC 3339 (UTC).")
}

// Validate checks every input against AWS's limits and returns all
// violations at once, each naming its field.
func (a *GetWebIdentityTokenArgs) Validate() []violation.Violation {
	l := &violation.List{}
	if len(a.Audience) < minAudiences {
		l.Add("audience", "must hold at least %d audience: who the token is for", minAudiences)
	}
	l.Count("audience", len(a.Audience), maxAudiences, "audiences")
	for i, aud := range a.Audience {
		l.Length(fmt.Sprintf("audience[%d]", i), aud, minAudience, maxAudience)
	}
	if a.SigningAlgorithm != algorithmRS256 && a.SigningAlgorithm != algorithmES384 {
		l.Add("signingAlgorithm", "must be %s or %s, but is %s", algorithmRS256, algorithmES384,
			violation.Quote(a.SigningAlgorithm))
	}
	if a.DurationSeconds != nil {
		l.Range("durationSeconds", *a.DurationSeconds, minTokenDuration, maxTokenDuration, tokenDurationWords)
	}
	stsinput.Tags(l, "tags", a.Tags)
	return l.All
}

// Input builds the GetWebIdentityToken request. Call Validate first.
func (a *GetWebIdentityTokenArgs) Input() *awssts.GetWebIdentityTokenInput {
	return &awssts.GetWebIdentityTokenInput{
		Audience:         a.Audience,
		SigningAlgorithm: aws.String(a.SigningAlgorithm),
		DurationSeconds:  stsinput.Duration(a.DurationSeconds),
		Tags:             stsinput.SDKTags(a.Tags),
	}
}

func (GetWebIdentityToken) Invoke(ctx context.Context, req infer.FunctionRequest[GetWebIdentityTokenArgs]) (infer.FunctionResponse[GetWebIdentityTokenResult], error) {
	var none infer.FunctionResponse[GetWebIdentityTokenResult]
	in := req.Input
	if err := violation.Join("arguments to "+webIdentityTokenToken, in.Validate()); err != nil {
		return none, err
	}
	s, client, err := regionalClient(ctx, webIdentityTokenToken, webIdentityOp)
	if err != nil {
		return none, err
	}
	out, err := client.GetWebIdentityToken(ctx, in.Input())
	if err != nil {
		return none, s.Explain(ctx, err, session.Call{Op: webIdentityOp, Hint: webIdentityTokenHint})
	}
	token := aws.ToString(out.WebIdentityToken)
	if token == "" {
		return none, errNoWebIdentityToken
	}
	// A later error message quoting the token (a program handing it on)
	// has it removed.
	redact.Remember(token)
	return infer.FunctionResponse[GetWebIdentityTokenResult]{Output: GetWebIdentityTokenResult{
		WebIdentityToken: token, Expiration: stsinput.Time(aws.ToTime(out.Expiration))}}, nil
}

var errNoWebIdentityToken = errors.New("sts:GetWebIdentityToken answered without a token; " +
	"check that the STS endpoint is AWS's or a faithful emulator")

// webIdentityTokenHint is what GetWebIdentityToken's refusals mean.
func webIdentityTokenHint(code, message string) string {
	switch code {
	case "OutboundWebIdentityFederationDisabledException", "OutboundWebIdentityFederationDisabled":
		return "Outbound identity federation is not enabled for this account: enable it once (IAM console, " +
			"Account settings, or `aws iam enable-outbound-web-identity-federation`), which also publishes " +
			"the account's issuer URL and keys for the token's audience to verify."
	case "SessionDurationEscalationException", "SessionDurationEscalation":
		return "durationSeconds asks for a token that would outlive the caller's own session: use a shorter " +
			"durationSeconds, or call with credentials that last longer."
	case "JWTPayloadSizeExceededException", "JWTPayloadSizeExceeded":
		return "The token would be too large: use fewer or shorter tags and audiences."
	case "AccessDenied", "AccessDeniedException":
		return "The caller's IAM policies must allow sts:GetWebIdentityToken for this audience and signing " +
			"algorithm, and no service control policy may deny it."
	}
	return ""
}
