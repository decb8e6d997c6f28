// Package stsinput is the neutral home of the STS shapes that several
// functions and the provider's configuration share: the role to assume,
// session policies, tags, MFA, provided contexts, the checks of each against
// the STS service model, their conversion to the SDK's input types, and the
// credentials STS hands out. It knows nothing of any one function.
package stsinput

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	awssts "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/pulumi/pulumi-go-provider/infer"
)

// DefaultSessionName names sessions whose caller gave no roleSessionName, so
// that CloudTrail still shows which tool made them.
const DefaultSessionName = "pulumi-aws-identity"

// Role is the inputs of STS AssumeRole: the assumeRole function's arguments
// and each role of the provider's assumeRole and assumeRoles configuration.
type Role struct {
	RoleArn         string  `pulumi:"roleArn"`
	RoleSessionName *string `pulumi:"roleSessionName,optional"`
	Policies
	DurationSeconds   *int              `pulumi:"durationSeconds,optional"`
	Tags              map[string]string `pulumi:"tags,optional"`
	TransitiveTagKeys []string          `pulumi:"transitiveTagKeys,optional"`
	ExternalId        *string           `pulumi:"externalId,optional"`
	SerialNumber      *string           `pulumi:"serialNumber,optional"`
	TokenCode         *string           `pulumi:"tokenCode,optional" provider:"secret"`
	SourceIdentity    *string           `pulumi:"sourceIdentity,optional"`
	ProvidedContexts  []ProvidedContext `pulumi:"providedContexts,optional"`
}

// ProvidedContext is a trusted context assertion, such as one from IAM
// Identity Center's trusted identity propagation.
type ProvidedContext struct {
	ProviderArn      string `pulumi:"providerArn"`
	ContextAssertion string `pulumi:"contextAssertion"`
}

func (a *Role) Annotate(an infer.Annotator) {
	an.SetToken("index", "AssumeRole")
	an.Describe(a, "The inputs of STS AssumeRole.")
	an.Describe(&a.RoleArn, "ARN of the IAM role to assume, for example `arn:aws:iam::123456789012:role/Deployer`.")
	an.Describe(&a.RoleSessionName, "Name of the session, 2-64 characters of letters, digits and `+=,.@_-`. "+
		"It appears in the assumed-role ARN and in CloudTrail. Defaults to `"+DefaultSessionName+"`.")
	an.Describe(&a.DurationSeconds, "Lifetime of the credentials in seconds, 900 (15 minutes) to 43200 "+
		"(12 hours), and no more than the role's maximum session duration. AWS's default is 3600.")
	an.Describe(&a.Tags, "Up to 50 session tags. Keys are 1-128 characters, values 0-256, of letters, digits, "+
		"spaces and `_.:/=+-@`; keys must be unique ignoring case.")
	an.Describe(&a.TransitiveTagKeys, "Keys of session tags that pass on to sessions this one assumes next "+
		"(role chaining). Each must be a key of tags.")
	an.Describe(&a.ExternalId, "The external ID the role's trust policy requires, 2-1224 characters of "+
		"letters, digits and `+=,.@:/-_`.")
	an.Describe(&a.SerialNumber, "Serial number or ARN of the MFA device, when the trust policy requires MFA. "+
		"Requires tokenCode.")
	an.Describe(&a.TokenCode, "The 6-digit code from the MFA device. Requires serialNumber. Kept secret.")
	an.Describe(&a.SourceIdentity, "Source identity to stamp on the session, 2-64 characters of letters, "+
		"digits and `+=,.@_-`, not starting with `aws:`.")
	an.Describe(&a.ProvidedContexts, "Up to 5 context assertions from trusted context providers.")
}

func (c *ProvidedContext) Annotate(an infer.Annotator) {
	an.SetToken("sts", "ProvidedContext")
	an.Describe(c, "A context assertion signed by a trusted context provider.")
	an.Describe(&c.ProviderArn, "ARN of the context provider, for example `arn:aws:iam::aws:contextProvider/IdentityCenter`.")
	an.Describe(&c.ContextAssertion, "The signed context assertion, 4-2048 characters.")
}

// SessionName is the session name that will be used.
func (a *Role) SessionName() string { return SessionName(a.RoleSessionName) }

// SessionName is name, or DefaultSessionName when none is given.
func SessionName(name *string) string {
	if name != nil {
		return *name
	}
	return DefaultSessionName
}

// Input builds the AssumeRole request. Call Validate first.
func (a *Role) Input() *awssts.AssumeRoleInput {
	in := &awssts.AssumeRoleInput{
		RoleArn:           aws.String(a.RoleArn),
		RoleSessionName:   aws.String(a.SessionName()),
		Policy:            a.Policy,
		ExternalId:        a.ExternalId,
		SerialNumber:      a.SerialNumber,
		TokenCode:         a.TokenCode,
		SourceIdentity:    a.SourceIdentity,
		TransitiveTagKeys: a.TransitiveTagKeys,
		DurationSeconds:   Duration(a.DurationSeconds),
		PolicyArns:        a.PolicyDescriptors(),
		Tags:              SDKTags(a.Tags),
		ProvidedContexts:  SDKProvidedContexts(a.ProvidedContexts),
	}
	return in
}
