// Package index holds the functions of the schema's index module, one file
// each with its embedded doc and its tests beside it; infer derives their
// tokens from the package's name. getCallerIdentity: who the provider's
// credentials belong to.
package index

import (
	"context"
	_ "embed"

	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/config"
)

//go:embed get_caller_identity.md
var getCallerIdentityDoc string

// GetCallerIdentity is aws-identity:index:getCallerIdentity.
type GetCallerIdentity struct{}

// GetCallerIdentityArgs has no fields: the answer depends on the provider's credentials only.
type GetCallerIdentityArgs struct{}

// GetCallerIdentityResult is the identity of the caller.
type GetCallerIdentityResult struct {
	AccountID string `pulumi:"accountId"`
	Arn       string `pulumi:"arn"`
	UserID    string `pulumi:"userId"`
	Partition string `pulumi:"partition"`
}

func (f *GetCallerIdentity) Annotate(a infer.Annotator) {
	a.Describe(f, getCallerIdentityDoc)
}

func (r *GetCallerIdentityResult) Annotate(a infer.Annotator) {
	a.Describe(&r.AccountID, "The 12-digit ID of the AWS account the credentials belong to.")
	a.Describe(&r.Arn, "ARN of the caller: an IAM user, the account root, or an STS session such as "+
		"`arn:aws:sts::123456789012:assumed-role/Deployer/ci`.")
	a.Describe(&r.UserID, "Unique ID of the caller: an IAM user's ID, or `ROLE_ID:SESSION_NAME` for an assumed role.")
	a.Describe(&r.Partition, "The AWS partition of the caller: `aws`, `aws-cn`, `aws-us-gov`, ...")
}

func (GetCallerIdentity) Invoke(ctx context.Context, req infer.FunctionRequest[GetCallerIdentityArgs]) (infer.FunctionResponse[GetCallerIdentityResult], error) {
	c, err := infer.GetConfig[config.Config](ctx).Session().CallerIdentity(ctx)
	if err != nil {
		return infer.FunctionResponse[GetCallerIdentityResult]{}, err
	}
	return infer.FunctionResponse[GetCallerIdentityResult]{Output: GetCallerIdentityResult{
		AccountID: c.AccountID, Arn: c.ARN, UserID: c.UserID, Partition: c.Partition,
	}}, nil
}
