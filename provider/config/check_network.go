package config

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/redact"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/session"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/stsinput"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

// checkAccounts reports account IDs that cannot be AWS account IDs, and the
// two lists used together, as Terraform does.
func (c *Config) checkAccounts() []violation.Violation {
	var vs []violation.Violation
	if len(c.AllowedAccountIds) > 0 && len(c.ForbiddenAccountIds) > 0 {
		vs = append(vs, violation.Violation{Field: "forbiddenAccountIds",
			Reason: "cannot be used together with allowedAccountIds; choose one"})
	}
	ids := func(field string, list []string) {
		l := &violation.List{}
		for i, id := range list {
			stsinput.AccountID(l, fmt.Sprintf("%s[%d]", field, i), id)
		}
		vs = append(vs, l.All...)
	}
	ids("allowedAccountIds", c.AllowedAccountIds)
	ids("forbiddenAccountIds", c.ForbiddenAccountIds)
	return vs
}

// checkNetwork checks the settings that decide how requests travel.
func (c *Config) checkNetwork() []violation.Violation {
	var vs []violation.Violation
	add := func(field, format string, args ...any) {
		vs = append(vs, violation.Violation{Field: field, Reason: fmt.Sprintf(format, args...)})
	}
	if r := c.StsRegion; r != nil && !region.MatchString(*r) {
		add("stsRegion", "%.64q is not an AWS region name such as us-east-1 or eu-west-2", *r)
	}
	if m := c.RetryMode; m != nil && *m != "standard" && *m != "adaptive" {
		add("retryMode", "must be \"standard\" or \"adaptive\", but is %.40q", *m)
	}
	if f := c.CustomCaBundle; f != nil {
		if reason := caBundleProblem(*f); reason != "" {
			add("customCaBundle", "%s", reason)
		}
	}
	for _, p := range []struct {
		field string
		value *string
	}{{"httpProxy", c.HttpProxy}, {"httpsProxy", c.HttpsProxy}} {
		if p.value != nil {
			vs = append(vs, urlViolations(p.field, *p.value, "http", "https", "socks5")...)
		}
	}
	custom := c.Endpoints != nil && (c.Endpoints.STS != nil || c.Endpoints.IAM != nil || c.Endpoints.SSO != nil ||
		c.Endpoints.Signin != nil)
	for _, v := range []struct {
		field string
		on    *bool
	}{{"useFipsEndpoint", c.UseFipsEndpoint}, {"useDualstackEndpoint", c.UseDualstackEndpoint}} {
		if v.on != nil && *v.on && custom {
			add(v.field, "cannot be used with custom endpoints: AWS's endpoint rules refuse the pair. Remove "+
				"endpoints, or this setting")
		}
	}
	return vs
}

// urlViolations checks an endpoint or proxy URL. The value is quoted
// redacted: a proxy URL may carry a password (http://alice:PASSWORD@proxy),
// mistyped or not.
func urlViolations(field, v string, schemes ...string) []violation.Violation {
	u, err := url.Parse(v)
	problem := ""
	switch {
	case err != nil:
		problem = "it cannot be read as a URL"
	case u.Scheme == "":
		problem = "it does not start with " + oneOf(schemes, "://")
	case !slices.Contains(schemes, u.Scheme):
		problem = fmt.Sprintf("its scheme %s is not %s", redact.Quote(u.Scheme, 20), oneOf(schemes, ""))
	case u.Host == "":
		problem = "it names no host"
	default:
		return nil
	}
	kind := "an http(s) URL"
	if len(schemes) > 2 {
		kind = "a proxy URL (http, https or socks5)"
	}
	return []violation.Violation{{Field: field, Reason: fmt.Sprintf("%s is not %s such as http://127.0.0.1:5000: %s",
		redact.Quote(redact.String(v), 200), kind, problem)}}
}

// oneOf lists choices in words: "http, https or socks5".
func oneOf(choices []string, suffix string) string {
	words := make([]string, len(choices))
	for i, c := range choices {
		words[i] = c + suffix
	}
	if len(words) < 2 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " or " + words[len(words)-1]
}

// caBundleProblem says what is wrong with a CA bundle file, or "".
func caBundleProblem(path string) string {
	if path == "" {
		return "is empty; give the path of a PEM file of CA certificates"
	}
	if err := session.CheckCABundle(context.Background(), path); err != nil {
		return err.Error()
	}
	return ""
}
