package credsources

import (
	"crypto/sha1" //nolint:gosec // the SSO token cache's file name is the SHA-1 of the session name
	"encoding/hex"
	"encoding/json"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/credfakes"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// SSO access tokens, as `aws sso login` caches them.
const (
	ssoToken      = "credSourcesSSOAccessToken/MustNeverBeShown000000000"
	staleSSOToken = "credSourcesStaleSSOToken/MustNeverBeShown0000000000"
)

// ssoRole is the role IAM Identity Center makes for a permission set.
const ssoRole = "AWSReservedSSO_PowerUser_0123456789abcdef"

// An SSO profile with an sso_session: the token comes from the cache in
// $HOME/.aws/sso/cache, the role's credentials from the SSO portal
// (credfakes.SSOPortal, since moto has none), set with the provider's
// endpoints.sso or with AWS_ENDPOINT_URL_SSO.
func ssoProfile(t *testing.T, moto *testenv.Moto) {
	roleArn, _ := moto.CreateRole(t, ssoRole, "/aws-reserved/sso.amazonaws.com/")
	// profile writes the profile, its sso-session and the cached token.
	profile := func(t *testing.T, e *isolated, token string) {
		e.writeConfig(t, "[profile dev]\nsso_session = corp\nsso_account_id = "+testenv.MotoAccountID+
			"\nsso_role_name = PowerUser\n\n[sso-session corp]\nsso_start_url = https://d-0123456789.awsapps.com/start\n"+
			"sso_region = us-east-1\nsso_registration_scopes = sso:account:access\n")
		sum := sha1.Sum([]byte("corp")) //nolint:gosec // the cache's naming, not a security use
		cache := filepath.Join(e.Home, ".aws", "sso", "cache")
		require.NoError(t, os.MkdirAll(cache, 0o700))
		doc, err := json.Marshal(map[string]string{"accessToken": token,
			"expiresAt": time.Now().Add(time.Hour).UTC().Format(time.RFC3339), "region": "us-east-1",
			"startUrl": "https://d-0123456789.awsapps.com/start"})
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(cache, hex.EncodeToString(sum[:])+".json"), doc, 0o600))
		e.set("AWS_PROFILE=dev")
	}
	// portal hands out c, and remembers what it was asked for.
	type asked struct{ account, role string }
	portal := func(t *testing.T, c aws.Credentials) (*credfakes.Server, func() []asked) {
		var mu sync.Mutex
		var got []asked
		p := credfakes.SSOPortal(t, ssoToken, func(account, role string) aws.Credentials {
			mu.Lock()
			defer mu.Unlock()
			got = append(got, asked{account, role})
			return c
		})
		return p, func() []asked { mu.Lock(); defer mu.Unlock(); return append([]asked(nil), got...) }
	}

	t.Run("success with endpoints.sso", func(t *testing.T) {
		t.Parallel()
		c := moto.AssumeRole(t, roleArn, "jane")
		p, got := portal(t, c)
		rec := record(t, moto.Endpoint)
		e := isolate(t, rec.URL)
		profile(t, e, ssoToken)
		s := e.stack(t)
		s.ConfigJSON("aws-identity:endpoints.sso", p.URL)
		key := callerIs(t, s, assumedRole(ssoRole, "jane"), `SSO profile "dev" (sso_session corp, account `+testenv.MotoAccountID+`, role PowerUser)`, append(secretsOf(c), ssoToken)...)
		assert.Equal(t, c.AccessKeyID, key, "getCredentials answers with the key the source handed out")
		assert.Positive(t, p.Served(), "the credentials came from the SSO portal")
		assert.Equal(t, []asked{{testenv.MotoAccountID, "PowerUser"}}, got())
		rec.signedBy(t, c.AccessKeyID, "us-east-1")
	})
	t.Run("success with AWS_ENDPOINT_URL_SSO", func(t *testing.T) {
		t.Parallel()
		c := moto.AssumeRole(t, roleArn, "joe")
		p, got := portal(t, c)
		rec := record(t, moto.Endpoint)
		e := isolate(t, rec.URL)
		profile(t, e, ssoToken)
		e.set("AWS_ENDPOINT_URL_SSO=" + p.URL)
		key := callerIs(t, e.stack(t), assumedRole(ssoRole, "joe"), `SSO profile "dev" (sso_session corp, account `+testenv.MotoAccountID+`, role PowerUser)`, append(secretsOf(c), ssoToken)...)
		assert.Equal(t, c.AccessKeyID, key, "getCredentials answers with the key the source handed out")
		assert.Positive(t, p.Served(), "the credentials came from the SSO portal")
		assert.Equal(t, []asked{{testenv.MotoAccountID, "PowerUser"}}, got())
		rec.signedBy(t, c.AccessKeyID, "us-east-1")
	})
	t.Run("failure: token not accepted", func(t *testing.T) {
		t.Parallel()
		p, _ := portal(t, aws.Credentials{})
		e := isolate(t, awsfault.ClosedPort(t))
		profile(t, e, staleSSOToken)
		s := e.stack(t)
		s.ConfigJSON("aws-identity:endpoints.sso", p.URL)
		out := failsWith(t, s, staleSSOToken, ssoToken)
		assert.Contains(t, out, `getting credentials from SSO profile "dev" (sso_session corp, account `+
			testenv.MotoAccountID+`, role PowerUser): getting role PowerUser in account `+testenv.MotoAccountID+
			` from the SSO portal: sso:GetRoleCredentials failed: UnauthorizedException: Session token not found or invalid`)
		assert.Contains(t, out, "run `aws sso login`")
		assert.Zero(t, p.Served())
	})
}
