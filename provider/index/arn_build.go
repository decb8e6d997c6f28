// arnBuild: an ARN from its five parts, with no AWS call.

package index

import (
	"context"
	_ "embed"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

//go:embed arn_build.md
var arnBuildDoc string

// ArnBuild is aws-identity:index:arnBuild.
type ArnBuild struct{}

// ArnBuildResult is the ARN built.
type ArnBuildResult struct {
	Arn string `pulumi:"arn"`
}

func (f *ArnBuild) Annotate(a infer.Annotator) { a.Describe(f, arnBuildDoc) }

func (r *ArnBuildResult) Annotate(a infer.Annotator) {
	a.Describe(&r.Arn, "The ARN: `arn:<partition>:<service>:<region>:<accountId>:<resource>`.")
}

// Validate checks that the parts make an ARN that parses back into them:
// partition, service and resource are required, and no part but the
// resource may hold a colon.
func (p *ArnParts) Validate() []violation.Violation {
	l := &violation.List{}
	for _, f := range []struct {
		field, value string
		required     bool
	}{
		{"partition", p.Partition, true}, {"service", p.Service, true},
		{"region", p.Region, false}, {"accountId", p.AccountID, false},
	} {
		switch {
		case f.required && f.value == "":
			l.Add(f.field, "is required")
		case strings.Contains(f.value, ":"):
			l.Add(f.field, "may not contain a colon, which separates an ARN's parts; found %s", violation.Quote(f.value))
		}
	}
	if p.Resource == "" {
		l.Add("resource", "is required")
	}
	if len(l.All) == 0 {
		parseARN(l, "the ARN built", p.arn().String())
	}
	return l.All
}

func (p *ArnParts) arn() arn.ARN {
	return arn.ARN{Partition: p.Partition, Service: p.Service, Region: p.Region, AccountID: p.AccountID, Resource: p.Resource}
}

func (ArnBuild) Invoke(_ context.Context, req infer.FunctionRequest[ArnParts]) (infer.FunctionResponse[ArnBuildResult], error) {
	if err := violation.Join("arguments to aws-identity:index:arnBuild", req.Input.Validate()); err != nil {
		return infer.FunctionResponse[ArnBuildResult]{}, err
	}
	return infer.FunctionResponse[ArnBuildResult]{Output: ArnBuildResult{Arn: req.Input.arn().String()}}, nil
}
