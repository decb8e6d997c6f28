package providertest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/pulumi/pulumi-go-provider/integration"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// GetCreds invokes GetCredentials and checks what every answer must hold:
// the secret parts marked secret (even when empty), the source in words and
// free of secrets, the expiration empty or RFC 3339.
func GetCreds(t *testing.T, s integration.Server) map[string]string {
	t.Helper()
	out, err := Invoke(s, GetCredentials, nil)
	require.NoError(t, err)
	assert.False(t, out.Get("accessKeyId").Secret(), "the access key ID is not secret")
	assert.False(t, out.Get("source").Secret())
	assert.False(t, out.Get("expiration").Secret())
	for _, k := range []string{"secretAccessKey", "sessionToken"} {
		assert.True(t, out.Get(k).Secret(), "%s must be secret, even when empty", k)
	}
	got := Outputs(out)
	require.NotEmpty(t, got["accessKeyId"])
	require.NotEmpty(t, got["secretAccessKey"])
	assert.NotEmpty(t, got["source"])
	assert.NotContains(t, got["source"], got["secretAccessKey"])
	if got["sessionToken"] != "" {
		assert.NotContains(t, got["source"], got["sessionToken"])
	}
	if got["expiration"] != "" {
		_, err := time.Parse(time.RFC3339, got["expiration"])
		require.NoError(t, err, "expiration is RFC 3339")
	}
	return got
}

// WhoIs asks moto, through a second provider configured with creds, whom
// they belong to: proof that they are credentials and not just strings.
func WhoIs(t *testing.T, endpoint string, creds map[string]string) string {
	t.Helper()
	cfg := EndpointConfig(endpoint).
		Set("accessKey", Str(creds["accessKeyId"])).
		Set("secretKey", Str(creds["secretAccessKey"]).WithSecret(true))
	if creds["sessionToken"] != "" {
		cfg = cfg.Set("token", Str(creds["sessionToken"]).WithSecret(true))
	}
	out, err := Invoke(NewServer(t, cfg), CallerIdentity, nil)
	require.NoError(t, err)
	return Outputs(out)["arn"]
}

// CredentialServer answers path with the JSON document doc, as the ECS and
// EKS container credentials endpoints do.
func CredentialServer(t *testing.T, path string, doc map[string]string) string {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != path {
			http.NotFound(w, r)
			return
		}
		_ = json.NewEncoder(w).Encode(doc)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// IMDSServer is the part of the EC2 instance metadata service (IMDSv2) the
// AWS SDK reads an instance role's credentials from.
func IMDSServer(t *testing.T, role string, doc map[string]string) string {
	t.Helper()
	const token = "imds-session-token"
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPut && r.URL.Path == "/latest/api/token" {
			w.Header().Set("X-Aws-Ec2-Metadata-Token-Ttl-Seconds", "21600")
			_, _ = fmt.Fprint(w, token)
			return
		}
		if r.Header.Get("X-Aws-Ec2-Metadata-Token") != token {
			http.Error(w, "no IMDSv2 token", http.StatusUnauthorized)
			return
		}
		switch r.URL.Path {
		case "/latest/meta-data/iam/security-credentials/":
			_, _ = fmt.Fprint(w, role)
		case "/latest/meta-data/iam/security-credentials/" + role:
			_ = json.NewEncoder(w).Encode(doc)
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// SecretCreds checks a credentials output: the secret parts secret and
// present, the expiration RFC 3339; it returns them and the expiration.
func SecretCreds(t *testing.T, v property.Value) (map[string]string, time.Time) {
	t.Helper()
	creds := v.AsMap()
	assert.False(t, creds.Get("accessKeyId").Secret(), "the access key ID is not secret")
	for _, k := range []string{"secretAccessKey", "sessionToken"} {
		assert.True(t, creds.Get(k).Secret(), "%s must be secret", k)
		assert.NotEmpty(t, creds.Get(k).AsString())
	}
	exp, err := time.Parse(time.RFC3339, creds.Get("expiration").AsString())
	require.NoError(t, err, "expiration is RFC 3339")
	return Outputs(creds), exp
}
