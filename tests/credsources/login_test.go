package credsources

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"encoding/pem"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/credfakes"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// `aws login` tokens (AWS CLI 2.32 and later), as its cache holds them.
const (
	loginSession      = "arn:aws:iam::123456789012:user/alice"
	loginRefresh      = "credSourcesLoginRefreshToken/MustNeverBeShown00000000"
	loginNextRefresh  = "credSourcesLoginNextRefresh/MustNeverBeShown000000000"
	loginStaleSecret  = "credSourcesLoginStaleSecret/MustNeverBeShown00000000"
	loginClientID     = "arn:aws:signin:::devtools/same-device"
	loginSourceWanted = "the `aws login` session of profile \"dev\" (login_session " + loginSession + ")"
)

// A profile with login_session: its expired access token is refreshed at the
// signin service (credfakes.Signin, as moto has none) with the cached
// refresh token and a DPoP proof, as the AWS SDK for Go does it.
func TestLoginProfile(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "console", "/")
	setup := func(t *testing.T, endpoint string) (*isolated, string) {
		e := isolate(t, endpoint)
		e.writeConfig(t, "[profile dev]\nlogin_session = "+loginSession+"\nregion = us-east-1\n")
		e.set("AWS_PROFILE=dev")
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		require.NoError(t, err)
		der, err := x509.MarshalECPrivateKey(key)
		require.NoError(t, err)
		doc, err := json.Marshal(map[string]any{
			"accessToken": map[string]string{"accessKeyId": "ASIALOGINSTALE000001", "secretAccessKey": loginStaleSecret,
				"sessionToken": loginStaleSecret, "accountId": testenv.MotoAccountID,
				"expiresAt": time.Now().Add(-time.Minute).UTC().Format(time.RFC3339)},
			"tokenType": "aws_sigv4", "refreshToken": loginRefresh, "identityToken": "id", "clientId": loginClientID,
			"dpopKey": string(pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: der})),
		})
		require.NoError(t, err)
		sum := sha256.Sum256([]byte(loginSession))
		path := filepath.Join(e.Home, ".aws", "login", "cache", hex.EncodeToString(sum[:])+".json")
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
		require.NoError(t, os.WriteFile(path, doc, 0o600))
		return e, path
	}
	// received checks what the fake was sent: one refresh, as the SDK makes it.
	received := func(t *testing.T, f *credfakes.Signin) {
		t.Helper()
		assert.Equal(t, []credfakes.SigninRequest{{Path: "/v1/token", ContentType: "application/json",
			ClientID: loginClientID, GrantType: "refresh_token", RefreshTokenOK: true, DPoP: "valid",
			DPoPHtm: "POST", DPoPHtu: f.URL + "/v1/token"}}, f.Requests())
	}
	succeeds := func(t *testing.T, s *testenv.Stack, f *credfakes.Signin, tokenFile string) {
		t.Helper()
		up := s.Up()
		out := s.Outputs(true)
		assert.Equal(t, assumedRole("console", "alice"), out["arn"], "%s", up)
		assert.Equal(t, loginSourceWanted, out["source"])
		received(t, f)
		for _, secret := range []string{loginRefresh, loginNextRefresh, loginStaleSecret} {
			assert.NotContains(t, up, secret)
			assert.NotContains(t, s.StateFiles(), secret)
		}
		assert.Contains(t, readFile(t, tokenFile), loginNextRefresh, "the SDK saved the new refresh token")
	}

	t.Run("success with AWS_ENDPOINT_URL_SIGNIN", func(t *testing.T) {
		t.Parallel()
		c := moto.AssumeRole(t, roleArn, "alice")
		f := credfakes.StartSignin(t, loginRefresh, loginNextRefresh, func() aws.Credentials { return c })
		e, tokenFile := setup(t, moto.Endpoint)
		e.set("AWS_ENDPOINT_URL_SIGNIN=" + f.URL)
		succeeds(t, testenv.NewStack(t, loginProgram(t), e.Env...), f, tokenFile)
	})
	t.Run("success with endpoints.signin", func(t *testing.T) {
		t.Parallel()
		c := moto.AssumeRole(t, roleArn, "alice")
		f := credfakes.StartSignin(t, loginRefresh, loginNextRefresh, func() aws.Credentials { return c })
		e, tokenFile := setup(t, moto.Endpoint)
		e.set("AWS_ENDPOINT_URL_SIGNIN=" + awsfault.ClosedPort(t)) // the setting wins over the variable
		s := testenv.NewStack(t, loginProgram(t), e.Env...)
		s.ConfigJSON("aws-identity:endpoints.signin", f.URL)
		succeeds(t, s, f, tokenFile)
	})
	t.Run("the refresh token has expired", func(t *testing.T) {
		t.Parallel()
		f := credfakes.StartSignin(t, "another refresh token", loginNextRefresh, nil)
		e, _ := setup(t, moto.Endpoint)
		e.set("AWS_ENDPOINT_URL_SIGNIN=" + f.URL)
		out := failsWith(t, e.stack(t), loginRefresh, loginStaleSecret)
		assert.Contains(t, out, "getting credentials from "+loginSourceWanted+": signin:CreateOAuth2Token failed: "+
			"create oauth2 token: login session has expired, please reauthenticate: run `aws login --profile dev`, "+
			"which signs in again and refreshes the token cache, then run again")
		assert.Zero(t, f.Served())
	})
	t.Run("no token in the cache", func(t *testing.T) {
		t.Parallel()
		f := credfakes.StartSignin(t, loginRefresh, loginNextRefresh, nil)
		e, tokenFile := setup(t, moto.Endpoint)
		require.NoError(t, os.Remove(tokenFile))
		e.set("AWS_ENDPOINT_URL_SIGNIN=" + f.URL)
		out := failsWith(t, e.stack(t))
		assert.Contains(t, out, "getting credentials from "+loginSourceWanted+": the login token cache file "+
			tokenFile+" is not there: run `aws login --profile dev`, which signs in again and refreshes the token "+
			"cache, then run again")
		assert.Empty(t, f.Requests())
	})
}

func loginProgram(t *testing.T) string {
	return filepath.Join(testenv.RepoRoot(t), "tests", "credsources", "loginprogram")
}
