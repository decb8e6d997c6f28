// trimIamRolePath: a role ARN without its path, with no AWS call.

package index

import (
	"context"
	_ "embed"
	"strings"

	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

//go:embed trim_iam_role_path.md
var trimIamRolePathDoc string

// TrimIamRolePath is aws-identity:index:trimIamRolePath.
type TrimIamRolePath struct{}

// TrimIamRolePathArgs is the role ARN to trim.
type TrimIamRolePathArgs struct {
	Arn string `pulumi:"arn"`
}

// TrimIamRolePathResult is the role ARN without its path.
type TrimIamRolePathResult struct {
	Arn string `pulumi:"arn"`
}

func (f *TrimIamRolePath) Annotate(a infer.Annotator) { a.Describe(f, trimIamRolePathDoc) }

func (a *TrimIamRolePathArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.Arn, "An IAM role's ARN, with or without a path: `arn:aws:iam::444455556666:role/with/path/example`.")
}

func (r *TrimIamRolePathResult) Annotate(a infer.Annotator) {
	a.Describe(&r.Arn, "The role's ARN without its path: `arn:aws:iam::444455556666:role/example`.")
}

const rolePrefix = "role/"

// Validate checks that arn is an IAM role's ARN, every problem at once.
func (a *TrimIamRolePathArgs) Validate() []violation.Violation {
	l := &violation.List{}
	r, ok := parseARN(l, "arn", a.Arn)
	if !ok {
		return l.All
	}
	// The words of Terraform's trim_iam_role_path, so its users recognise them.
	if r.Service != "iam" {
		l.Add("arn", `service must be "iam", not %s: this is not an IAM role's ARN`, violation.Quote(r.Service))
	}
	if r.Region != "" {
		l.Add("arn", "region must be empty (IAM is global), not %s", violation.Quote(r.Region))
	}
	if !strings.HasPrefix(r.Resource, rolePrefix) || len(r.Resource) == len(rolePrefix) || strings.HasSuffix(r.Resource, "/") {
		l.Add("arn", `resource must begin with "role/" and end with the role's name, not %s`, violation.Quote(r.Resource))
	}
	return l.All
}

func (TrimIamRolePath) Invoke(_ context.Context, req infer.FunctionRequest[TrimIamRolePathArgs]) (infer.FunctionResponse[TrimIamRolePathResult], error) {
	in := req.Input
	if err := violation.Join("arguments to aws-identity:index:trimIamRolePath", in.Validate()); err != nil {
		return infer.FunctionResponse[TrimIamRolePathResult]{}, err
	}
	r, _ := parseARN(&violation.List{}, "arn", in.Arn)
	r.Resource = rolePrefix + r.Resource[strings.LastIndex(r.Resource, "/")+1:]
	return infer.FunctionResponse[TrimIamRolePathResult]{Output: TrimIamRolePathResult{Arn: r.String()}}, nil
}
