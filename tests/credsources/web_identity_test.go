package credsources

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// A web identity token (OIDC), recognizable so that a leak is found.
const webToken = "eyJhbGciOiJSUzI1NiJ9.credSourcesWebIdentityToken.MustNeverBeShown"

// Web identity from the environment, as GitHub Actions and EKS (IRSA) set it:
// AWS_ROLE_ARN, AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_SESSION_NAME.
func webIdentity(t *testing.T, moto *testenv.Moto) {
	roleArn, _ := moto.CreateRole(t, "gha-deploy", "/ci/")
	t.Run("success", func(t *testing.T) {
		t.Parallel()
		rec := record(t, moto.Endpoint)
		e := isolate(t, rec.URL)
		tokenFile := e.file(t, "web-identity-token", webToken, 0o600)
		e.set("AWS_ROLE_ARN="+roleArn, "AWS_WEB_IDENTITY_TOKEN_FILE="+tokenFile, "AWS_ROLE_SESSION_NAME=gha-run-17")
		rec.signedWith(t, callerIs(t, e.stack(t), assumedRole("gha-deploy", "gha-run-17"), "the web identity token file "+
			tokenFile+" (AWS_WEB_IDENTITY_TOKEN_FILE, role "+roleArn+")", webToken))
		calls := rec.of("AssumeRoleWithWebIdentity")
		require.Len(t, calls, 1, "the token is exchanged once, at AWS_ENDPOINT_URL")
		assert.Equal(t, webToken, calls[0].Form.Get("WebIdentityToken"), "the token is the file's")
		assert.Equal(t, roleArn, calls[0].Form.Get("RoleArn"))
		assert.Equal(t, "gha-run-17", calls[0].Form.Get("RoleSessionName"))
		assert.NotEmpty(t, rec.of("GetCallerIdentity"))
		for _, c := range rec.of("GetCallerIdentity") {
			assert.Regexp(t, `^ASIA`, c.AccessKey, "getCallerIdentity is signed with the role's temporary keys")
			assert.Equal(t, "us-east-1", c.Region)
		}
	})
	t.Run("failure: token file missing", func(t *testing.T) {
		t.Parallel()
		rec := record(t, moto.Endpoint)
		e := isolate(t, rec.URL)
		missing := filepath.Join(e.Home, "var", "run", "secrets", "token")
		e.set("AWS_ROLE_ARN="+roleArn, "AWS_WEB_IDENTITY_TOKEN_FILE="+missing, "AWS_ROLE_SESSION_NAME=gha-run-18")
		out := failsWith(t, e.stack(t))
		assert.Contains(t, out, "getting credentials from the web identity token file "+missing+
			" (AWS_WEB_IDENTITY_TOKEN_FILE, role "+roleArn+")")
		assert.Contains(t, out, `AWS_WEB_IDENTITY_TOKEN_FILE: the file "`+missing+`" does not exist`)
		assert.Empty(t, rec.all(), "no call is made without credentials")
	})
}
