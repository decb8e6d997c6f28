package provider_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
)

// Through the provider as the engine calls it: planted canaries never come
// back in a message or a plain output, and nothing crashes the plugin.

// A mistyped proxy URL with a password is named, with its problem, without
// the password.
func TestCheckConfigMistypedProxyKeepsThePassword(t *testing.T) {
	s := newServer(t, property.Map{})
	resp, err := s.CheckConfig(p.CheckRequest{Urn: "urn:pulumi:dev::proj::pulumi:providers:aws-identity::default",
		Inputs: property.NewMap(map[string]property.Value{
			"httpsProxy": str("http//alice:c4nArYPASSWORD@proxy:3128"),
			"httpProxy":  str("ftp://bob:c4nArYftp@proxy:21/?token=c4nArYquery"),
		})})
	require.NoError(t, err)
	got := map[string]string{}
	for _, f := range resp.Failures {
		got[f.Property] = f.Reason
		assert.NotContains(t, f.Reason, "c4nArY")
	}
	assert.Equal(t, `"http//[redacted]@proxy:3128" is not a proxy URL (http, https or socks5) such as `+
		`http://127.0.0.1:5000: it does not start with http://, https:// or socks5://`, got["httpsProxy"])
	assert.Equal(t, `"ftp://[redacted]@proxy:21/?[redacted]" is not a proxy URL (http, https or socks5) such as `+
		`http://127.0.0.1:5000: its scheme "ftp" is not http, https or socks5`, got["httpProxy"])
}

// A tag key of a million characters is named cut short in every message
// about it, and its length is counted in characters.
func TestHugeTagKeyMakesShortMessages(t *testing.T) {
	s := newServer(t, endpointConfig(awsfault.ClosedPort(t)))
	key := strings.Repeat("ключ", 250_000) // a million characters, two million bytes
	_, err := s.Invoke(p.InvokeRequest{Token: tokens.Type(assumeRole), Args: property.NewMap(map[string]property.Value{
		"roleArn": str("arn:aws:iam::123456789012:role/Deployer"),
		"tags":    property.New(map[string]property.Value{key: str("v")}),
	})})
	require.Error(t, err)
	assert.Less(t, utf8.RuneCountInString(err.Error()), 400)
	assert.Equal(t, "invalid arguments to aws-identity:sts:assumeRole (1 problem):\n  - tags[\""+strings.Repeat("ключ", 50)+
		`"... (1000000 characters)] key: must be 1 to 128 characters long, but is 1000000`, err.Error())
}

// processConfig is a profile "corp" whose credential_process is command,
// with credentials (may be empty) beside it.
func processConfig(t *testing.T, command, credentials string) map[string]property.Value {
	dir := t.TempDir()
	config, creds := filepath.Join(dir, "config"), filepath.Join(dir, "credentials")
	require.NoError(t, os.WriteFile(config, []byte("[profile corp]\ncredential_process = "+command+"\n"), 0o600))
	require.NoError(t, os.WriteFile(creds, []byte(credentials), 0o600))
	return map[string]property.Value{"region": str("us-east-1"), "profile": str("corp"),
		"sharedConfigFiles": strs(config), "sharedCredentialsFiles": strs(creds)}
}

// getCredentials.source, a plain output, names the helper's program only:
// not the VAULT_TOKEN=... prefix the shell runs it with, not its arguments.
func TestGetCredentialsSourceNamesOnlyTheProgram(t *testing.T) {
	dir := t.TempDir()
	helper := filepath.Join(dir, "helper")
	require.NoError(t, os.WriteFile(helper, []byte(`#!/bin/sh
echo '{"Version": 1, "AccessKeyId": "ASIAPROCESS000000001", "SecretAccessKey": "c4nArYprocessSecret0000000000000000000000", "SessionToken": "c4nArYprocessToken"}'
`), 0o700))
	s := newServer(t, property.NewMap(processConfig(t, "VAULT_TOKEN=c4nArYvault "+helper+" --token c4nArYarg", "")))
	out, err := invoke(s, getCredentials, nil)
	require.NoError(t, err)
	assert.Equal(t, `the credential_process `+helper+` of profile "corp"`, out.Get("source").AsString())
	assert.False(t, out.Get("source").Secret())
}

// A credential_process that prints a line before its JSON, and one without
// a time zone in Expiration (the two everyday causes of the SDK quoting the
// whole output): the message says what is wrong, not what was printed; the
// plugin answers the next call.
func TestCredentialProcessOutputIsNeverQuoted(t *testing.T) {
	creds := `"AccessKeyId": "ASIAPROCESS000000001", "SecretAccessKey": "c4nArYprocessSecret0000000000000000000000", ` +
		`"SessionToken": "c4nArYprocessToken"`
	for output, want := range map[string]string{
		"Fetching credentials for prod...\n{\"Version\": 1, " + creds + "}": "failed: it printed text before its JSON: " +
			"it must print only the JSON object on stdout (messages go to stderr)",
		"{\"Version\": 1, " + creds + ", \"Expiration\": \"2030-01-01T00:00:00\"}": "failed: it printed output that is " +
			"not the JSON AWS expects: Expiration must be RFC 3339 with a time zone, such as 2030-01-01T00:00:00Z",
	} {
		dir := t.TempDir()
		out, helper := filepath.Join(dir, "out"), filepath.Join(dir, "helper")
		require.NoError(t, os.WriteFile(out, []byte(output), 0o600))
		require.NoError(t, os.WriteFile(helper, []byte("#!/bin/sh\ncat "+out+"\n"), 0o700))
		s := newServer(t, property.NewMap(processConfig(t, helper+" --token c4nArYarg", "")))
		for call := 1; call <= 2; call++ {
			msg := failing(t, s, callerIdentity, nil)
			assert.Equal(t, `getting credentials from the credential_process `+helper+` of profile "corp" `+want, msg)
			assert.NotContains(t, msg, "c4nArY")
		}
	}
}

// A blank credential_process panicked the plugin; it is a clear error, and
// beside keys in the same profile the keys are used.
func TestBlankCredentialProcessThroughTheProvider(t *testing.T) {
	s := newServer(t, property.NewMap(processConfig(t, `" "`, "")))
	for call := 1; call <= 2; call++ {
		assert.Equal(t, `the credential_process of profile "corp" names no program (it is blank, or only sets `+
			"variables): set it to the command that prints the credentials, or remove it", failing(t, s, getCredentials, nil))
	}
	s = newServer(t, property.NewMap(processConfig(t, `" "`, "[corp]\naws_access_key_id = AKIASHAREDFILE000001\n"+
		"aws_secret_access_key = sharedFileSecretKey00000000000000000000000\n")))
	out, err := invoke(s, getCredentials, nil)
	require.NoError(t, err)
	assert.Equal(t, "AKIASHAREDFILE000001", out.Get("accessKeyId").AsString())
	assert.Equal(t, `the shared credentials of profile "corp"`, out.Get("source").AsString())
}

// A profile's role_arn answered with no credentials panicked inside the
// SDK's provider and killed the plugin: now an error naming the step, and
// the next call answers.
func TestProfileRoleAnsweredWithoutCredentials(t *testing.T) {
	fake := awsfault.Start(t)
	fake.On("AssumeRole", awsfault.Empty().Times(2), awsfault.OK())
	dir := t.TempDir()
	config, creds := filepath.Join(dir, "config"), filepath.Join(dir, "credentials")
	require.NoError(t, os.WriteFile(config, []byte("[profile corp]\nrole_arn = "+faultRole+"\nsource_profile = base\n"), 0o600))
	require.NoError(t, os.WriteFile(creds, []byte("[base]\naws_access_key_id = "+faultAccessKey+
		"\naws_secret_access_key = "+faultSecretKey+"\n"), 0o600))
	s := newServer(t, property.NewMap(map[string]property.Value{"region": str("us-east-1"), "profile": str("corp"),
		"sharedConfigFiles": strs(config), "sharedCredentialsFiles": strs(creds),
		"endpoints": property.New(map[string]property.Value{"sts": str(fake.URL), "iam": str(fake.URL)})}))
	for call := 1; call <= 2; call++ {
		msg := failing(t, s, callerIdentity, nil)
		assert.Equal(t, `getting credentials from profile "corp" (role_arn `+faultRole+`, source_profile base): `+
			`assuming role_arn `+faultRole+`: sts:AssumeRole answered without complete credentials (an access key ID, `+
			`a secret access key, a session token and an expiration); check that the STS endpoint is AWS's or a `+
			`faithful emulator`, msg)
		assert.NotContains(t, msg, faultSecretKey)
	}
	out, err := invoke(s, callerIdentity, nil)
	require.NoError(t, err, "the plugin serves on, and answers once STS does")
	assert.Equal(t, awsfault.Account, out.Get("accountId").AsString())
}
