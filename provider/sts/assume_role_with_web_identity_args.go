package sts

import (
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	awssts "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/stsinput"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

// AssumeRoleWithWebIdentityArgs are the inputs of STS AssumeRoleWithWebIdentity.
type AssumeRoleWithWebIdentityArgs struct {
	RoleArn          string  `pulumi:"roleArn"`
	RoleSessionName  *string `pulumi:"roleSessionName,optional"`
	WebIdentityToken string  `pulumi:"webIdentityToken" provider:"secret"`
	ProviderId       *string `pulumi:"providerId,optional"` //nolint:revive // the name AWS gives it
	stsinput.Policies
	DurationSeconds *int `pulumi:"durationSeconds,optional"`
}

func (a *AssumeRoleWithWebIdentityArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.RoleArn, "ARN of the IAM role to assume, for example `arn:aws:iam::123456789012:role/ci`. "+
		"Its trust policy must trust the token's identity provider.")
	an.Describe(&a.RoleSessionName, "Name of the session, 2-64 characters of letters, digits and `+=,.@_-`. "+
		"It appears in the assumed-role ARN and in CloudTrail. Defaults to `"+stsinput.DefaultSessionName+"`.")
	an.Describe(&a.WebIdentityToken, fmt.Sprintf("The OpenID Connect ID token (or OAuth 2.0 access token) the "+
		"identity provider issued, %d-%d characters. Secret: never shown, logged or stored in plain text.",
		stsinput.MinWebIdentityToken, stsinput.MaxWebIdentityToken))
	an.Describe(&a.ProviderId, fmt.Sprintf("Only for OAuth 2.0 access tokens: the provider's domain, "+
		"`www.amazon.com` or `graph.facebook.com` (%d-%d characters). Leave it out for OpenID Connect ID tokens.",
		stsinput.MinProviderID, stsinput.MaxProviderID))
	an.Describe(&a.DurationSeconds, "Lifetime of the credentials in seconds, 900 (15 minutes) to 43200 "+
		"(12 hours), and no more than the role's maximum session duration. AWS's default is 3600.")
}

// SessionName is the session name that will be used.
func (a *AssumeRoleWithWebIdentityArgs) SessionName() string {
	return stsinput.SessionName(a.RoleSessionName)
}

// Validate checks every input against AWS's limits and returns all
// violations at once, each naming its field. No message quotes the token.
func (a *AssumeRoleWithWebIdentityArgs) Validate() []violation.Violation {
	l := &violation.List{}
	stsinput.RoleArn(l, "roleArn", a.RoleArn)
	if a.RoleSessionName != nil {
		l.SessionName("roleSessionName", *a.RoleSessionName)
	}
	stsinput.WebIdentityToken(l, "webIdentityToken", a.WebIdentityToken)
	if a.ProviderId != nil {
		l.Length("providerId", *a.ProviderId, stsinput.MinProviderID, stsinput.MaxProviderID)
	}
	a.CheckPolicies(l)
	if a.DurationSeconds != nil {
		l.Duration("durationSeconds", *a.DurationSeconds)
	}
	return l.All
}

// Input builds the AssumeRoleWithWebIdentity stsinput. Call Validate first.
func (a *AssumeRoleWithWebIdentityArgs) Input() *awssts.AssumeRoleWithWebIdentityInput {
	in := &awssts.AssumeRoleWithWebIdentityInput{
		RoleArn:          aws.String(a.RoleArn),
		RoleSessionName:  aws.String(a.SessionName()),
		WebIdentityToken: aws.String(a.WebIdentityToken),
		ProviderId:       a.ProviderId,
		Policy:           a.Policy,
		PolicyArns:       a.PolicyDescriptors(),
		DurationSeconds:  stsinput.Duration(a.DurationSeconds),
	}
	return in
}
