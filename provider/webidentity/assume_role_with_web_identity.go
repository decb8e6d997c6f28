// Package webidentity is the assumeRoleWithWebIdentity function: credentials
// for a role in exchange for an OpenID Connect token, such as the one a CI
// system hands each job.
package webidentity

import (
	"context"
	_ "embed"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/config"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/tempcreds"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

//go:embed assume_role_with_web_identity.md
var doc string

// AssumeRoleWithWebIdentity is aws-identity:sts:assumeRoleWithWebIdentity.
type AssumeRoleWithWebIdentity struct{}

// Result holds temporary credentials for the role and what STS read from the token.
type Result struct {
	Credentials                 tempcreds.Credentials     `pulumi:"credentials"`
	AssumedRoleUser             tempcreds.AssumedRoleUser `pulumi:"assumedRoleUser"`
	SubjectFromWebIdentityToken string                    `pulumi:"subjectFromWebIdentityToken"`
	Audience                    string                    `pulumi:"audience"`
	Provider                    string                    `pulumi:"provider"`
	PackedPolicySize            int                       `pulumi:"packedPolicySize"`
	SourceIdentity              string                    `pulumi:"sourceIdentity"`
}

func (f *AssumeRoleWithWebIdentity) Annotate(a infer.Annotator) {
	a.SetToken("sts", "assumeRoleWithWebIdentity")
	a.Describe(f, doc)
}

func (r *Result) Annotate(a infer.Annotator) {
	a.Describe(&r.Credentials, "The temporary credentials. secretAccessKey and sessionToken are secrets.")
	a.Describe(&r.AssumedRoleUser, "The session the credentials belong to.")
	a.Describe(&r.SubjectFromWebIdentityToken, "The token's subject (`sub` claim): who the identity provider "+
		"says the caller is, such as `repo:octo-org/app:ref:refs/heads/main`.")
	a.Describe(&r.Audience, "The token's audience (`aud` claim): the client ID the token was issued for.")
	a.Describe(&r.Provider, "The issuer of the token (`iss` claim) as STS names it, such as "+
		"`arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com`, or the providerId given.")
	a.Describe(&r.PackedPolicySize, "Percentage of the allowed size that the session policies use, after AWS "+
		"packs them. Near 100, the request is close to failing.")
	a.Describe(&r.SourceIdentity, "The source identity the token set on the session, if any.")
}

func (AssumeRoleWithWebIdentity) Invoke(ctx context.Context, req infer.FunctionRequest[Args]) (infer.FunctionResponse[Result], error) {
	in := req.Input
	if err := violation.Join("arguments to aws-identity:sts:assumeRoleWithWebIdentity", in.Validate()); err != nil {
		return infer.FunctionResponse[Result]{}, err
	}
	// The session's client, so that the configured endpoint, region and
	// network settings apply; but unsigned: the token is the credential,
	// and the provider's own credentials are neither needed nor resolved,
	// nor their account checked.
	s := infer.GetConfig[config.Config](ctx).Session()
	client, err := s.UnsignedSTS(ctx)
	if err != nil {
		return infer.FunctionResponse[Result]{}, err
	}
	out, err := client.AssumeRoleWithWebIdentity(ctx, in.Input(), func(o *sts.Options) {
		o.Credentials = aws.AnonymousCredentials{}
	})
	if err != nil {
		return infer.FunctionResponse[Result]{}, s.ExplainSTS(ctx, err, "sts:AssumeRoleWithWebIdentity")
	}
	c, okC := tempcreds.From(out.Credentials)
	u, okU := tempcreds.User(out.AssumedRoleUser)
	if !okC || !okU {
		return infer.FunctionResponse[Result]{}, fmt.Errorf("sts:AssumeRoleWithWebIdentity answered without "+
			"credentials for %s; check that the STS endpoint is AWS's or a faithful emulator", in.RoleArn)
	}
	return infer.FunctionResponse[Result]{Output: Result{
		Credentials:                 c,
		AssumedRoleUser:             u,
		SubjectFromWebIdentityToken: aws.ToString(out.SubjectFromWebIdentityToken),
		Audience:                    aws.ToString(out.Audience),
		Provider:                    aws.ToString(out.Provider),
		//nolint:staticcheck // deprecated by AWS, but part of the contract, as in assumeRole
		PackedPolicySize: int(aws.ToInt32(out.PackedPolicySize)),
		SourceIdentity:   aws.ToString(out.SourceIdentity),
	}}, nil
}
