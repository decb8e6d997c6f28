// Package eks holds the functions of the schema's eks module; infer derives
// their tokens from the package's name. getClusterAuth: a Kubernetes bearer
// token for an EKS cluster, made from the provider's credentials.
package eks

import (
	"context"
	_ "embed"
	"encoding/base64"
	"errors"
	"net/url"
	"regexp"
	"time"

	awssts "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/config"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/session"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

//go:embed get_cluster_auth.md
var getClusterAuthDoc string

// GetClusterAuth is aws-identity:eks:getClusterAuth.
type GetClusterAuth struct{}

// GetClusterAuthArgs is pulumi-aws's aws.eks.getClusterAuth input.
type GetClusterAuthArgs struct {
	Name string `pulumi:"name"`
}

// GetClusterAuthResult is pulumi-aws's aws.eks.getClusterAuth output, plus
// when the token stops working. Its `id` (the name) is added by the
// provider's withIDOutputs: infer reserves the field.
type GetClusterAuthResult struct {
	Name       string `pulumi:"name"`
	Token      string `pulumi:"token" provider:"secret"`
	Expiration string `pulumi:"expiration"`
}

func (f *GetClusterAuth) Annotate(a infer.Annotator) {
	a.Describe(f, getClusterAuthDoc)
}

func (a *GetClusterAuthArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.Name, "The name of the EKS cluster: 1-100 letters, digits, `-` and `_`, starting with a letter or digit.")
}

func (r *GetClusterAuthResult) Annotate(a infer.Annotator) {
	a.Describe(&r.Name, "The cluster's name.")
	a.Describe(&r.Token, "The bearer token for the cluster's Kubernetes API: `k8s-aws-v1.` and a presigned "+
		"sts:GetCallerIdentity URL. Secret: anyone holding it acts as the provider's identity on the cluster.")
	a.Describe(&r.Expiration, "When EKS stops accepting the token (RFC 3339, UTC): 14 minutes after signing, "+
		"as the AWS CLI says, or when the signing credentials expire, if sooner.")
}

// The EKS service model's ClusterName (2017-11-01): 1-100 characters,
// pattern ^[0-9A-Za-z][A-Za-z0-9\-_]*.
const maxClusterName = 100

var clusterNameChars = violation.NewSet(`[A-Za-z0-9_-]`, "letters, digits, - and _")

var clusterNameStart = regexp.MustCompile(`^[0-9A-Za-z]`)

// Validate checks name against EKS's rules for a cluster name.
func (a *GetClusterAuthArgs) Validate() []violation.Violation {
	l := &violation.List{}
	okLen := l.Length("name", a.Name, 1, maxClusterName)
	okChars := l.Chars("name", a.Name, clusterNameChars)
	if okLen && okChars && !clusterNameStart.MatchString(a.Name) {
		l.Add("name", "must start with a letter or a digit; found %q", a.Name[:1])
	}
	return l.All
}

// What the EKS authenticator expects: the header that binds the token to a
// cluster, the token's prefix, how long the URL says it is valid, and how
// long the authenticator accepts a token after its signing date (15 minutes;
// the AWS CLI and aws-iam-authenticator report one minute less).
const (
	clusterIDHeader = "x-k8s-aws-id"
	tokenPrefix     = "k8s-aws-v1."
	urlExpires      = "60"
	tokenLifetime   = 14 * time.Minute
)

func (GetClusterAuth) Invoke(ctx context.Context, req infer.FunctionRequest[GetClusterAuthArgs]) (infer.FunctionResponse[GetClusterAuthResult], error) {
	in := req.Input
	if err := violation.Join("arguments to aws-identity:eks:getClusterAuth", in.Validate()); err != nil {
		return infer.FunctionResponse[GetClusterAuthResult]{}, err
	}
	s := infer.GetConfig[config.Config](ctx).Session()
	// Resolving the credentials is the only step that may reach the network
	// (a role to assume, SSO, ...); the presign below is local.
	creds, err := s.Credentials(ctx)
	if err != nil {
		return infer.FunctionResponse[GetClusterAuthResult]{}, err
	}
	client, err := s.STS(ctx)
	if err != nil {
		return infer.FunctionResponse[GetClusterAuthResult]{}, err
	}
	token, signed, err := Token(ctx, client, in.Name)
	if err != nil {
		return infer.FunctionResponse[GetClusterAuthResult]{}, s.Explain(ctx, err, session.Call{Op: "presigning sts:GetCallerIdentity"})
	}
	expires := signed.Add(tokenLifetime)
	if creds.CanExpire && creds.Expires.Before(expires) {
		expires = creds.Expires
	}
	return infer.FunctionResponse[GetClusterAuthResult]{Output: GetClusterAuthResult{
		Name: in.Name, Token: token, Expiration: expires.UTC().Format(time.RFC3339),
	}}, nil
}

// Token presigns sts:GetCallerIdentity with client's endpoint, region and
// credentials, the cluster's name in a signed header, and returns the EKS
// token and the signing time.
func Token(ctx context.Context, client *awssts.Client, cluster string) (string, time.Time, error) {
	req, err := awssts.NewPresignClient(client).PresignGetCallerIdentity(ctx, &awssts.GetCallerIdentityInput{},
		awssts.WithPresignClientFromClientOptions(func(o *awssts.Options) {
			o.APIOptions = append(o.APIOptions, smithyhttp.AddHeaderValue(clusterIDHeader, cluster), addExpires)
		}))
	if err != nil {
		return "", time.Time{}, err
	}
	u, err := url.Parse(req.URL)
	if err != nil {
		return "", time.Time{}, err
	}
	signed, err := time.Parse("20060102T150405Z", u.Query().Get("X-Amz-Date"))
	if err != nil {
		return "", time.Time{}, errNoDate
	}
	return tokenPrefix + base64.RawURLEncoding.EncodeToString([]byte(req.URL)), signed, nil
}

var errNoDate = errors.New("the presigned sts:GetCallerIdentity URL has no X-Amz-Date; this is a bug in the provider")

// addExpires sets X-Amz-Expires before signing: the SDK's presigner signs
// the query it is given and sets no expiry of its own.
func addExpires(stack *middleware.Stack) error {
	return stack.Build.Add(middleware.BuildMiddlewareFunc("EKSTokenExpires",
		func(ctx context.Context, in middleware.BuildInput, next middleware.BuildHandler) (middleware.BuildOutput, middleware.Metadata, error) {
			if r, ok := in.Request.(*smithyhttp.Request); ok {
				q := r.URL.Query()
				q.Set("X-Amz-Expires", urlExpires)
				r.URL.RawQuery = q.Encode()
			}
			return next.HandleBuild(ctx, in)
		}), middleware.After)
}
