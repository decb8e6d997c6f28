// getCredentials: the provider's own
// AWS credentials, for a program to hand to an AWS SDK client, a dynamic
// provider or another tool.

package index

import (
	"context"
	_ "embed"

	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/config"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/stsinput"
)

//go:embed get_credentials.md
var getCredentialsDoc string

// GetCredentials is aws-identity:index:getCredentials.
type GetCredentials struct{}

// GetCredentialsArgs has no fields: the answer depends on the provider's configuration only.
type GetCredentialsArgs struct{}

// GetCredentialsResult is the provider's credentials and where they came from.
type GetCredentialsResult struct {
	AccessKeyID     string `pulumi:"accessKeyId"`
	SecretAccessKey string `pulumi:"secretAccessKey" provider:"secret"`
	SessionToken    string `pulumi:"sessionToken" provider:"secret"`
	Expiration      string `pulumi:"expiration"`
	Source          string `pulumi:"source"`
}

func (f *GetCredentials) Annotate(a infer.Annotator) {
	a.Describe(f, getCredentialsDoc)
}

func (r *GetCredentialsResult) Annotate(a infer.Annotator) {
	a.Describe(&r.AccessKeyID, "The access key ID: `AKIA...` for an IAM user's long-term keys, `ASIA...` for "+
		"temporary credentials.")
	a.Describe(&r.SecretAccessKey, "The secret access key. Secret.")
	a.Describe(&r.SessionToken, "The session token of temporary credentials; empty for long-term keys. Secret.")
	a.Describe(&r.Expiration, "When the credentials expire, in RFC 3339 (UTC); empty when they do not. For "+
		"temporary credentials the provider obtains (a role, SSO, web identity, a container, the instance's role, "+
		"credential_process) it is up to 5 minutes before AWS's own expiry: when the provider refreshes them, and "+
		"so the safe end for whoever they are handed to.")
	a.Describe(&r.Source, "Where the credentials came from, in words: the provider's keys, an environment "+
		"variable, a profile, SSO, a role, the instance's role, ... Never a secret.")
}

func (GetCredentials) Invoke(ctx context.Context, _ infer.FunctionRequest[GetCredentialsArgs]) (infer.FunctionResponse[GetCredentialsResult], error) {
	c, err := infer.GetConfig[config.Config](ctx).Session().Credentials(ctx)
	if err != nil {
		return infer.FunctionResponse[GetCredentialsResult]{}, err
	}
	r := GetCredentialsResult{
		AccessKeyID:     c.AccessKeyID,
		SecretAccessKey: c.SecretAccessKey,
		SessionToken:    c.SessionToken,
		Source:          c.Source,
	}
	if c.CanExpire {
		r.Expiration = stsinput.Time(c.Expires)
	}
	return infer.FunctionResponse[GetCredentialsResult]{Output: r}, nil
}
