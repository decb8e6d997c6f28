package sts

import (
	"context"
	_ "embed"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awssts "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/session"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/stsinput"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

//go:embed get_federation_token.md
var federationDoc string

// GetFederationToken is aws-identity:sts:getFederationToken.
type GetFederationToken struct{}

// GetFederationTokenArgs are the inputs of STS GetFederationToken.
type GetFederationTokenArgs struct {
	Name string `pulumi:"name"`
	stsinput.Policies
	DurationSeconds *int              `pulumi:"durationSeconds,optional"`
	Tags            map[string]string `pulumi:"tags,optional"`
}

// GetFederationTokenResult holds the federated user's temporary credentials.
type GetFederationTokenResult struct {
	Credentials      stsinput.Credentials `pulumi:"credentials"`
	FederatedUser    FederatedUser        `pulumi:"federatedUser"`
	PackedPolicySize int                  `pulumi:"packedPolicySize"`
}

// GetFederationToken's durationSecondsType in AWS's service model: 15
// minutes to 36 hours. (Its userNameType is stsinput.FederatedName's.)
const minFederationDuration, maxFederationDuration = 900, 129600

// FederatedUser names the federated user session.
type FederatedUser struct {
	Arn             string `pulumi:"arn"`
	FederatedUserID string `pulumi:"federatedUserId"`
}

func (f *GetFederationToken) Annotate(a infer.Annotator) { a.Describe(f, federationDoc) }

func (a *GetFederationTokenArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.Name, "Name of the federated user, 2-32 characters of letters, digits and `+=,.@_-`. It "+
		"appears in the federated user's ARN, in CloudTrail, and can be named in resource policies.")
	an.Describe(&a.Policy, "An inline session policy, as JSON. Without policy or policyArns the session has "+
		"no permissions. Together with policyArns it may be at most 2048 characters of plain text.")
	an.Describe(&a.PolicyArns, "ARNs of up to 10 IAM managed policies to use as session policies, in the IAM "+
		"user's account. The session's permissions are the intersection of the user's policies and these.")
	an.Describe(&a.DurationSeconds, "Lifetime of the credentials in seconds, 900 (15 minutes) to 129600 "+
		"(36 hours); at most 3600 for the root user, which AWS cuts longer sessions to. AWS's default is 43200.")
	an.Describe(&a.Tags, stsinput.TagsDoc)
}

func (r *GetFederationTokenResult) Annotate(a infer.Annotator) {
	a.Describe(&r.Credentials, stsinput.CredentialsDoc)
	a.Describe(&r.FederatedUser, "The federated user the credentials belong to.")
	a.Describe(&r.PackedPolicySize, "Percentage of the allowed size that the session policies and tags use, "+
		"after AWS packs them. Near 100, the request is close to failing.")
}

func (u *FederatedUser) Annotate(a infer.Annotator) {
	a.Describe(u, "A federated user session.")
	a.Describe(&u.Arn, "ARN of the federated user, `arn:aws:sts::ACCOUNT:federated-user/NAME`: what "+
		"getCallerIdentity returns under these credentials.")
	a.Describe(&u.FederatedUserID, "Unique ID of the federated user, `ACCOUNT:NAME`.")
}

// Validate checks every input against AWS's limits and returns all
// violations at once, each naming its field.
func (a *GetFederationTokenArgs) Validate() []violation.Violation {
	l := &violation.List{}
	stsinput.FederatedName(l, "name", a.Name)
	a.CheckPolicies(l)
	if a.DurationSeconds != nil {
		l.Range("durationSeconds", *a.DurationSeconds, minFederationDuration, maxFederationDuration,
			"between 900 (15 minutes) and 129600 (36 hours)")
	}
	stsinput.Tags(l, "tags", a.Tags)
	return l.All
}

// Input builds the GetFederationToken request. Call Validate first.
func (a *GetFederationTokenArgs) Input() *awssts.GetFederationTokenInput {
	return stsinput.FederationTokenInput(a.Name, a.Policies, a.DurationSeconds, a.Tags)
}

func (GetFederationToken) Invoke(ctx context.Context, req infer.FunctionRequest[GetFederationTokenArgs]) (infer.FunctionResponse[GetFederationTokenResult], error) {
	in := req.Input
	out, err := call(ctx, "getFederationToken", in.Validate(),
		session.Call{Op: "sts:GetFederationToken", Hint: federationHint},
		func(c *awssts.Client, o ...func(*awssts.Options)) (*awssts.GetFederationTokenOutput, error) {
			return c.GetFederationToken(ctx, in.Input(), o...)
		})
	if err != nil {
		return infer.FunctionResponse[GetFederationTokenResult]{}, err
	}
	c, err := credentialsFrom("sts:GetFederationToken", "federated user "+violation.Quote(in.Name), out.Credentials)
	if err == nil && out.FederatedUser == nil {
		err = stsinput.NoCredentials("sts:GetFederationToken", "federated user "+violation.Quote(in.Name))
	}
	if err != nil {
		return infer.FunctionResponse[GetFederationTokenResult]{}, err
	}
	return infer.FunctionResponse[GetFederationTokenResult]{Output: GetFederationTokenResult{
		Credentials: c,
		FederatedUser: FederatedUser{
			Arn:             aws.ToString(out.FederatedUser.Arn),
			FederatedUserID: aws.ToString(out.FederatedUser.FederatedUserId),
		},
		//nolint:staticcheck // deprecated by AWS, but part of the contract, as in assumeRole
		PackedPolicySize: int(aws.ToInt32(out.PackedPolicySize)),
	}}, nil
}

// federationHint is what to do about GetFederationToken's errors.
func federationHint(code, message string) string {
	lower := strings.ToLower(message)
	switch code {
	case "AccessDenied", "AccessDeniedException":
		if strings.Contains(lower, "session credentials") || strings.Contains(lower, "temporary") ||
			strings.Contains(lower, "assumed-role") {
			return "GetFederationToken needs the long-term access keys of an IAM user (or of the root user), but " +
				"the provider's credentials are temporary (a role, SSO or another session): configure the IAM " +
				"user's keys (see getCredentials for where the provider's come from), or use assumeRole."
		}
		return "The IAM user's policies must allow sts:GetFederationToken (and sts:TagSession when tags are " +
			"given)."
	case "ValidationError":
		if strings.Contains(lower, "duration") {
			return "Check durationSeconds: 900 to 129600 for an IAM user; the root user's sessions last at most " +
				"3600 seconds."
		}
	}
	return ""
}
