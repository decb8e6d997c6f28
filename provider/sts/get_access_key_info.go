// getAccessKeyInfo: which account owns an access key, for audits.

package sts

import (
	"context"
	_ "embed"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	awssts "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/config"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/session"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

//go:embed get_access_key_info.md
var getAccessKeyInfoDoc string

// GetAccessKeyInfo is aws-identity:sts:getAccessKeyInfo.
type GetAccessKeyInfo struct{}

// GetAccessKeyInfoArgs are the inputs of STS GetAccessKeyInfo.
type GetAccessKeyInfoArgs struct {
	AccessKeyID string `pulumi:"accessKeyId"`
}

// GetAccessKeyInfoResult is the account that owns the key.
type GetAccessKeyInfoResult struct {
	Account string `pulumi:"account"`
}

func (f *GetAccessKeyInfo) Annotate(a infer.Annotator) {
	a.Describe(f, getAccessKeyInfoDoc)
}

func (a *GetAccessKeyInfoArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.AccessKeyID, "The access key ID to look up, 16-128 letters, digits and `_`: `AKIA...` for "+
		"an IAM user's long-term key, `ASIA...` for temporary credentials. Not a secret.")
}

func (r *GetAccessKeyInfoResult) Annotate(a infer.Annotator) {
	a.Describe(&r.Account, "The 12-digit ID of the AWS account that owns the access key.")
}

// Validate checks the input against AWS's limits.
func (a *GetAccessKeyInfoArgs) Validate() []violation.Violation {
	l := &violation.List{}
	l.AccessKeyID("accessKeyId", a.AccessKeyID)
	return l.All
}

func (GetAccessKeyInfo) Invoke(ctx context.Context, req infer.FunctionRequest[GetAccessKeyInfoArgs]) (infer.FunctionResponse[GetAccessKeyInfoResult], error) {
	in := req.Input
	if err := violation.Join("arguments to aws-identity:sts:getAccessKeyInfo", in.Validate()); err != nil {
		return infer.FunctionResponse[GetAccessKeyInfoResult]{}, err
	}
	s := infer.GetConfig[config.Config](ctx).Session()
	client, err := s.STS(ctx)
	if err != nil {
		return infer.FunctionResponse[GetAccessKeyInfoResult]{}, err
	}
	out, err := client.GetAccessKeyInfo(ctx, &awssts.GetAccessKeyInfoInput{AccessKeyId: aws.String(in.AccessKeyID)})
	if err != nil {
		return infer.FunctionResponse[GetAccessKeyInfoResult]{}, s.Explain(ctx, err, session.Call{Op: "sts:GetAccessKeyInfo"})
	}
	if aws.ToString(out.Account) == "" {
		return infer.FunctionResponse[GetAccessKeyInfoResult]{}, errNoAccount
	}
	return infer.FunctionResponse[GetAccessKeyInfoResult]{Output: GetAccessKeyInfoResult{Account: aws.ToString(out.Account)}}, nil
}

var errNoAccount = errors.New("sts:GetAccessKeyInfo answered without an account; " +
	"check that the STS endpoint is AWS's or a faithful emulator")
