package provider_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pulumi/pulumi-go-provider/integration"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

const getCredentials = "aws-identity:index:getCredentials"

// getCreds invokes getCredentials and checks what every answer must hold:
// the secret parts marked secret (even when empty), the source in words and
// free of secrets, the expiration empty or RFC 3339.
func getCreds(t *testing.T, s integration.Server) map[string]string {
	t.Helper()
	out, err := invoke(s, getCredentials, nil)
	require.NoError(t, err)
	assert.False(t, out.Get("accessKeyId").Secret(), "the access key ID is not secret")
	assert.False(t, out.Get("source").Secret())
	assert.False(t, out.Get("expiration").Secret())
	for _, k := range []string{"secretAccessKey", "sessionToken"} {
		assert.True(t, out.Get(k).Secret(), "%s must be secret, even when empty", k)
	}
	got := outputs(out)
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

// whoIs asks moto, through a second provider configured with creds, whom
// they belong to: proof that they are credentials and not just strings.
func whoIs(t *testing.T, endpoint string, creds map[string]string) string {
	t.Helper()
	cfg := endpointConfig(endpoint).
		Set("accessKey", str(creds["accessKeyId"])).
		Set("secretKey", str(creds["secretAccessKey"]).WithSecret(true))
	if creds["sessionToken"] != "" {
		cfg = cfg.Set("token", str(creds["sessionToken"]).WithSecret(true))
	}
	out, err := invoke(newServer(t, cfg), callerIdentity, nil)
	require.NoError(t, err)
	return outputs(out)["arn"]
}

func TestGetCredentialsStaticKeys(t *testing.T) {
	moto := testenv.StartMoto(t)
	calls := testenv.CountCalls(t, moto.Endpoint)
	s := newServer(t, endpointConfig(calls.Endpoint))

	for i := 0; i < 3; i++ {
		got := getCreds(t, s)
		assert.Equal(t, map[string]string{
			"accessKeyId": testenv.MotoAccessKey, "secretAccessKey": testenv.MotoSecretKey,
			"sessionToken": "", "expiration": "", "source": got["source"],
		}, got, "long-term keys: no session token, no expiration")
		assert.Contains(t, got["source"], "accessKey and secretKey")
	}
	assert.Zero(t, calls.Total(), "the provider's own keys need no AWS call")

	withToken := newServer(t, endpointConfig(calls.Endpoint).Set("token", str("configuredSessionToken").WithSecret(true)))
	assert.Equal(t, "configuredSessionToken", getCreds(t, withToken)["sessionToken"])
}

// Each source of the AWS credential chain that can be served on loopback:
// getCredentials returns what the source gave and names the source.
func TestGetCredentialsSources(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "Deployer", "/ci/")
	dir := t.TempDir()
	write := func(name, text string, mode os.FileMode) string {
		path := filepath.Join(dir, name)
		require.NoError(t, os.WriteFile(path, []byte(text), mode))
		return path
	}
	future := time.Now().Add(time.Hour).UTC().Truncate(time.Second)
	container := credentialServer(t, "/creds", map[string]string{"AccessKeyId": "ASIACONTAINER0000001",
		"SecretAccessKey": "containerSecretKey000000000000000000000000", "Token": "containerSessionToken",
		"Expiration": future.Format(time.RFC3339)})
	imds := imdsServer(t, "ec2-role", map[string]string{"Code": "Success", "Type": "AWS-HMAC",
		"AccessKeyId": "ASIAINSTANCE00000001", "SecretAccessKey": "instanceSecretKey0000000000000000000000000",
		"Token": "instanceSessionToken", "Expiration": future.Format(time.RFC3339),
		"LastUpdated": time.Now().UTC().Format(time.RFC3339)})
	credentialsFile := write("credentials", "[dev]\naws_access_key_id = AKIASHAREDFILE000001\n"+
		"aws_secret_access_key = sharedFileSecretKey00000000000000000000000\n"+
		"[base]\naws_access_key_id = "+testenv.MotoAccessKey+"\naws_secret_access_key = "+testenv.MotoSecretKey+"\n", 0o600)
	process := write("process.sh", "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"ASIAPROCESS000000001\", "+
		"\"SecretAccessKey\": \"processSecretKey00000000000000000000000000\", \"SessionToken\": \"processSessionToken\", "+
		"\"Expiration\": \"2099-01-01T00:00:00Z\"}'\n", 0o700)
	configFile := write("config", "[profile deployer]\nrole_arn = "+roleArn+"\nsource_profile = base\n"+
		"role_session_name = from-profile\n[profile proc]\ncredential_process = "+process+"\n", 0o600)
	token := write("token", "header.payload.signature", 0o600)
	files := func(profile string) map[string]property.Value {
		return map[string]property.Value{"profile": str(profile),
			"sharedConfigFiles": strs(configFile), "sharedCredentialsFiles": strs(credentialsFile)}
	}
	// The chain's own STS calls (a profile's role, web identity) go to moto.
	motoSTS := "AWS_ENDPOINT_URL_STS=" + moto.Endpoint

	for _, c := range []struct {
		name   string
		cfg    map[string]property.Value
		env    []string
		source string            // words the source must contain
		want   map[string]string // exact outputs
		caller string            // or: whom moto says the credentials belong to
	}{
		{name: "environment", env: []string{"AWS_ACCESS_KEY_ID=AKIAENVIRONMENT00001",
			"AWS_SECRET_ACCESS_KEY=environmentSecretKey0000000000000000000000", "AWS_SESSION_TOKEN=environmentToken"},
			source: "AWS_ACCESS_KEY_ID", want: map[string]string{"accessKeyId": "AKIAENVIRONMENT00001",
				"secretAccessKey": "environmentSecretKey0000000000000000000000", "sessionToken": "environmentToken",
				"expiration": ""}},
		{name: "shared credentials file", cfg: files("dev"), source: "shared credentials",
			want: map[string]string{"accessKeyId": "AKIASHAREDFILE000001",
				"secretAccessKey": "sharedFileSecretKey00000000000000000000000", "sessionToken": "", "expiration": ""}},
		{name: "profile with role_arn", cfg: files("deployer"), env: []string{motoSTS}, source: "role_arn",
			caller: "arn:aws:sts::123456789012:assumed-role/Deployer/from-profile"},
		{name: "credential_process", cfg: files("proc"), source: "credential_process",
			want: map[string]string{"accessKeyId": "ASIAPROCESS000000001",
				"secretAccessKey": "processSecretKey00000000000000000000000000", "sessionToken": "processSessionToken",
				// Five minutes early: when the provider refreshes them.
				"expiration": "2098-12-31T23:55:00Z"}},
		{name: "web identity token file", env: []string{motoSTS, "AWS_WEB_IDENTITY_TOKEN_FILE=" + token,
			"AWS_ROLE_ARN=" + roleArn, "AWS_ROLE_SESSION_NAME=from-token"}, source: "web identity token file",
			caller: "arn:aws:sts::123456789012:assumed-role/Deployer/from-token"},
		{name: "container credentials endpoint", env: []string{"AWS_CONTAINER_CREDENTIALS_FULL_URI=" + container + "/creds"},
			source: "container credentials endpoint", want: map[string]string{"accessKeyId": "ASIACONTAINER0000001",
				"secretAccessKey": "containerSecretKey000000000000000000000000", "sessionToken": "containerSessionToken",
				"expiration": future.Format(time.RFC3339)}},
		{name: "EC2 instance metadata", env: []string{"AWS_EC2_METADATA_DISABLED=false",
			"AWS_EC2_METADATA_SERVICE_ENDPOINT=" + imds}, source: "instance metadata service",
			want: map[string]string{"accessKeyId": "ASIAINSTANCE00000001",
				"secretAccessKey": "instanceSecretKey0000000000000000000000000", "sessionToken": "instanceSessionToken",
				"expiration": future.Format(time.RFC3339)}},
		{name: "assumeRole block", cfg: map[string]property.Value{
			"accessKey": str(testenv.MotoAccessKey), "secretKey": str(testenv.MotoSecretKey).WithSecret(true),
			"assumeRole": property.New(map[string]property.Value{"roleArn": str(roleArn), "roleSessionName": str("from-block")}),
		}, source: "assumeRole " + roleArn, caller: "arn:aws:sts::123456789012:assumed-role/Deployer/from-block"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := map[string]property.Value{"region": str("us-east-1"),
				"endpoints": property.New(map[string]property.Value{"sts": str(moto.Endpoint), "iam": str(moto.Endpoint)})}
			for k, v := range c.cfg {
				cfg[k] = v
			}
			got := getCreds(t, newServer(t, property.NewMap(cfg), c.env...))
			assert.Contains(t, got["source"], c.source)
			if c.want != nil {
				c.want["source"] = got["source"]
				if c.want["expiration"] == future.Format(time.RFC3339) {
					// The SDK may count a source's credentials as expired a
					// few minutes early, to refresh them in time; so may
					// getCredentials, never later.
					exp, err := time.Parse(time.RFC3339, got["expiration"])
					require.NoError(t, err)
					assert.WithinRange(t, exp, future.Add(-5*time.Minute), future)
					c.want["expiration"] = got["expiration"]
				}
				assert.Equal(t, c.want, got)
				return
			}
			assert.Regexp(t, `^ASIA`, got["accessKeyId"])
			assert.NotEmpty(t, got["sessionToken"], "a role's credentials are temporary")
			exp, err := time.Parse(time.RFC3339, got["expiration"])
			require.NoError(t, err)
			assert.True(t, exp.After(time.Now()), "expires in the future: %s", exp)
			assert.Equal(t, c.caller, whoIs(t, moto.Endpoint, got))
		})
	}
}

func TestGetCredentialsNoneFound(t *testing.T) {
	s := newServer(t, property.NewMap(map[string]property.Value{"region": str("us-east-1")}))
	_, err := invoke(s, getCredentials, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "accessKey and secretKey", "says how to give the provider credentials")
	assert.Contains(t, err.Error(), "AWS_ACCESS_KEY_ID")
}

// credentialServer answers path with the JSON document doc, as the ECS and
// EKS container credentials endpoints do.
func credentialServer(t *testing.T, path string, doc map[string]string) string {
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

// imdsServer is the part of the EC2 instance metadata service (IMDSv2) the
// AWS SDK reads an instance role's credentials from.
func imdsServer(t *testing.T, role string, doc map[string]string) string {
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
