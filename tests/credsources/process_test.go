package credsources

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// A profile's credential_process: a program that prints the credentials as
// JSON, such as a company's SSO helper.
func credentialProcess(t *testing.T, moto *testenv.Moto) {
	roleArn, _ := moto.CreateRole(t, "process", "/")
	t.Run("success", func(t *testing.T) {
		t.Parallel()
		c := moto.AssumeRole(t, roleArn, "from-process")
		doc, err := json.Marshal(map[string]any{"Version": 1, "AccessKeyId": c.AccessKeyID,
			"SecretAccessKey": c.SecretAccessKey, "SessionToken": c.SessionToken,
			"Expiration": c.Expires.UTC().Format(time.RFC3339)})
		require.NoError(t, err)
		rec := record(t, moto.Endpoint)
		e := isolate(t, rec.URL)
		// The script also leaves a mark, to show the SDK ran it.
		mark := e.file(t, "ran", "", 0o600)
		script := e.file(t, "corp-creds.sh", "#!/bin/sh\necho \"$@\" >> '"+mark+"'\ncat <<'JSON'\n"+string(doc)+"\nJSON\n", 0o700)
		e.writeConfig(t, "[profile corp]\ncredential_process = "+script+" --account prod\n")
		e.set("AWS_PROFILE=corp")
		key := callerIs(t, e.stack(t), assumedRole("process", "from-process"),
			"the credential_process "+script+` of profile "corp"`, secretsOf(c)...)
		assert.Equal(t, c.AccessKeyID, key, "getCredentials answers with the key the source handed out")
		rec.signedBy(t, c.AccessKeyID, "us-east-1")
		assert.FileExists(t, mark)
		assert.Contains(t, readFile(t, mark), "--account prod", "the process ran with its arguments")
	})
	t.Run("failure: the process exits non-zero", func(t *testing.T) {
		t.Parallel()
		rec := record(t, moto.Endpoint)
		e := isolate(t, rec.URL)
		script := e.file(t, "corp-creds.sh", "#!/bin/sh\necho 'corp-creds: session expired, run corp-login' >&2\nexit 3\n", 0o700)
		e.writeConfig(t, "[profile corp]\ncredential_process = "+script+" --password "+badSecretKey+"\n")
		e.set("AWS_PROFILE=corp")
		out := failsWith(t, e.stack(t), badSecretKey)
		assert.Contains(t, out, "getting credentials from the credential_process "+script+` of profile "corp"`)
		assert.Contains(t, out, `failed: it exited with status 3; the end of its stderr: "corp-creds: session expired, `+
			`run corp-login"`, "what the helper said on stderr is in the message")
		assert.Empty(t, rec.all(), "no call is made without credentials")
	})
}
