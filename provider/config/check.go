package config

import (
	"context"
	"fmt"
	"regexp"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/stsinput"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

// Region names are a country or area code (us, eu, cn, ..., eusc), one to
// three words and a number: us-east-1, us-gov-west-1, eusc-de-east-1.
var region = regexp.MustCompile(`^[a-z]{2,4}(-[a-z]+){1,3}-[0-9]{1,2}$`)

// Check reports every bad configuration value at once, before anything runs.
func (c *Config) Check(ctx context.Context, req infer.CheckRequest) (infer.CheckResponse[*Config], error) {
	// The engine gives a default provider its version (and plugin download
	// URL) as inputs, as the SDKs ask for a version; they are not settings.
	inputs := req.NewInputs.Delete("version", "pluginDownloadURL")
	cfg, failures, err := infer.DefaultCheck[Config](ctx, inputs)
	if err != nil || len(failures) > 0 {
		return infer.CheckResponse[*Config]{Inputs: &cfg, Failures: failures}, err
	}
	for _, v := range cfg.Validate() {
		failures = append(failures, p.CheckFailure{Property: v.Field, Reason: v.Reason})
	}
	return infer.CheckResponse[*Config]{Inputs: &cfg, Failures: failures}, nil
}

// Validate returns every problem with the configuration. Messages never
// include the values of secretKey or token.
func (c *Config) Validate() []violation.Violation {
	var ps []violation.Violation
	add := func(field, format string, args ...any) {
		ps = append(ps, violation.Violation{Field: field, Reason: fmt.Sprintf(format, args...)})
	}
	if r := deref(c.Region); c.Region != nil && !region.MatchString(r) {
		add("region", "%.64q is not an AWS region name such as us-east-1 or eu-west-2", r) // %.64q: a huge value is cut short
	}
	if c.Profile != nil && *c.Profile == "" {
		add("profile", "is empty; remove it to use AWS_PROFILE or the default profile")
	}
	for i, f := range c.SharedConfigFiles {
		if f == "" {
			add(fmt.Sprintf("sharedConfigFiles[%d]", i), "is empty; give a file path")
		}
	}
	for i, f := range c.SharedCredentialsFiles {
		if f == "" {
			add(fmt.Sprintf("sharedCredentialsFiles[%d]", i), "is empty; give a file path")
		}
	}
	if k := c.AccessKey; k != nil && *k != "" {
		// AWS's character set and maximum, but not its minimum of 16:
		// emulators document shorter keys (LocalStack's "test", moto's
		// "testing"), and the endpoint may be one.
		l := &violation.List{}
		l.Length("accessKey", *k, 1, violation.MaxAccessKeyID)
		l.Chars("accessKey", *k, violation.AccessKeyIDChars)
		ps = append(ps, l.All...)
	}
	hasKey, hasSecret, hasToken := deref(c.AccessKey) != "", deref(c.SecretKey) != "", deref(c.Token) != ""
	switch {
	case hasKey && !hasSecret:
		add("secretKey", "is required with accessKey")
	case hasSecret && !hasKey:
		add("accessKey", "is required with secretKey")
	}
	if hasToken && (!hasKey || !hasSecret) {
		add("token", "is a session token and needs accessKey and secretKey too")
	}
	if hasKey && c.Profile != nil {
		add("profile", "cannot be used together with accessKey; choose one source of credentials")
	}
	if c.Endpoints != nil {
		checkURL := func(field string, v *string) {
			if v != nil {
				ps = append(ps, urlViolations(field, *v, "http", "https")...)
			}
		}
		checkURL("endpoints.sts", c.Endpoints.STS)
		checkURL("endpoints.iam", c.Endpoints.IAM)
		checkURL("endpoints.sso", c.Endpoints.SSO)
		checkURL("endpoints.signin", c.Endpoints.Signin)
	}
	if m := c.MaxRetries; m != nil && (*m < 0 || *m > 100) {
		add("maxRetries", "must be between 0 and 100, but is %d", *m)
	}
	if t := c.RequestTimeoutSeconds; t != nil && (*t < 1 || *t > 3600) {
		add("requestTimeoutSeconds", "must be between 1 and 3600, but is %d", *t)
	}
	for _, r := range c.roles() {
		ps = append(ps, providerRole(r.field+".", *r.role)...)
	}
	if c.AssumeRoleWithWebIdentity != nil {
		ps = append(ps, c.AssumeRoleWithWebIdentity.validate("assumeRoleWithWebIdentity.")...)
	}
	ps = append(ps, c.checkChain()...)
	ps = append(ps, c.checkAccounts()...)
	ps = append(ps, c.checkNetwork()...)
	return ps
}

// chainedSessionLimit is AWS's cap on a session assumed with another role's
// credentials (role chaining).
const chainedSessionLimit = 3600

// checkChain reports a durationSeconds that AWS will refuse because the role
// is assumed with role credentials: after the web identity role, or after
// another role of the chain.
func (c *Config) checkChain() []violation.Violation {
	var vs []violation.Violation
	if c.AssumeRole != nil && len(c.AssumeRoles) > 0 {
		vs = append(vs, violation.Violation{Field: "assumeRoles",
			Reason: "cannot be used together with assumeRole; put that role first in assumeRoles"})
	}
	// Whose credentials each role is assumed with ("" for base credentials).
	with := ""
	if c.AssumeRoleWithWebIdentity != nil {
		with = "the web identity role's"
	}
	for _, r := range c.roles() {
		if d := r.role.DurationSeconds; with != "" && d != nil && *d > chainedSessionLimit {
			vs = append(vs, violation.Violation{Field: r.field + ".durationSeconds",
				Reason: fmt.Sprintf("is %d, but this role is assumed with %s credentials (role chaining), and AWS "+
					"caps such a session at %d seconds", *d, with, chainedSessionLimit)})
		}
		with = "another role's"
	}
	return vs
}

// mfaInstead is what to do rather than give the provider an MFA code.
const mfaInstead = "Remove serialNumber and tokenCode, and give the provider base credentials that already carry " +
	"MFA, which a role whose trust policy requires MFA accepts: those that `aws sts get-session-token " +
	"--serial-number DEVICE --token-code CODE` prints, as AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and " +
	"AWS_SESSION_TOKEN (or accessKey, secretKey and token)"

// providerRole checks a role the provider acts as with the assumeRole
// function's rules, but refuses an MFA code. A code is good once, for about
// 30 seconds, and the provider's configuration is used again and again: a
// `pulumi up` configures the provider for its preview and again for its
// update, the state keeps the configuration for refresh and destroy, and the
// role's credentials are refreshed with the same request before they
// expire. AWS refuses a code it has seen, so the second use would fail with
// a message about a wrong code; this says why at once instead.
func providerRole(prefix string, r stsinput.Role) []violation.Violation {
	serial, code := r.SerialNumber, r.TokenCode
	r.SerialNumber, r.TokenCode = nil, nil
	vs := r.Validate(prefix)
	switch {
	case code != nil:
		vs = append(vs, violation.Violation{Field: prefix + "tokenCode", Reason: "is a one-time MFA code, and the " +
			"provider's configuration is used more than once: the update after the preview, every later " +
			"refresh and destroy, and each renewal of the role's credentials would send the same code, which " +
			"AWS refuses once it has been used. " + mfaInstead})
	case serial != nil:
		vs = append(vs, violation.Violation{Field: prefix + "serialNumber", Reason: "needs a new MFA code at each " +
			"use, which the provider's configuration cannot give. " + mfaInstead})
	}
	return vs
}
