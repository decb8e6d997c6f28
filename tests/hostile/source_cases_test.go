package hostile

import (
	"crypto/sha1" //nolint:gosec // the SSO token cache's file name is the SHA-1 of the session name
	"encoding/hex"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/credfakes"
)

// sso writes profile dev with an sso_session whose cached token is token,
// and points the SSO portal at portal.
func (h *harness) sso(token, portal string) {
	h.awsConfig("[profile dev]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = PowerUser\n\n" +
		"[sso-session corp]\nsso_start_url = https://d-0123456789.awsapps.com/start\nsso_region = us-east-1\n" +
		"sso_registration_scopes = sso:account:access\n")
	sum := sha1.Sum([]byte("corp")) //nolint:gosec // the cache's naming, not a security use
	doc, err := json.Marshal(map[string]string{"accessToken": token,
		"expiresAt": time.Now().Add(time.Hour).UTC().Format(time.RFC3339), "region": "us-east-1",
		"startUrl": "https://d-0123456789.awsapps.com/start"})
	require.NoError(h.t, err)
	h.file(filepath.Join("home", ".aws", "sso", "cache", hex.EncodeToString(sum[:])+".json"), string(doc))
	h.set("AWS_PROFILE=dev", "AWS_ENDPOINT_URL_SSO="+portal)
}

func sourceCases() []hcase {
	return []hcase{
		{"static keys in config: secrets stay secret", func(t *testing.T, h *harness) {
			h.cfg("aws-identity:accessKey", "AKIAHOSTILE000000005")
			h.run("config", "set", "--secret", "aws-identity:secretKey", h.canary("config secret key"))
			h.run("config", "set", "--secret", "aws-identity:token", h.canary("config token"))
			h.caller()
			h.invoke("creds", "aws-identity:index:getCredentials", "{}")
			h.output("source", "${creds.source}")
			r := h.up(kill)
			if r.ok(t) {
				assert.Equal(t, "the provider's accessKey and secretKey", r.out("source"))
			}
		}},
		{"environment keys: secrets stay secret", func(t *testing.T, h *harness) {
			h.envKeys()
			h.set("AWS_SESSION_TOKEN=" + h.canary("env session token"))
			h.caller()
			h.invoke("creds", "aws-identity:index:getCredentials", "{}")
			h.output("source", "${creds.source}")
			r := h.up(kill)
			if r.ok(t) {
				assert.Equal(t, "the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", r.out("source"))
			}
		}},
		{"shared credentials profile with ANSI escapes in its name", func(t *testing.T, h *harness) {
			name := "ops\x1b[2Jprod"
			h.set("AWS_SHARED_CREDENTIALS_FILE=" + h.file("aws-credentials", "["+name+"]\naws_access_key_id = AKIAHOSTILE000000006\n"+
				"aws_secret_access_key = "+h.canary("profile secret key")+"\n"))
			h.cfg("aws-identity:profile", "missing\x1b[2J\x1b[31mprofile")
			h.caller()
			r := h.up(kill)
			r.fails(t, "profile")
			assert.NotContains(t, r.Out, "\x1b[2J", "an escape from the configuration reaches the terminal raw")
		}},
		{"role_arn profile: works", func(t *testing.T, h *harness) {
			h.awsConfig("[profile base]\naws_access_key_id = AKIAHOSTILE000000007\naws_secret_access_key = " +
				h.canary("base secret key") + "\n\n[profile deployer]\nrole_arn = " + shared.roleArn +
				"\nsource_profile = base\nrole_session_name = from-profile\n")
			h.set("AWS_PROFILE=deployer")
			h.caller()
			h.probe()
			r := h.up(kill)
			if r.ok(t) {
				assert.Equal(t, assumed("from-profile"), r.out("arn"))
				r.alive(t)
			}
		}},
		{"role_arn profile: STS answers AssumeRole without credentials", func(t *testing.T, h *harness) {
			fault := awsfault.Start(t)
			fault.On("AssumeRole", awsfault.Empty())
			h.awsConfig("[profile base]\naws_access_key_id = AKIAHOSTILE000000008\naws_secret_access_key = " +
				h.canary("base secret key") + "\n\n[profile deployer]\nrole_arn = " + shared.roleArn + "\nsource_profile = base\n")
			h.set("AWS_PROFILE=deployer", "AWS_ENDPOINT_URL="+fault.URL)
			h.caller()
			r := h.up(kill)
			r.fails(t, `getting credentials from profile "deployer" (role_arn `+shared.roleArn+`, source_profile base): `+
				`assuming role_arn `+shared.roleArn+`: sts:AssumeRole answered without complete credentials (an access `+
				`key ID, a secret access key, a session token and an expiration); check that the STS endpoint is `+
				`AWS's or a faithful emulator`)
			assert.Positive(t, fault.Calls("AssumeRole"))
		}},
		{"role_arn profile: role_session_name with control characters", func(t *testing.T, h *harness) {
			h.awsConfig("[profile base]\naws_access_key_id = AKIAHOSTILE000000009\naws_secret_access_key = " +
				h.canary("base secret key") + "\n\n[profile deployer]\nrole_arn = " + shared.roleArn +
				"\nsource_profile = base\nrole_session_name = bad\x1b]0;pwned\x07name\n")
			h.set("AWS_PROFILE=deployer")
			h.caller()
			r := h.up(kill)
			r.fails(t, `profile "deployer"`)
			assert.NotContains(t, r.Out, "\x1b]0;pwned", "an escape from the shared config reaches the terminal raw")
		}},
		{"web identity from the environment: works, token stays secret", func(t *testing.T, h *harness) {
			token := "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9." + h.canary("web identity token")
			h.set("AWS_ROLE_ARN="+shared.roleArn, "AWS_ROLE_SESSION_NAME=ci-run",
				"AWS_WEB_IDENTITY_TOKEN_FILE="+h.file("token", token))
			h.caller()
			r := h.up(kill)
			if r.ok(t) {
				assert.Equal(t, assumed("ci-run"), r.out("arn"))
			}
		}},
		{"web identity from the environment: the token file is the zero device", func(t *testing.T, h *harness) {
			h.set("AWS_ROLE_ARN="+shared.roleArn, "AWS_WEB_IDENTITY_TOKEN_FILE=/dev/zero")
			h.caller()
			r := h.up(kill)
			r.fails(t, "AWS_WEB_IDENTITY_TOKEN_FILE")
			r.within(t, prompt)
		}},
		{"web identity profile: the token file is a FIFO", func(t *testing.T, h *harness) {
			h.awsConfig("[profile ci]\nrole_arn = " + shared.roleArn + "\nweb_identity_token_file = " + h.fifo("token-pipe") + "\n")
			h.set("AWS_PROFILE=ci")
			h.caller()
			r := h.up(kill)
			r.fails(t, `profile "ci"`, "web_identity_token_file")
			r.within(t, prompt)
		}},
		{"web identity: STS answers without credentials", func(t *testing.T, h *harness) {
			fault := awsfault.Start(t)
			fault.On("AssumeRoleWithWebIdentity", awsfault.Empty())
			h.set("AWS_ROLE_ARN="+shared.roleArn, "AWS_ENDPOINT_URL="+fault.URL,
				"AWS_WEB_IDENTITY_TOKEN_FILE="+h.file("token", "eyJhbGciOiJSUzI1NiJ9.e30."+h.canary("web identity token")))
			h.caller()
			r := h.up(kill)
			r.fails(t, "AssumeRoleWithWebIdentity")
		}},
		{"SSO profile: works, the access token stays secret", func(t *testing.T, h *harness) {
			c := h.session("sso-ok")
			token := h.canary("sso access token")
			p := credfakes.SSOPortal(t, token, func(string, string) aws.Credentials { return c })
			h.sso(token, p.URL)
			h.caller()
			r := h.up(kill)
			if r.ok(t) {
				assert.Equal(t, assumed("sso-ok"), r.out("arn"))
			}
		}},
		{"SSO profile: the portal answers without credentials", func(t *testing.T, h *harness) {
			token := h.canary("sso access token")
			p := credfakes.SSOPortal(t, token, func(string, string) aws.Credentials { return aws.Credentials{} })
			h.sso(token, p.URL)
			h.caller()
			h.probe()
			r := h.up(kill)
			r.fails(t, `SSO profile "dev"`)
		}},
		{"SSO profile: the portal answers an HTML page echoing the token", func(t *testing.T, h *harness) {
			token := h.canary("sso access token")
			portal, _ := serve(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(http.StatusBadGateway)
				_, _ = w.Write([]byte("<html><body>bad gateway for token " + r.Header.Get("x-amz-sso_bearer_token") + "</body></html>"))
			})
			h.sso(token, portal)
			h.caller()
			r := h.up(kill)
			r.fails(t, `SSO profile "dev"`)
		}},
		{"container FULL_URI: works, token file and query token stay secret", func(t *testing.T, h *harness) {
			c := h.session("pod")
			token := h.canary("pod identity token")
			fake := credfakes.Container(t, token, func() aws.Credentials { return c })
			h.set("AWS_CONTAINER_CREDENTIALS_FULL_URI="+fake.URL+"/v1/credentials?sig="+h.canary("query token"),
				"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE="+h.file("pod-token", token))
			h.caller()
			h.invoke("creds", "aws-identity:index:getCredentials", "{}")
			h.output("source", "${creds.source}")
			r := h.up(kill)
			if r.ok(t) {
				assert.Equal(t, assumed("pod"), r.out("arn"))
				h.noCanary("getCredentials.source", r.out("source"))
				assert.Contains(t, r.out("source"), "/v1/credentials")
			}
		}},
		{"container FULL_URI: the token file is the zero device", func(t *testing.T, h *harness) {
			fake := credfakes.Container(t, "x", func() aws.Credentials { return aws.Credentials{} })
			h.set("AWS_CONTAINER_CREDENTIALS_FULL_URI="+fake.URL+"/v1/credentials",
				"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=/dev/zero")
			h.caller()
			r := h.up(kill)
			r.fails(t, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")
			r.within(t, prompt)
		}},
		{"container FULL_URI: the token file is a FIFO", func(t *testing.T, h *harness) {
			fake := credfakes.Container(t, "x", func() aws.Credentials { return aws.Credentials{} })
			h.set("AWS_CONTAINER_CREDENTIALS_FULL_URI="+fake.URL+"/v1/credentials",
				"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE="+h.fifo("pod-token"))
			h.caller()
			r := h.up(kill)
			r.fails(t, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")
			r.within(t, prompt)
		}},
		{"container FULL_URI: the endpoint answers an HTML page echoing the token", func(t *testing.T, h *harness) {
			token := h.canary("pod identity token")
			u, _ := serve(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(http.StatusInternalServerError)
				_, _ = w.Write([]byte("<html><body><h1>500</h1><pre>Authorization: " + r.Header.Get("Authorization") + "</pre></body></html>"))
			})
			h.set("AWS_CONTAINER_CREDENTIALS_FULL_URI="+u+"/v1/credentials",
				"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE="+h.file("pod-token", token))
			h.caller()
			r := h.up(kill)
			r.fails(t, "container credentials endpoint")
		}},
		{"container FULL_URI: an answer without the secret key", func(t *testing.T, h *harness) {
			u := fixed(t, http.StatusOK, "application/json", `{"AccessKeyId":"ASIAHOSTILE000000010","Token":"`+
				h.canary("container token")+`","Expiration":"`+later(time.Hour)+`"}`)
			h.set("AWS_CONTAINER_CREDENTIALS_FULL_URI=" + u + "/v1/credentials")
			h.caller()
			h.probe()
			r := h.up(kill)
			r.fails(t, "container credentials endpoint")
		}},
		{"container FULL_URI: a slow-loris endpoint", func(t *testing.T, h *harness) {
			h.set("AWS_CONTAINER_CREDENTIALS_FULL_URI=" + slowLoris(t) + "/v1/credentials")
			h.endpoint(h.moto.Endpoint) // a call's budget: 3 s, no retry
			h.caller()
			r := h.up(kill)
			r.fails(t, "container credentials endpoint")
			r.within(t, prompt)
		}},
		{"IMDS: works, the role's secrets stay secret", func(t *testing.T, h *harness) {
			c := h.session("i-0123456789abcdef0")
			fake := credfakes.IMDS(t, "web-server", func() aws.Credentials { return c })
			h.set("AWS_EC2_METADATA_DISABLED=false", "AWS_EC2_METADATA_SERVICE_ENDPOINT="+fake.URL)
			h.caller()
			r := h.up(kill)
			if r.ok(t) {
				assert.Equal(t, assumed("i-0123456789abcdef0"), r.out("arn"))
			}
		}},
		{"IMDS: a metadata service that never answers", func(t *testing.T, h *harness) {
			h.set("AWS_EC2_METADATA_DISABLED=false", "AWS_EC2_METADATA_SERVICE_ENDPOINT="+silentTCP(t))
			h.caller()
			r := h.up(kill)
			r.fails(t, "EC2 instance metadata")
			r.within(t, prompt)
		}},
	}
}

var _ = os.Getenv
