// Package sts holds the functions of the schema module sts, one file each
// with its embedded doc and its tests beside it. The Go package's name is
// the module's, so infer derives every function's token from it:
// AssumeRole is aws-identity:sts:assumeRole.
package sts

import (
	"context"
	_ "embed"

	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/config"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/session"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/stsinput"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

//go:embed assume_role.md
var assumeRoleDoc string

// AssumeRole is aws-identity:sts:assumeRole.
type AssumeRole struct{}

// AssumeRoleResult holds temporary credentials for the role.
type AssumeRoleResult struct {
	stsinput.RoleSession
}

func (f *AssumeRole) Annotate(a infer.Annotator) {
	a.Describe(f, assumeRoleDoc)
}

func (r *AssumeRoleResult) Annotate(a infer.Annotator) {
	a.Describe(&r.PackedPolicySize, "Percentage of the allowed size that the session policies and tags use, "+
		"after AWS packs them. Near 100, the request is close to failing.")
}

func (AssumeRole) Invoke(ctx context.Context, req infer.FunctionRequest[stsinput.Role]) (infer.FunctionResponse[AssumeRoleResult], error) {
	in := req.Input
	if err := violation.Join("arguments to aws-identity:sts:assumeRole", in.Validate("")); err != nil {
		return infer.FunctionResponse[AssumeRoleResult]{}, err
	}
	s := infer.GetConfig[config.Config](ctx).Session()
	client, err := s.STS(ctx)
	if err != nil {
		return infer.FunctionResponse[AssumeRoleResult]{}, err
	}
	out, err := client.AssumeRole(ctx, in.Input())
	if err != nil {
		return infer.FunctionResponse[AssumeRoleResult]{}, s.Explain(ctx, err, session.Call{Op: "sts:AssumeRole", Hint: stsinput.AssumeRoleHint})
	}
	rs, err := stsinput.NewRoleSession("sts:AssumeRole", in.RoleArn, out.Credentials, out.AssumedRoleUser,
		//nolint:staticcheck // deprecated by AWS, but part of the contract pulumi-aws and Terraform users rely on
		out.PackedPolicySize, out.SourceIdentity)
	if err != nil {
		return infer.FunctionResponse[AssumeRoleResult]{}, err
	}
	return infer.FunctionResponse[AssumeRoleResult]{Output: AssumeRoleResult{RoleSession: rs}}, nil
}
