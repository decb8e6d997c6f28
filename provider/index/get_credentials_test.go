package index_test

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/providertest"
)

func TestGetCredentialsStaticKeys(t *testing.T) {
	moto := testenv.StartMoto(t)
	calls := testenv.CountCalls(t, moto.Endpoint)
	s := providertest.NewServer(t, providertest.EndpointConfig(calls.Endpoint))

	for i := 0; i < 3; i++ {
		got := providertest.GetCreds(t, s)
		assert.Equal(t, map[string]string{
			"accessKeyId": testenv.MotoAccessKey, "secretAccessKey": testenv.MotoSecretKey,
			"sessionToken": "", "expiration": "", "source": got["source"],
		}, got, "long-term keys: no session token, no expiration")
		assert.Contains(t, got["source"], "accessKey and secretKey")
	}
	assert.Zero(t, calls.Total(), "the provider's own keys need no AWS call")

	withToken := providertest.NewServer(t, providertest.EndpointConfig(calls.Endpoint).Set("token", providertest.Str("configuredSessionToken").WithSecret(true)))
	assert.Equal(t, "configuredSessionToken", providertest.GetCreds(t, withToken)["sessionToken"])
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
	container := providertest.CredentialServer(t, "/creds", map[string]string{"AccessKeyId": "ASIACONTAINER0000001",
		"SecretAccessKey": "containerSecretKey000000000000000000000000", "Token": "containerSessionToken",
		"Expiration": future.Format(time.RFC3339)})
	imds := providertest.IMDSServer(t, "ec2-role", map[string]string{"Code": "Success", "Type": "AWS-HMAC",
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
		return map[string]property.Value{"profile": providertest.Str(profile),
			"sharedConfigFiles": providertest.Strs(configFile), "sharedCredentialsFiles": providertest.Strs(credentialsFile)}
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
			"accessKey": providertest.Str(testenv.MotoAccessKey), "secretKey": providertest.Str(testenv.MotoSecretKey).WithSecret(true),
			"assumeRole": property.New(map[string]property.Value{"roleArn": providertest.Str(roleArn), "roleSessionName": providertest.Str("from-block")}),
		}, source: "assumeRole " + roleArn, caller: "arn:aws:sts::123456789012:assumed-role/Deployer/from-block"},
	} {
		t.Run(c.name, func(t *testing.T) {
			cfg := map[string]property.Value{"region": providertest.Str("us-east-1"),
				"endpoints": property.New(map[string]property.Value{"sts": providertest.Str(moto.Endpoint), "iam": providertest.Str(moto.Endpoint)})}
			for k, v := range c.cfg {
				cfg[k] = v
			}
			got := providertest.GetCreds(t, providertest.NewServer(t, property.NewMap(cfg), c.env...))
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
			assert.Equal(t, c.caller, providertest.WhoIs(t, moto.Endpoint, got))
		})
	}
}

func TestGetCredentialsNoneFound(t *testing.T) {
	s := providertest.NewServer(t, property.NewMap(map[string]property.Value{"region": providertest.Str("us-east-1")}))
	_, err := providertest.Invoke(s, providertest.GetCredentials, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "accessKey and secretKey", "says how to give the provider credentials")
	assert.Contains(t, err.Error(), "AWS_ACCESS_KEY_ID")
}
