// Package config is the provider's configuration: where credentials come
// from, which endpoints to call, and an optional role to act as.
package config

import (
	"context"
	"fmt"
	"time"

	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/assumerole/request"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/session"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

// Config is the provider configuration. Every field is optional: the AWS
// SDK's standard chain fills in what is not set.
type Config struct {
	Region                 *string       `pulumi:"region,optional"`
	Profile                *string       `pulumi:"profile,optional"`
	SharedConfigFiles      []string      `pulumi:"sharedConfigFiles,optional"`
	SharedCredentialsFiles []string      `pulumi:"sharedCredentialsFiles,optional"`
	AccessKey              *string       `pulumi:"accessKey,optional"`
	SecretKey              *string       `pulumi:"secretKey,optional" provider:"secret"`
	Token                  *string       `pulumi:"token,optional" provider:"secret"`
	Endpoints              *Endpoints    `pulumi:"endpoints,optional"`
	MaxRetries             *int          `pulumi:"maxRetries,optional"`
	RequestTimeoutSeconds  *int          `pulumi:"requestTimeoutSeconds,optional"`
	AssumeRole             *request.Args `pulumi:"assumeRole,optional"`

	// session is shared by every copy of the configuration that
	// infer.GetConfig hands out, so all calls share clients and caches.
	session *session.Session
}

// Endpoints override the AWS endpoints, for example to use LocalStack or moto.
type Endpoints struct {
	STS *string `pulumi:"sts,optional"`
	IAM *string `pulumi:"iam,optional"`
}

func (c *Config) Annotate(a infer.Annotator) {
	a.Describe(&c.Region, "AWS region to call STS and IAM in. Defaults to AWS_REGION, AWS_DEFAULT_REGION, the "+
		"profile's region, then `"+session.DefaultRegion+"`.")
	a.Describe(&c.Profile, "Named profile from the shared configuration files. Defaults to AWS_PROFILE.")
	a.Describe(&c.SharedConfigFiles, "Paths of shared configuration files. Defaults to AWS_CONFIG_FILE or ~/.aws/config.")
	a.Describe(&c.SharedCredentialsFiles, "Paths of shared credentials files. Defaults to "+
		"AWS_SHARED_CREDENTIALS_FILE or ~/.aws/credentials.")
	a.Describe(&c.AccessKey, "AWS access key ID. Requires secretKey. Defaults to the standard credential chain.")
	a.Describe(&c.SecretKey, "AWS secret access key. Requires accessKey. Kept secret.")
	a.Describe(&c.Token, "AWS session token, for temporary credentials. Requires accessKey and secretKey. Kept secret.")
	a.Describe(&c.Endpoints, "Custom endpoints, for example to use LocalStack or moto. Defaults to "+
		"AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL_IAM or AWS_ENDPOINT_URL, then AWS's own.")
	a.Describe(&c.MaxRetries, "How many times a throttled or failed request is retried, with exponential "+
		"back-off, before the error is returned. Defaults to AWS_MAX_ATTEMPTS less one, or 2 (the AWS SDK's "+
		"standard three attempts).")
	a.Describe(&c.RequestTimeoutSeconds, fmt.Sprintf("How long one HTTP request to AWS may take before it is "+
		"abandoned (and retried, if retries are left), in seconds. Defaults to %d.", int(session.DefaultRequestTimeout.Seconds())))
	a.Describe(&c.AssumeRole, "A role for the provider to act as: every call is made with credentials for this "+
		"role, obtained from the base credentials once and refreshed before they expire.")
}

func (e *Endpoints) Annotate(a infer.Annotator) {
	a.SetToken("index", "Endpoints")
	a.Describe(e, "Custom AWS endpoints.")
	a.Describe(&e.STS, "URL of the STS endpoint, such as `http://127.0.0.1:5000`.")
	a.Describe(&e.IAM, "URL of the IAM endpoint, such as `http://127.0.0.1:5000`.")
}

// Configure makes the session. It makes no network call: credentials are
// resolved on the first call that needs them. Bad values were reported by
// Check already; they are refused here too, for callers that skip it.
func (c *Config) Configure(ctx context.Context) error {
	if err := violation.Join("provider configuration", c.Validate()); err != nil {
		return err
	}
	c.session = session.New(c.settings())
	return nil
}

// Session is the provider's shared AWS state.
func (c Config) Session() *session.Session {
	if c.session == nil {
		// Only reached if the engine invokes before configuring, which
		// it does not; answering with the default chain is still right.
		return session.New(session.Settings{})
	}
	return c.session
}

func (c *Config) settings() session.Settings {
	s := session.Settings{
		Region:                 deref(c.Region),
		Profile:                deref(c.Profile),
		SharedConfigFiles:      c.SharedConfigFiles,
		SharedCredentialsFiles: c.SharedCredentialsFiles,
		AccessKey:              deref(c.AccessKey),
		SecretKey:              deref(c.SecretKey),
		Token:                  deref(c.Token),
		MaxRetries:             c.MaxRetries,
		RequestTimeout:         seconds(c.RequestTimeoutSeconds),
		AssumeRole:             c.AssumeRole,
	}
	if c.Endpoints != nil {
		s.STSEndpoint, s.IAMEndpoint = deref(c.Endpoints.STS), deref(c.Endpoints.IAM)
	}
	return s
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func seconds(n *int) time.Duration {
	if n == nil {
		return 0
	}
	return time.Duration(*n) * time.Second
}
