package stsinput

import (
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

// Policies are the session policies of every STS call that takes them
// (AssumeRole, AssumeRoleWithWebIdentity, AssumeRoleWithSAML,
// GetFederationToken, the provider's web identity role): embed them, and
// the fields, their descriptions and their checks come along.
type Policies struct {
	PolicyArns []string `pulumi:"policyArns,optional"`
	Policy     *string  `pulumi:"policy,optional"`
}

func (p *Policies) Annotate(an infer.Annotator) {
	an.Describe(&p.PolicyArns, "ARNs of up to 10 IAM managed policies to use as session policies. "+
		"The session's permissions are the intersection of the role's policies and these.")
	an.Describe(&p.Policy, "An inline session policy, as JSON. Together with policyArns it may be at most "+
		"2048 characters of plain text.")
}

// CheckPolicies checks policyArns and policy, each on its own and together.
func (p *Policies) CheckPolicies(l *violation.List) { SessionPolicies(l, p.PolicyArns, p.Policy) }

// PolicyDescriptors are policyArns as the SDK's inputs want them.
func (p *Policies) PolicyDescriptors() []ststypes.PolicyDescriptorType {
	return PolicyDescriptors(p.PolicyArns)
}
