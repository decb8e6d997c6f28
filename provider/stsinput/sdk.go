package stsinput

import (
	"sort"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
)

// Duration is an optional durationSeconds as the SDK's inputs want it.
// Validate first: the checks keep it within int32.
func Duration(seconds *int) *int32 {
	if seconds == nil {
		return nil
	}
	return aws.Int32(int32(*seconds))
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

// SDKTags are session tags in the SDK's shape, by key, so that a request is
// the same every time.
func SDKTags(tags map[string]string) []ststypes.Tag {
	var ts []ststypes.Tag
	for _, k := range sortedKeys(tags) {
		ts = append(ts, ststypes.Tag{Key: aws.String(k), Value: aws.String(tags[k])})
	}
	return ts
}

// SDKProvidedContexts are provided contexts in the SDK's shape.
func SDKProvidedContexts(cs []ProvidedContext) []ststypes.ProvidedContext {
	var out []ststypes.ProvidedContext
	for _, c := range cs {
		out = append(out, ststypes.ProvidedContext{
			ProviderArn: aws.String(c.ProviderArn), ContextAssertion: aws.String(c.ContextAssertion),
		})
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// FederationTokenInput is a GetFederationToken request: the
// getFederationToken function's, and the one getConsoleSigninUrl makes for
// long-term keys. Check name with FederatedName and p with CheckPolicies
// first.
func FederationTokenInput(name string, p Policies, seconds *int, tags map[string]string) *sts.GetFederationTokenInput {
	return &sts.GetFederationTokenInput{
		Name:            aws.String(name),
		Policy:          p.Policy,
		PolicyArns:      p.PolicyDescriptors(),
		Tags:            SDKTags(tags),
		DurationSeconds: Duration(seconds),
	}
}
