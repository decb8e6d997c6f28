// Package accesskeyinfo is the getAccessKeyInfo function: which account owns
// an access key, for audits.
package accesskeyinfo

import (
	"context"
	_ "embed"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/config"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

//go:embed get_access_key_info.md
var doc string

// GetAccessKeyInfo is aws-identity:sts:getAccessKeyInfo.
type GetAccessKeyInfo struct{}

// Args are the inputs of STS GetAccessKeyInfo.
type Args struct {
	AccessKeyID string `pulumi:"accessKeyId"`
}

// Result is the account that owns the key.
type Result struct {
	Account string `pulumi:"account"`
}

func (f *GetAccessKeyInfo) Annotate(a infer.Annotator) {
	a.SetToken("sts", "getAccessKeyInfo")
	a.Describe(f, doc)
}

func (a *Args) Annotate(an infer.Annotator) {
	an.Describe(&a.AccessKeyID, "The access key ID to look up, 16-128 letters, digits and `_`: `AKIA...` for "+
		"an IAM user's long-term key, `ASIA...` for temporary credentials. Not a secret.")
}

func (r *Result) Annotate(a infer.Annotator) {
	a.Describe(&r.Account, "The 12-digit ID of the AWS account that owns the access key.")
}

// Validate checks the input against AWS's limits.
func (a *Args) Validate() []violation.Violation {
	l := &violation.List{}
	l.AccessKeyID("accessKeyId", a.AccessKeyID)
	return l.All
}

func (GetAccessKeyInfo) Invoke(ctx context.Context, req infer.FunctionRequest[Args]) (infer.FunctionResponse[Result], error) {
	in := req.Input
	if err := violation.Join("arguments to aws-identity:sts:getAccessKeyInfo", in.Validate()); err != nil {
		return infer.FunctionResponse[Result]{}, err
	}
	s := infer.GetConfig[config.Config](ctx).Session()
	client, err := s.STS(ctx)
	if err != nil {
		return infer.FunctionResponse[Result]{}, err
	}
	out, err := client.GetAccessKeyInfo(ctx, &sts.GetAccessKeyInfoInput{AccessKeyId: aws.String(in.AccessKeyID)})
	if err != nil {
		return infer.FunctionResponse[Result]{}, s.ExplainSTS(ctx, err, "sts:GetAccessKeyInfo")
	}
	if aws.ToString(out.Account) == "" {
		return infer.FunctionResponse[Result]{}, errNoAccount
	}
	return infer.FunctionResponse[Result]{Output: Result{Account: aws.ToString(out.Account)}}, nil
}

var errNoAccount = errors.New("sts:GetAccessKeyInfo answered without an account; " +
	"check that the STS endpoint is AWS's or a faithful emulator")
