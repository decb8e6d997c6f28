package assumerole

import (
	"context"
	_ "embed"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/assumerole/request"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/config"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/tempcreds"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

//go:embed assume_role.md
var doc string

// AssumeRole is aws-identity:sts:assumeRole.
type AssumeRole struct{}

// Result holds temporary credentials for the role.
type Result struct {
	Credentials      tempcreds.Credentials     `pulumi:"credentials"`
	AssumedRoleUser  tempcreds.AssumedRoleUser `pulumi:"assumedRoleUser"`
	PackedPolicySize int                       `pulumi:"packedPolicySize"`
	SourceIdentity   string                    `pulumi:"sourceIdentity"`
}

func (f *AssumeRole) Annotate(a infer.Annotator) {
	a.SetToken("sts", "assumeRole")
	a.Describe(f, doc)
}

func (r *Result) Annotate(a infer.Annotator) {
	a.Describe(&r.Credentials, "The temporary credentials. secretAccessKey and sessionToken are secrets.")
	a.Describe(&r.AssumedRoleUser, "The session the credentials belong to.")
	a.Describe(&r.PackedPolicySize, "Percentage of the allowed size that the session policies and tags use, "+
		"after AWS packs them. Near 100, the request is close to failing.")
	a.Describe(&r.SourceIdentity, "The source identity stamped on the session, if any.")
}

func (AssumeRole) Invoke(ctx context.Context, req infer.FunctionRequest[request.Args]) (infer.FunctionResponse[Result], error) {
	in := req.Input
	if err := violation.Join("arguments to aws-identity:sts:assumeRole", in.Validate("")); err != nil {
		return infer.FunctionResponse[Result]{}, err
	}
	s := infer.GetConfig[config.Config](ctx).Session()
	client, err := s.STS(ctx)
	if err != nil {
		return infer.FunctionResponse[Result]{}, err
	}
	out, err := client.AssumeRole(ctx, in.Input())
	if err != nil {
		return infer.FunctionResponse[Result]{}, s.Explain(ctx, err, "sts:AssumeRole")
	}
	c, okC := tempcreds.From(out.Credentials)
	u, okU := tempcreds.User(out.AssumedRoleUser)
	if !okC || !okU {
		return infer.FunctionResponse[Result]{}, fmt.Errorf("sts:AssumeRole answered without credentials for %s; "+
			"check that the STS endpoint is AWS's or a faithful emulator", in.RoleArn)
	}
	return infer.FunctionResponse[Result]{Output: Result{
		Credentials:     c,
		AssumedRoleUser: u,
		//nolint:staticcheck // deprecated by AWS, but part of the contract pulumi-aws and Terraform users rely on
		PackedPolicySize: int(aws.ToInt32(out.PackedPolicySize)),
		SourceIdentity:   aws.ToString(out.SourceIdentity),
	}}, nil
}
