package session

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stderrHelper writes a credential_process that prints script's stderr and
// exits with code, and profile "corp" running it.
func stderrHelper(t *testing.T, script string) (Settings, string) {
	isolatedEnv(t)
	dir := t.TempDir()
	helper := filepath.Join(dir, "corp-login")
	require.NoError(t, os.WriteFile(helper, []byte("#!/bin/sh\n"+script), 0o700))
	return profileWith(t, dir, "VAULT_TOKEN="+canaryVault+" "+helper+" --token "+canaryArg, ""), helper
}

// A failed helper's last lines on stderr are quoted, redacted, with its exit
// status; a token it printed there, bare or as NAME=value, is not.
func TestCredentialProcessStderrQuoted(t *testing.T) {
	st, helper := stderrHelper(t, `echo 'starting corp-login' >&2
echo 'debug: refresh token `+canaryToken+` rejected' >&2
echo 'VAULT_TOKEN=`+canaryVault+`x; secret=`+canarySecret+`' >&2
printf '\033[31mError: the session for prod expired\033[0m\n\n' >&2
echo 'Run corp-login --refresh' >&2
exit 3
`)
	_, err := New(st).Credentials(context.Background())
	require.Error(t, err)
	assert.Equal(t, `getting credentials from the credential_process `+helper+` of profile "corp" failed: it exited with `+
		`status 3; the end of its stderr: "debug: refresh token [redacted] rejected | VAULT_TOKEN=[redacted]; `+
		`secret=[redacted] | Error: the session for prod expired | Run corp-login --refresh"`, err.Error())
	assertNoCanary(t, err.Error())
}

// A helper that prints a flood on stderr is quoted short: the last lines,
// cut to a few hundred characters from the end.
func TestCredentialProcessStderrCut(t *testing.T) {
	st, _ := stderrHelper(t, `i=0
while [ $i -lt 2000 ]; do echo "line $i of a long story, with words and more words" >&2; i=$((i+1)); done
yes 'more words ' | head -c 300000 | tr -d '\n' >&2
echo >&2
echo 'the last word' >&2
exit 1
`)
	_, err := New(st).Credentials(context.Background())
	require.Error(t, err)
	msg := err.Error()
	assert.Less(t, len(msg), 700, msg)
	assert.Contains(t, msg, `it exited with status 1; the end of its stderr: "...`)
	assert.True(t, strings.HasSuffix(msg, `| the last word"`), msg)
}

// A helper that exits but leaves a child holding its stderr open does not
// hang the call.
func TestCredentialProcessStderrLeftOpen(t *testing.T) {
	st, _ := stderrHelper(t, "echo 'going away' >&2\n(sleep 30 &)\nexit 4\n")
	start := time.Now()
	_, err := New(st).Credentials(context.Background())
	require.Error(t, err)
	assert.Less(t, time.Since(start), 10*time.Second)
	assert.Contains(t, err.Error(), `it exited with status 4; the end of its stderr: "going away"`)
}

// Other failures, bad output among them, quote stderr too; a helper that
// printed nothing there keeps the advice to run it by hand.
func TestCredentialProcessStderrBesideBadOutput(t *testing.T) {
	st, helper := stderrHelper(t, "echo 'warning: cache is stale' >&2\necho 'not json'\n")
	_, err := New(st).Credentials(context.Background())
	require.Error(t, err)
	assert.Equal(t, `getting credentials from the credential_process `+helper+` of profile "corp" failed: it printed `+
		`output that is not the JSON AWS expects: it must `+processFormat+`; the end of its stderr: "warning: cache is stale"`,
		err.Error())

	st, helper = stderrHelper(t, "exit 5\n")
	_, err = New(st).Credentials(context.Background())
	require.Error(t, err)
	assert.Equal(t, `getting credentials from the credential_process `+helper+` of profile "corp" failed: it exited with `+
		`status 5: run the command by hand to see why`, err.Error())
}

// The credential_process of a role profile's source_profile is run with its
// stderr kept too.
func TestCredentialProcessStderrUnderRole(t *testing.T) {
	isolatedEnv(t)
	dir := t.TempDir()
	helper := filepath.Join(dir, "corp-login")
	require.NoError(t, os.WriteFile(helper, []byte("#!/bin/sh\necho 'no session: log in first' >&2\nexit 6\n"), 0o700))
	config := filepath.Join(dir, "config")
	require.NoError(t, os.WriteFile(config, []byte("[profile deployer]\nrole_arn = arn:aws:iam::123456789012:role/deployer\n"+
		"source_profile = corp\n[profile corp]\ncredential_process = "+helper+"\n"), 0o600))
	st := Settings{Profile: "deployer", SharedConfigFiles: []string{config}, SharedCredentialsFiles: []string{"/dev/null"},
		STSEndpoint: "http://127.0.0.1:9"}
	_, err := New(st).Credentials(context.Background())
	require.Error(t, err)
	assert.Equal(t, `getting credentials from profile "deployer" (role_arn arn:aws:iam::123456789012:role/deployer, `+
		`source_profile corp): assuming role_arn arn:aws:iam::123456789012:role/deployer: the credential_process of `+
		`its source_profile failed: it exited with status 6; the end of its stderr: "no session: log in first"`, err.Error())
}
