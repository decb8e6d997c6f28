package webidentity

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/assumerole/request"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

// Args are the inputs of STS AssumeRoleWithWebIdentity.
type Args struct {
	RoleArn          string   `pulumi:"roleArn"`
	RoleSessionName  *string  `pulumi:"roleSessionName,optional"`
	WebIdentityToken string   `pulumi:"webIdentityToken" provider:"secret"`
	ProviderId       *string  `pulumi:"providerId,optional"` //nolint:revive // the name AWS gives it
	PolicyArns       []string `pulumi:"policyArns,optional"`
	Policy           *string  `pulumi:"policy,optional"`
	DurationSeconds  *int     `pulumi:"durationSeconds,optional"`
}

// The limits of clientTokenType and urlType in AWS's service model.
const (
	minToken, maxToken       = 4, 20000
	minProvider, maxProvider = 4, 2048
)

func (a *Args) Annotate(an infer.Annotator) {
	an.Describe(&a.RoleArn, "ARN of the IAM role to assume, for example `arn:aws:iam::123456789012:role/ci`. "+
		"Its trust policy must trust the token's identity provider.")
	an.Describe(&a.RoleSessionName, "Name of the session, 2-64 characters of letters, digits and `+=,.@_-`. "+
		"It appears in the assumed-role ARN and in CloudTrail. Defaults to `"+request.DefaultSessionName+"`.")
	an.Describe(&a.WebIdentityToken, "The OpenID Connect ID token (or OAuth 2.0 access token) the identity "+
		"provider issued, 4-20000 characters. Secret: never shown, logged or stored in plain text.")
	an.Describe(&a.ProviderId, "Only for OAuth 2.0 access tokens: the provider's domain, `www.amazon.com` or "+
		"`graph.facebook.com` (4-2048 characters). Leave it out for OpenID Connect ID tokens.")
	an.Describe(&a.PolicyArns, "ARNs of up to 10 IAM managed policies to use as session policies. "+
		"The session's permissions are the intersection of the role's policies and these.")
	an.Describe(&a.Policy, "An inline session policy, as JSON. Together with policyArns it may be at most "+
		"2048 characters of plain text.")
	an.Describe(&a.DurationSeconds, "Lifetime of the credentials in seconds, 900 (15 minutes) to 43200 "+
		"(12 hours), and no more than the role's maximum session duration. AWS's default is 3600.")
}

// SessionName is the session name that will be used.
func (a *Args) SessionName() string {
	if a.RoleSessionName != nil {
		return *a.RoleSessionName
	}
	return request.DefaultSessionName
}

// Validate checks every input against AWS's limits and returns all
// violations at once, each naming its field. No message quotes the token.
func (a *Args) Validate() []violation.Violation {
	l := &violation.List{}
	request.RoleArn(l, "roleArn", a.RoleArn)
	if a.RoleSessionName != nil {
		l.SessionName("roleSessionName", *a.RoleSessionName)
	}
	// The length only: any character could be part of the secret.
	l.Length("webIdentityToken", a.WebIdentityToken, minToken, maxToken)
	if a.ProviderId != nil {
		l.Length("providerId", *a.ProviderId, minProvider, maxProvider)
	}
	request.SessionPolicies(l, a.PolicyArns, a.Policy)
	if a.DurationSeconds != nil {
		l.Duration("durationSeconds", *a.DurationSeconds)
	}
	return l.All
}

// Input builds the AssumeRoleWithWebIdentity request. Call Validate first.
func (a *Args) Input() *sts.AssumeRoleWithWebIdentityInput {
	in := &sts.AssumeRoleWithWebIdentityInput{
		RoleArn:          aws.String(a.RoleArn),
		RoleSessionName:  aws.String(a.SessionName()),
		WebIdentityToken: aws.String(a.WebIdentityToken),
		ProviderId:       a.ProviderId,
		Policy:           a.Policy,
	}
	if a.DurationSeconds != nil {
		in.DurationSeconds = aws.Int32(int32(*a.DurationSeconds))
	}
	in.PolicyArns = request.PolicyDescriptors(a.PolicyArns)
	return in
}
