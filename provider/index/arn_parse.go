// arnParse: an ARN's five parts, with no AWS call.

package index

import (
	"context"
	_ "embed"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

//go:embed arn_parse.md
var arnParseDoc string

// ArnParse is aws-identity:index:arnParse. Like the other ARN helpers it
// reads no configuration: it answers when the provider has no credentials.
type ArnParse struct{}

// ArnParseArgs is the ARN to take apart.
type ArnParseArgs struct {
	Arn string `pulumi:"arn"`
}

// ArnParts are an ARN's parts, as Terraform's arn_parse names them.
type ArnParts struct {
	Partition string `pulumi:"partition"`
	Service   string `pulumi:"service"`
	Region    string `pulumi:"region"`
	AccountID string `pulumi:"accountId"`
	Resource  string `pulumi:"resource"`
}

func (f *ArnParse) Annotate(a infer.Annotator) { a.Describe(f, arnParseDoc) }

func (a *ArnParseArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.Arn, "The ARN to take apart, such as `arn:aws:iam::444455556666:role/example`.")
}

func (p *ArnParts) Annotate(a infer.Annotator) {
	a.Describe(&p.Partition, "The partition: `aws`, `aws-cn`, `aws-us-gov`, ...")
	a.Describe(&p.Service, "The service namespace, such as `iam` or `s3`.")
	a.Describe(&p.Region, "The region, empty for global resources such as IAM's.")
	a.Describe(&p.AccountID, "The account ID, empty for resources such as S3 buckets.")
	a.Describe(&p.Resource, "The resource, everything after the fifth colon: `role/example`, `bucket/key`, ...")
}

// parseARN checks field's value with the SDK's parser, adding what is wrong
// to l. The length and characters are arnType's, but for its minimum: an S3
// bucket's ARN can be shorter than STS's 20 characters.
func parseARN(l *violation.List, field, value string) (arn.ARN, bool) {
	okLen := l.Length(field, value, 1, violation.MaxARN)
	if !l.Chars(field, value, violation.ARNChars) || !okLen {
		return arn.ARN{}, false
	}
	a, err := arn.Parse(value)
	if err != nil {
		// The SDK's message says which part is missing ("arn: invalid prefix",
		// "arn: not enough sections"), as Terraform's functions report it.
		l.Add(field, "is not an ARN (%s): %s", err, violation.Quote(value))
		return arn.ARN{}, false
	}
	return a, true
}

func (ArnParse) Invoke(_ context.Context, req infer.FunctionRequest[ArnParseArgs]) (infer.FunctionResponse[ArnParts], error) {
	l := &violation.List{}
	a, _ := parseARN(l, "arn", req.Input.Arn)
	if err := violation.Join("arguments to aws-identity:index:arnParse", l.All); err != nil {
		return infer.FunctionResponse[ArnParts]{}, err
	}
	return infer.FunctionResponse[ArnParts]{Output: ArnParts{
		Partition: a.Partition, Service: a.Service, Region: a.Region, AccountID: a.AccountID, Resource: a.Resource,
	}}, nil
}
