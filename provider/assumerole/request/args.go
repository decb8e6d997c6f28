// Package request holds the inputs of STS AssumeRole, shared by the
// assumeRole function and the provider's assumeRole configuration block, with
// every limit AWS documents checked before a call is made.
package request

import (
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
	"github.com/pulumi/pulumi-go-provider/infer"
)

// DefaultSessionName names sessions whose caller gave no roleSessionName, so
// that CloudTrail still shows which tool made them.
const DefaultSessionName = "pulumi-aws-identity"

// Args are the inputs of STS AssumeRole.
type Args struct {
	RoleArn           string            `pulumi:"roleArn"`
	RoleSessionName   *string           `pulumi:"roleSessionName,optional"`
	PolicyArns        []string          `pulumi:"policyArns,optional"`
	Policy            *string           `pulumi:"policy,optional"`
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

func (a *Args) Annotate(an infer.Annotator) {
	an.SetToken("index", "AssumeRole")
	an.Describe(a, "The inputs of STS AssumeRole.")
	an.Describe(&a.RoleArn, "ARN of the IAM role to assume, for example `arn:aws:iam::123456789012:role/Deployer`.")
	an.Describe(&a.RoleSessionName, "Name of the session, 2-64 characters of letters, digits and `+=,.@_-`. "+
		"It appears in the assumed-role ARN and in CloudTrail. Defaults to `"+DefaultSessionName+"`.")
	an.Describe(&a.PolicyArns, "ARNs of up to 10 IAM managed policies to use as session policies. "+
		"The session's permissions are the intersection of the role's policies and these.")
	an.Describe(&a.Policy, "An inline session policy, as JSON. Together with policyArns it may be at most "+
		"2048 characters of plain text.")
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
func (a *Args) SessionName() string {
	if a.RoleSessionName != nil {
		return *a.RoleSessionName
	}
	return DefaultSessionName
}

// Input builds the AssumeRole request. Call Validate first.
func (a *Args) Input() *sts.AssumeRoleInput {
	in := &sts.AssumeRoleInput{
		RoleArn:           aws.String(a.RoleArn),
		RoleSessionName:   aws.String(a.SessionName()),
		Policy:            a.Policy,
		ExternalId:        a.ExternalId,
		SerialNumber:      a.SerialNumber,
		TokenCode:         a.TokenCode,
		SourceIdentity:    a.SourceIdentity,
		TransitiveTagKeys: a.TransitiveTagKeys,
	}
	if a.DurationSeconds != nil {
		in.DurationSeconds = aws.Int32(int32(*a.DurationSeconds))
	}
	in.PolicyArns = PolicyDescriptors(a.PolicyArns)
	in.Tags = SDKTags(a.Tags)
	for _, c := range a.ProvidedContexts {
		in.ProvidedContexts = append(in.ProvidedContexts, ststypes.ProvidedContext{
			ProviderArn: aws.String(c.ProviderArn), ContextAssertion: aws.String(c.ContextAssertion),
		})
	}
	return in
}

// SDKTags is session tags as every STS request that takes them wants them,
// in the order of their keys.
func SDKTags(tags map[string]string) []ststypes.Tag {
	var list []ststypes.Tag
	for _, k := range sortedKeys(tags) {
		list = append(list, ststypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return list
}

// PolicyDescriptors are session policy ARNs as every STS request that takes
// them wants them.
func PolicyDescriptors(arns []string) []ststypes.PolicyDescriptorType {
	var ds []ststypes.PolicyDescriptorType
	for _, a := range arns {
		ds = append(ds, ststypes.PolicyDescriptorType{Arn: aws.String(a)})
	}
	return ds
}
