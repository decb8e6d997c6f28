// assumeRoleWithWebIdentity: credentials for a role in exchange for an
// OpenID Connect token, such as the one a CI system hands each job.

package sts

import (
	"context"
	_ "embed"

	"github.com/aws/aws-sdk-go-v2/aws"
	awssts "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/config"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/session"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/stsinput"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

//go:embed assume_role_with_web_identity.md
var assumeRoleWithWebIdentityDoc string

// AssumeRoleWithWebIdentity is aws-identity:sts:assumeRoleWithWebIdentity.
type AssumeRoleWithWebIdentity struct{}

// AssumeRoleWithWebIdentityResult holds temporary credentials for the role and what STS read from the token.
type AssumeRoleWithWebIdentityResult struct {
	stsinput.RoleSession
	SubjectFromWebIdentityToken string `pulumi:"subjectFromWebIdentityToken"`
	Audience                    string `pulumi:"audience"`
	Provider                    string `pulumi:"provider"`
}

func (f *AssumeRoleWithWebIdentity) Annotate(a infer.Annotator) {
	a.Describe(f, assumeRoleWithWebIdentityDoc)
}

func (r *AssumeRoleWithWebIdentityResult) Annotate(a infer.Annotator) {
	a.Describe(&r.SubjectFromWebIdentityToken, "The token's subject (`sub` claim): who the identity provider "+
		"says the caller is, such as `repo:octo-org/app:ref:refs/heads/main`.")
	a.Describe(&r.Audience, "The token's audience (`aud` claim): the client ID the token was issued for.")
	a.Describe(&r.Provider, "The issuer of the token (`iss` claim) as STS names it, such as "+
		"`arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com`, or the providerId given.")
	a.Describe(&r.SourceIdentity, "The source identity the token set on the session, if any.")
}

func (AssumeRoleWithWebIdentity) Invoke(ctx context.Context, req infer.FunctionRequest[AssumeRoleWithWebIdentityArgs]) (infer.FunctionResponse[AssumeRoleWithWebIdentityResult], error) {
	in := req.Input
	if err := violation.Join("arguments to aws-identity:sts:assumeRoleWithWebIdentity", in.Validate()); err != nil {
		return infer.FunctionResponse[AssumeRoleWithWebIdentityResult]{}, err
	}
	// The session's client, so that the configured endpoint, region and
	// network settings apply; but unsigned: the token is the credential,
	// and the provider's own credentials are neither needed nor resolved,
	// nor their account checked.
	s := infer.GetConfig[config.Config](ctx).Session()
	client, err := s.UnsignedSTS(ctx)
	if err != nil {
		return infer.FunctionResponse[AssumeRoleWithWebIdentityResult]{}, err
	}
	out, err := client.AssumeRoleWithWebIdentity(ctx, in.Input(), func(o *awssts.Options) {
		o.Credentials = aws.AnonymousCredentials{}
	})
	if err != nil {
		return infer.FunctionResponse[AssumeRoleWithWebIdentityResult]{}, s.Explain(ctx, err, session.Call{Op: "sts:AssumeRoleWithWebIdentity", Unsigned: true,
			Hint: stsinput.WebIdentityHint})
	}
	rs, err := stsinput.NewRoleSession("sts:AssumeRoleWithWebIdentity", in.RoleArn, out.Credentials,
		out.AssumedRoleUser,
		//nolint:staticcheck // deprecated by AWS, but part of the contract, as in assumeRole
		out.PackedPolicySize, out.SourceIdentity)
	if err != nil {
		return infer.FunctionResponse[AssumeRoleWithWebIdentityResult]{}, err
	}
	return infer.FunctionResponse[AssumeRoleWithWebIdentityResult]{Output: AssumeRoleWithWebIdentityResult{
		RoleSession:                 rs,
		SubjectFromWebIdentityToken: aws.ToString(out.SubjectFromWebIdentityToken),
		Audience:                    aws.ToString(out.Audience),
		Provider:                    aws.ToString(out.Provider),
	}}, nil
}
