package assumerole

import (
	"context"
	_ "embed"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/assumerole/request"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/config"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

//go:embed assume_role.md
var doc string

// AssumeRole is aws-identity:sts:assumeRole.
type AssumeRole struct{}

// Result holds temporary credentials for the role.
type Result struct {
	Credentials      Credentials     `pulumi:"credentials"`
	AssumedRoleUser  AssumedRoleUser `pulumi:"assumedRoleUser"`
	PackedPolicySize int             `pulumi:"packedPolicySize"`
	SourceIdentity   string          `pulumi:"sourceIdentity"`
}

// Credentials are temporary AWS credentials.
type Credentials struct {
	AccessKeyID     string `pulumi:"accessKeyId"`
	SecretAccessKey string `pulumi:"secretAccessKey" provider:"secret"`
	SessionToken    string `pulumi:"sessionToken" provider:"secret"`
	Expiration      string `pulumi:"expiration"`
}

// AssumedRoleUser names the session the credentials belong to.
type AssumedRoleUser struct {
	Arn           string `pulumi:"arn"`
	AssumedRoleID string `pulumi:"assumedRoleId"`
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

func (c *Credentials) Annotate(a infer.Annotator) {
	a.SetToken("sts", "Credentials")
	a.Describe(c, "Temporary AWS credentials.")
	a.Describe(&c.AccessKeyID, "The access key ID (`ASIA...`).")
	a.Describe(&c.SecretAccessKey, "The secret access key. Secret.")
	a.Describe(&c.SessionToken, "The session token. Secret.")
	a.Describe(&c.Expiration, "When the credentials expire, in RFC 3339 (UTC).")
}

func (u *AssumedRoleUser) Annotate(a infer.Annotator) {
	a.SetToken("sts", "AssumedRoleUser")
	a.Describe(u, "The assumed-role session.")
	a.Describe(&u.Arn, "ARN of the session, `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`: what "+
		"getCallerIdentity returns under these credentials.")
	a.Describe(&u.AssumedRoleID, "Unique ID of the session, `ROLE_ID:SESSION_NAME`.")
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
	c, u := out.Credentials, out.AssumedRoleUser
	if c == nil || u == nil {
		return infer.FunctionResponse[Result]{}, fmt.Errorf("sts:AssumeRole answered without credentials for %s; "+
			"check that the STS endpoint is AWS's or a faithful emulator", in.RoleArn)
	}
	return infer.FunctionResponse[Result]{Output: Result{
		Credentials: Credentials{
			AccessKeyID:     aws.ToString(c.AccessKeyId),
			SecretAccessKey: aws.ToString(c.SecretAccessKey),
			SessionToken:    aws.ToString(c.SessionToken),
			Expiration:      aws.ToTime(c.Expiration).UTC().Format(time.RFC3339),
		},
		AssumedRoleUser: AssumedRoleUser{Arn: aws.ToString(u.Arn), AssumedRoleID: aws.ToString(u.AssumedRoleId)},
		//nolint:staticcheck // deprecated by AWS, but part of the contract pulumi-aws and Terraform users rely on
		PackedPolicySize: int(aws.ToInt32(out.PackedPolicySize)),
		SourceIdentity:   aws.ToString(out.SourceIdentity),
	}}, nil
}
