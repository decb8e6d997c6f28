package hostile

import (
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
)

// endpoint points both STS and IAM of the default provider at url, with no
// retries and a short request timeout.
func (h *harness) endpoint(url string) {
	h.cfg("aws-identity:endpoints", map[string]any{"sts": url, "iam": url})
	h.cfg("aws-identity:maxRetries", 0)
	h.cfg("aws-identity:requestTimeoutSeconds", 3)
}

func networkCases() []hcase {
	return []hcase{
		{"httpsProxy: mistyped, with a password, set as a secret", func(t *testing.T, h *harness) {
			h.envKeys()
			h.run("config", "set", "--secret", "aws-identity:httpsProxy",
				"http//alice:"+h.canary("proxy password")+"@proxy.corp.example:3128")
			h.caller()
			r := h.up(kill)
			r.fails(t, `property httpsProxy value`, `has a problem: "http//[redacted]@proxy.corp.example:3128" is not a `+
				`proxy URL (http, https or socks5) such as http://127.0.0.1:5000: it does not start with http://, https:// or socks5://`)
		}},
		{"httpsProxy: mistyped, with a password, set in plain text", func(t *testing.T, h *harness) {
			h.envKeys()
			// Not a planted canary: the engine itself quotes a plain
			// configuration value that a provider refuses ("property
			// httpsProxy value {...} has a problem: ..."). The provider's
			// own words after it must not.
			password := "plainProxyPassword" + strings.Repeat("Q", 20)
			h.cfg("aws-identity:httpsProxy", "http//alice:"+password+"@proxy.corp.example:3128")
			h.caller()
			r := h.up(kill)
			r.fails(t, "httpsProxy")
			parts := strings.Split(r.Flat, "has a problem: ")
			assert.Greater(t, len(parts), 1, "the check failure is shown")
			for _, part := range parts[1:] {
				provider, _, _ := strings.Cut(part, "property httpsProxy value") // the engine's next echo
				assert.NotContains(t, provider, password, "the provider quotes the proxy's password")
				assert.Contains(t, provider, "[redacted]")
			}
		}},
		{"httpsProxy: a valid URL with a password is secret in the state", func(t *testing.T, h *harness) {
			h.envKeys()
			password := h.canary("proxy password")
			h.decl("proxyUrl")
			h.cfg("hostile:proxyUrl", "http://alice:"+password+"@127.0.0.1:9/")
			h.extra = "resources:\n  viaProxy:\n    type: pulumi:providers:aws-identity\n    properties:\n" +
				"      region: us-east-1\n      httpsProxy: ${proxyUrl}\n      endpoints:\n        sts: " + h.moto.Endpoint + "\n"
			h.vars = append(h.vars, "  me:\n    fn::invoke:\n      function: aws-identity:index:getCallerIdentity\n"+
				"      arguments: {}\n      options:\n        provider: ${viaProxy}\n")
			h.output("arn", "${me.arn}")
			r := h.up(kill)
			r.ok(t)
			assert.Contains(t, r.Export, "viaProxy", "the provider is in the state")
		}},
		{"httpProxy: a proxy that answers an HTML page echoing the credentials", func(t *testing.T, h *harness) {
			h.envKeys()
			proxy, n, _ := forwardProxy(t, http.StatusBadGateway)
			user := strings.TrimPrefix(proxy, "http://")
			h.cfg("aws-identity:httpProxy", "http://bob:"+h.canary("proxy password")+"@"+user)
			// Not loopback, so that the request goes through the proxy;
			// the proxy answers it, nothing resolves the name.
			h.endpoint("http://sts.hostile.invalid")
			h.caller()
			r := h.up(kill)
			r.fails(t, "sts:GetCallerIdentity")
			assert.Positive(t, n.Load(), "the request went through the proxy")
			assert.NotContains(t, r.Flat, "<html>", "a proxy's HTML page is quoted whole")
		}},
		{"endpoints.sts: userinfo and query in the URL, nothing listening", func(t *testing.T, h *harness) {
			h.envKeys()
			closed := strings.TrimPrefix(awsfault.ClosedPort(t), "http://")
			h.endpoint("http://admin:" + h.canary("endpoint password") + "@" + closed + "/?X-Amz-Security-Token=" +
				h.canary("endpoint query token"))
			h.caller()
			r := h.up(kill)
			r.fails(t, "could not reach", closed)
			r.within(t, prompt)
		}},
		{"endpoints.sts: an answer cut off in the middle", func(t *testing.T, h *harness) {
			h.envKeys()
			h.endpoint(truncatedXML(t))
			h.caller()
			h.probe()
			r := h.up(kill)
			r.fails(t, "sts:GetCallerIdentity")
		}},
		{"endpoints.sts: an HTML page with status 200 echoing a secret", func(t *testing.T, h *harness) {
			h.envKeys()
			h.endpoint(fixed(t, http.StatusOK, "text/html", "<html><body>Welcome! Your session "+
				h.canary("html session")+" is active.</body></html>"))
			h.caller()
			r := h.up(kill)
			r.fails(t, "sts:GetCallerIdentity")
		}},
		{"endpoints.sts: an XML error whose message holds a secret key", func(t *testing.T, h *harness) {
			h.envKeys()
			secret := h.canary("echoed secret")
			h.endpoint(fixed(t, http.StatusForbidden, "text/xml", `<ErrorResponse><Error><Type>Sender</Type>`+
				`<Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match. `+
				`aws_secret_access_key=`+secret+` SecretAccessKey: `+secret+`</Message></Error></ErrorResponse>`))
			h.caller()
			r := h.up(kill)
			r.fails(t, "sts:GetCallerIdentity", "SignatureDoesNotMatch")
		}},
		{"endpoints.sts: a slow-loris answer", func(t *testing.T, h *harness) {
			h.envKeys()
			h.endpoint(slowLoris(t))
			h.caller()
			r := h.up(kill)
			r.fails(t, "sts:GetCallerIdentity")
			r.within(t, prompt)
		}},
		{"endpoints.sts: an endless answer", func(t *testing.T, h *harness) {
			h.envKeys()
			h.endpoint(endless(t, "text/xml", "<Arn>arn:aws:iam::123456789012:user/x</Arn>"))
			h.caller()
			r := h.up(kill)
			r.fails(t, "sts:GetCallerIdentity")
			r.within(t, prompt)
		}},
		{"endpoints.iam: an endpoint that never answers, with lookupTimeoutSeconds", func(t *testing.T, h *harness) {
			h.envKeys()
			h.cfg("aws-identity:endpoints", map[string]any{"sts": h.moto.Endpoint, "iam": silentTCP(t)})
			h.cfg("aws-identity:maxRetries", 0)
			h.invoke("ctx", "aws-identity:iam:getSessionContext",
				`{arn: "arn:aws:sts::123456789012:assumed-role/hostile/s", lookupTimeoutSeconds: 2}`)
			h.output("issuer", "${ctx.issuerArn}")
			r := h.up(kill)
			r.fails(t, "iam:GetRole")
			r.within(t, prompt)
		}},
	}
}
