// Package config is the provider's configuration: where credentials come
// from, which endpoints to call, and an optional role to act as.
package config

import (
	"context"
	"fmt"
	"time"

	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/session"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/stsinput"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

// Config is the provider configuration. Every field is optional: the AWS
// SDK's standard chain fills in what is not set.
type Config struct {
	Region                    *string         `pulumi:"region,optional"`
	Profile                   *string         `pulumi:"profile,optional"`
	SharedConfigFiles         []string        `pulumi:"sharedConfigFiles,optional"`
	SharedCredentialsFiles    []string        `pulumi:"sharedCredentialsFiles,optional"`
	AccessKey                 *string         `pulumi:"accessKey,optional"`
	SecretKey                 *string         `pulumi:"secretKey,optional" provider:"secret"`
	Token                     *string         `pulumi:"token,optional" provider:"secret"`
	Endpoints                 *Endpoints      `pulumi:"endpoints,optional"`
	MaxRetries                *int            `pulumi:"maxRetries,optional"`
	RequestTimeoutSeconds     *int            `pulumi:"requestTimeoutSeconds,optional"`
	AssumeRole                *stsinput.Role  `pulumi:"assumeRole,optional"`
	AssumeRoles               []stsinput.Role `pulumi:"assumeRoles,optional"`
	AssumeRoleWithWebIdentity *WebIdentity    `pulumi:"assumeRoleWithWebIdentity,optional"`
	AllowedAccountIds         []string        `pulumi:"allowedAccountIds,optional"`
	ForbiddenAccountIds       []string        `pulumi:"forbiddenAccountIds,optional"`
	StsRegion                 *string         `pulumi:"stsRegion,optional"`
	RetryMode                 *string         `pulumi:"retryMode,optional"`
	CustomCaBundle            *string         `pulumi:"customCaBundle,optional"`
	HttpProxy                 *string         `pulumi:"httpProxy,optional" provider:"secret"`
	HttpsProxy                *string         `pulumi:"httpsProxy,optional" provider:"secret"`
	NoProxy                   *string         `pulumi:"noProxy,optional"`
	UseFipsEndpoint           *bool           `pulumi:"useFipsEndpoint,optional"`
	UseDualstackEndpoint      *bool           `pulumi:"useDualstackEndpoint,optional"`

	// session is shared by every copy of the configuration that
	// infer.GetConfig hands out, so all calls share clients and caches.
	session *session.Session
}

// Endpoints override the AWS endpoints, for example to use LocalStack or moto.
type Endpoints struct {
	STS *string `pulumi:"sts,optional" provider:"secret"`
	IAM *string `pulumi:"iam,optional" provider:"secret"`
	SSO *string `pulumi:"sso,optional" provider:"secret"`
	// Signin is where an `aws login` profile's token is refreshed.
	Signin *string `pulumi:"signin,optional" provider:"secret"`
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
	a.Describe(&c.Endpoints, "Custom endpoints, for example to use LocalStack or moto. Every call goes there, "+
		"the credential chain's own included (a profile's role_arn, web identity, SSO, `aws login`). Defaults to "+
		"AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL_IAM, AWS_ENDPOINT_URL_SSO, AWS_ENDPOINT_URL_SIGNIN or AWS_ENDPOINT_URL, "+
		"then AWS's own.")
	a.Describe(&c.MaxRetries, "How many times a throttled or failed request is retried, with exponential "+
		"back-off, before the error is returned. Defaults to AWS_MAX_ATTEMPTS less one, or 2 (the AWS SDK's "+
		"standard three attempts).")
	a.Describe(&c.RequestTimeoutSeconds, fmt.Sprintf("How long one HTTP request to AWS may take before it is "+
		"abandoned (and retried, if retries are left), in seconds. Defaults to %d.", int(session.DefaultRequestTimeout.Seconds())))
	a.Describe(&c.AssumeRole, "A role for the provider to act as: every call is made with credentials for this "+
		"role, obtained from the base credentials once and refreshed before they expire. For more than one "+
		"role, use assumeRoles. An MFA code (serialNumber, tokenCode) is refused here: it is good once, and the "+
		"configuration is used again at every run and refresh; give base credentials that carry MFA instead.")
	a.Describe(&c.AssumeRoles, "Roles for the provider to act as, assumed in order (role chaining): the first "+
		"with the base credentials, each next one with the credentials of the one before; every call is made "+
		"as the last. Credentials are refreshed before they expire. AWS caps a session assumed with another "+
		"role's credentials at one hour, so durationSeconds may be at most 3600 for every role but the first "+
		"(and for the first too after assumeRoleWithWebIdentity). Cannot be used with assumeRole. An MFA code "+
		"is refused here, as in assumeRole.")
	a.Describe(&c.AssumeRoleWithWebIdentity, "A role assumed with a web identity (OIDC) token, as in CI "+
		"(GitHub Actions, GitLab) or Kubernetes: its credentials are the base credentials, and any "+
		"assumeRole or assumeRoles are assumed with them. The AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE "+
		"environment variables do the same without configuration.")
	a.Describe(&c.AllowedAccountIds, "AWS account IDs the provider may act in. On the first call, the account "+
		"of the credentials is looked up (sts:GetCallerIdentity) and, if it is not in this list, every call "+
		"fails with a clear error and nothing else is done with the credentials. Cannot be used with "+
		"forbiddenAccountIds.")
	a.Describe(&c.ForbiddenAccountIds, "AWS account IDs the provider must not act in; checked as "+
		"allowedAccountIds is.")
	a.Describe(&c.StsRegion, "Region of every STS call, the credential chain's own included, for example to "+
		"use a regional STS endpoint near the program. Defaults to region.")
	a.Describe(&c.RetryMode, "How failed requests are retried: `standard` (exponential back-off) or "+
		"`adaptive` (back-off plus client-side rate limiting when throttled). Defaults to AWS_RETRY_MODE, "+
		"then `standard`.")
	a.Describe(&c.CustomCaBundle, "Path of a PEM file of CA certificates to trust for every AWS call, for a "+
		"TLS-inspecting proxy or a private endpoint. Defaults to AWS_CA_BUNDLE.")
	a.Describe(&c.HttpProxy, "URL of a proxy for http:// requests. Defaults to HTTP_PROXY. Kept secret, as "+
		"the URL may hold a user name and password (http://user:password@proxy:3128).")
	a.Describe(&c.HttpsProxy, "URL of a proxy for https:// requests (every AWS endpoint). Defaults to HTTPS_PROXY. "+
		"Kept secret, as the URL may hold a user name and password.")
	a.Describe(&c.NoProxy, "Comma-separated hosts, domains and CIDR ranges that are reached directly, not "+
		"through the proxy. Defaults to NO_PROXY. Loopback addresses are always reached directly.")
	a.Describe(&c.UseFipsEndpoint, "Use AWS's FIPS 140 endpoints (such as sts-fips.us-east-1.amazonaws.com). "+
		"Defaults to AWS_USE_FIPS_ENDPOINT. Cannot be used with custom endpoints.")
	a.Describe(&c.UseDualstackEndpoint, "Use AWS's dual-stack (IPv4 and IPv6) endpoints (such as "+
		"sts.us-east-1.api.aws). Defaults to AWS_USE_DUALSTACK_ENDPOINT. Cannot be used with custom endpoints.")
}

func (e *Endpoints) Annotate(a infer.Annotator) {
	a.SetToken("index", "Endpoints")
	a.Describe(e, "Custom AWS endpoints. They are secret, as the proxy settings are: a URL may carry a user "+
		"name, a password or a token in its query, which must not sit in plain text in the state.")
	a.Describe(&e.STS, "URL of the STS endpoint, such as `http://127.0.0.1:5000`.")
	a.Describe(&e.IAM, "URL of the IAM endpoint, such as `http://127.0.0.1:5000`.")
	a.Describe(&e.SSO, "URL of the IAM Identity Center (SSO) portal endpoint that an SSO profile's "+
		"credentials come from, such as `http://127.0.0.1:5000`.")
	a.Describe(&e.Signin, "URL of the sign-in service endpoint where an `aws login` profile's (login_session) "+
		"token is refreshed, such as `http://127.0.0.1:5000`.")
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
		return session.New((&Config{}).settings())
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
		WebIdentity:            c.AssumeRoleWithWebIdentity.settings(),
		AllowedAccountIDs:      c.AllowedAccountIds,
		ForbiddenAccountIDs:    c.ForbiddenAccountIds,
		STSRegion:              deref(c.StsRegion),
		RetryMode:              deref(c.RetryMode),
		CustomCABundle:         deref(c.CustomCaBundle),
		Proxy:                  session.Proxy{HTTP: deref(c.HttpProxy), HTTPS: deref(c.HttpsProxy), NoProxy: deref(c.NoProxy)},
		UseFIPSEndpoint:        c.UseFipsEndpoint != nil && *c.UseFipsEndpoint,
		UseDualStackEndpoint:   c.UseDualstackEndpoint != nil && *c.UseDualstackEndpoint,
		// The chain makes the calls of these functions itself, and
		// gets their advice.
		Hints: map[string]session.Hint{
			"sts:AssumeRole":                stsinput.AssumeRoleHint,
			"sts:AssumeRoleWithWebIdentity": stsinput.WebIdentityHint,
		},
	}
	for _, r := range c.roles() {
		s.Roles = append(s.Roles, session.Role{Field: r.field, Input: r.role.Input()})
	}
	if c.Endpoints != nil {
		s.STSEndpoint, s.IAMEndpoint, s.SSOEndpoint = deref(c.Endpoints.STS), deref(c.Endpoints.IAM), deref(c.Endpoints.SSO)
		s.SigninEndpoint = deref(c.Endpoints.Signin)
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

// roleStep is a role the provider assumes, named by its field.
type roleStep struct {
	field string // "assumeRole", "assumeRoles[1]"
	role  *stsinput.Role
}

// roles are the roles the provider assumes, in the order it assumes them:
// assumeRole, or each of assumeRoles (not both; Validate says so).
func (c *Config) roles() []roleStep {
	var rs []roleStep
	if c.AssumeRole != nil {
		rs = append(rs, roleStep{"assumeRole", c.AssumeRole})
	}
	for i := range c.AssumeRoles {
		rs = append(rs, roleStep{fmt.Sprintf("assumeRoles[%d]", i), &c.AssumeRoles[i]})
	}
	return rs
}
