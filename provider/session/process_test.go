package session

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Canaries planted in what a credential_process prints and in its command
// line; no message may carry them.
const (
	canarySecret = "c4nArYprocessSecret/Key+00000000000000000"
	canaryToken  = "c4nArYprocessSessionToken0000000000000000000000"
	canaryVault  = "c4nArYvault"
	canaryArg    = "c4nArYargument"
)

// isolatedEnv keeps the developer's AWS set-up out of a session test.
func isolatedEnv(t *testing.T) {
	for _, k := range []string{"AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN",
		"AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
		"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_STS", "AWS_REGION"} {
		t.Setenv(k, "")
		require.NoError(t, os.Unsetenv(k))
	}
	t.Setenv("AWS_CONFIG_FILE", "/dev/null")
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", "/dev/null")
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
}

// processProfile writes a helper that prints output (and exits with code),
// and a profile "corp" whose credential_process runs it behind a secret
// NAME=value prefix and with a secret argument. It returns the settings and
// the helper's path.
func processProfile(t *testing.T, output string, code int, extraCredentials string) (Settings, string) {
	isolatedEnv(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	require.NoError(t, os.WriteFile(out, []byte(output), 0o600))
	helper := filepath.Join(dir, "helper")
	require.NoError(t, os.WriteFile(helper, []byte("#!/bin/sh\ncat "+out+"\nexit "+strconv.Itoa(code)+"\n"), 0o700))
	return profileWith(t, dir, "VAULT_TOKEN="+canaryVault+" "+helper+" --token "+canaryArg, extraCredentials), helper
}

func profileWith(t *testing.T, dir, process, credentials string) Settings {
	config := filepath.Join(dir, "config")
	require.NoError(t, os.WriteFile(config, []byte("[profile corp]\ncredential_process = "+process+"\n"), 0o600))
	creds := filepath.Join(dir, "credentials")
	require.NoError(t, os.WriteFile(creds, []byte(credentials), 0o600))
	return Settings{Profile: "corp", SharedConfigFiles: []string{config}, SharedCredentialsFiles: []string{creds}}
}

func assertNoCanary(t *testing.T, msg string) {
	t.Helper()
	for _, c := range []string{"c4nArY", canarySecret, canaryToken, canaryVault, canaryArg, "processSecret", "Key+0000"} {
		assert.NotContains(t, msg, c)
	}
}

// Each way a helper's output can be wrong is named in our words, never
// quoted; the secret it printed stays out of the message.
func TestCredentialProcessFailuresInOurWords(t *testing.T) {
	good := `"AccessKeyId": "ASIAPROCESS000000001", "SecretAccessKey": "` + canarySecret + `", "SessionToken": "` +
		canaryToken + `"`
	for _, c := range []struct {
		name, output string
		code         int
		want         string // after "getting credentials from the credential_process HELPER of profile "corp" failed: "
	}{
		{"Expiration without a time zone", `{"Version": 1, ` + good + `, "Expiration": "2030-01-01T00:00:00"}`, 0,
			"it printed output that is not the JSON AWS expects: Expiration must be RFC 3339 with a time zone, such as 2030-01-01T00:00:00Z"},
		{"Expiration not a time", `{"Version": 1, ` + good + `, "Expiration": "tomorrow ` + canaryToken + `"}`, 0,
			"it printed output that is not the JSON AWS expects: Expiration must be an RFC 3339 time, such as 2030-01-01T00:00:00Z"},
		{"Expiration a number", `{"Version": 1, ` + good + `, "Expiration": 1893456000}`, 0,
			"it printed output that is not the JSON AWS expects: Expiration must be a string, an RFC 3339 time such as 2030-01-01T00:00:00Z"},
		{"a line before the JSON", "Fetching credentials for prod...\n{\"Version\": 1, " + good + "}", 0,
			"it printed text before its JSON: it must print only the JSON object on stdout (messages go to stderr)"},
		{"a line after the JSON", "{\"Version\": 1, " + good + "}\ndone " + canaryToken, 0,
			"it printed text after its JSON: it must print only the JSON object on stdout (messages go to stderr)"},
		{"Version as a string", `{"Version": "1", ` + good + `}`, 0,
			`it printed output that is not the JSON AWS expects: Version must be the number 1, as in "Version": 1`},
		{"a key that is not a string", `{"Version": 1, "AccessKeyId": 5, "SecretAccessKey": "` + canarySecret + `"}`, 0,
			"it printed output that is not the JSON AWS expects: AccessKeyId must be a string"},
		{"malformed JSON", `{"Version": 1, "SecretAccessKey": "` + canarySecret + `",,}`, 0,
			"it printed output that is not the JSON AWS expects: it is malformed at byte 79 of its output"},
		{"cut short", `{"Version": 1, "SecretAccessKey": "` + canarySecret, 0,
			"it printed output that is not the JSON AWS expects: it is cut short or malformed"},
		{"not JSON at all", "AccessKeyId=ASIA SecretAccessKey=" + canarySecret, 0,
			`it printed output that is not the JSON AWS expects: it must print only one JSON object on stdout, such as {"Version": 1, "AccessKeyId": "...", "SecretAccessKey": "...", "SessionToken": "...", "Expiration": "2030-01-01T00:00:00Z"}`},
		{"nothing", "\n", 0,
			`it printed nothing on stdout: it must print only one JSON object on stdout, such as {"Version": 1, "AccessKeyId": "...", "SecretAccessKey": "...", "SessionToken": "...", "Expiration": "2030-01-01T00:00:00Z"}`},
		{"Version 2", `{"Version": 2, ` + good + `}`, 0, `it printed JSON whose Version is not 1: AWS expects "Version": 1`},
		{"no secret key", `{"Version": 1, "AccessKeyId": "ASIAPROCESS000000001", "SessionToken": "` + canaryToken + `"}`, 0,
			`it printed JSON without SecretAccessKey: it must print only one JSON object on stdout, such as {"Version": 1, "AccessKeyId": "...", "SecretAccessKey": "...", "SessionToken": "...", "Expiration": "2030-01-01T00:00:00Z"}`},
		{"exit status", `{"Version": 1, ` + good + `}`, 3, "it exited with status 3: run the command by hand to see why"},
	} {
		t.Run(c.name, func(t *testing.T) {
			st, helper := processProfile(t, c.output, c.code, "")
			_, err := New(st).Credentials(context.Background())
			require.Error(t, err)
			assert.Equal(t, `getting credentials from the credential_process `+helper+` of profile "corp" failed: `+c.want,
				err.Error())
			assertNoCanary(t, err.Error())
		})
	}
}

func TestCredentialProcessNotFound(t *testing.T) {
	isolatedEnv(t)
	st := profileWith(t, t.TempDir(), "VAULT_TOKEN="+canaryVault+" /nonexistent/helper --token "+canaryArg, "")
	_, err := New(st).Credentials(context.Background())
	require.Error(t, err)
	// What the shell said is quoted; its words differ from one sh to another.
	assert.Regexp(t, `^getting credentials from the credential_process /nonexistent/helper of profile "corp" failed: `+
		`it exited with status 127 \(the shell found no such program: check its path\); the end of its stderr: `+
		`"[^"]*/nonexistent/helper[^"]*not found"$`, err.Error())
	assertNoCanary(t, err.Error())
}

// The source names the program only: not the NAME=value prefix, not the
// arguments, both of which carry secrets here.
func TestCredentialProcessSourceNamesOnlyTheProgram(t *testing.T) {
	st, helper := processProfile(t, `{"Version": 1, "AccessKeyId": "ASIAPROCESS000000001", "SecretAccessKey": "`+
		canarySecret+`", "SessionToken": "`+canaryToken+`", "Expiration": "2099-01-01T00:00:00Z"}`, 0, "")
	c, err := New(st).Credentials(context.Background())
	require.NoError(t, err)
	assert.Equal(t, canarySecret, c.SecretAccessKey)
	assert.Equal(t, `the credential_process `+helper+` of profile "corp"`, c.Source)
}

// A blank credential_process, or one that only sets variables, is a clear
// error (it panicked in describeProfile before); beside keys in the same
// profile, the keys are used, as the SDK chooses.
func TestBlankCredentialProcess(t *testing.T) {
	for name, process := range map[string]string{"blank": `" "`, "only a variable": "VAULT_TOKEN=" + canaryVault} {
		t.Run(name, func(t *testing.T) {
			isolatedEnv(t)
			_, err := New(profileWith(t, t.TempDir(), process, "")).Credentials(context.Background())
			require.Error(t, err)
			assert.Equal(t, `the credential_process of profile "corp" names no program (it is blank, or only sets `+
				"variables): set it to the command that prints the credentials, or remove it", err.Error())
			assertNoCanary(t, err.Error())
		})
		t.Run(name+" beside keys", func(t *testing.T) {
			isolatedEnv(t)
			st := profileWith(t, t.TempDir(), process, "[corp]\naws_access_key_id = AKIASHAREDFILE000001\n"+
				"aws_secret_access_key = sharedFileSecretKey00000000000000000000000\n")
			c, err := New(st).Credentials(context.Background())
			require.NoError(t, err)
			assert.Equal(t, "AKIASHAREDFILE000001", c.AccessKeyID)
			assert.Equal(t, `the shared credentials of profile "corp"`, c.Source)
		})
	}
}
