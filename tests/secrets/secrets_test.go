// Package secrets proves, through the real Pulumi engine (the CLI and the
// YAML language host from .tools/bin, the provider from bin/), against moto,
// that the secrets never show as plain text: the credentials that assumeRole,
// getCredentials, getSessionToken and assumeRoleWithWebIdentity return, the
// webIdentityToken given to assumeRoleWithWebIdentity, and the provider's
// secretKey and token configuration. Not in `pulumi stack output`, not in
// the update's output, not in the state, not in the provider's own logs at
// the highest verbosity, and not in any error message. It searches for the
// actual secret values.
package secrets

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// program calls every function that returns credentials and exports them
// (the whole object and each field): assumeRole, getCredentials of the
// default provider (configured with keys) and of an explicit one,
// getSessionToken, and assumeRoleWithWebIdentity with a secret token. It
// builds explicit providers from assumeRole's and assumeRoleWithWebIdentity's
// credentials and calls getCallerIdentity through them.
const program = `name: secrets-test
runtime: yaml
config:
  roleArn:
    type: string
  endpoint:
    type: string
  webIdentityToken:
    type: string
    secret: true
variables:
  session:
    fn::invoke:
      function: aws-identity:sts:assumeRole
      arguments:
        roleArn: ${roleArn}
        roleSessionName: secrets-test
        durationSeconds: 900
  meAsRole:
    fn::invoke:
      function: aws-identity:index:getCallerIdentity
      arguments: {}
      options:
        provider: ${asRole}
  creds:
    fn::invoke:
      function: aws-identity:index:getCredentials
      arguments: {}
  roleCreds:
    fn::invoke:
      function: aws-identity:index:getCredentials
      arguments: {}
      options:
        provider: ${asRole}
  mfa:
    fn::invoke:
      function: aws-identity:sts:getSessionToken
      arguments:
        durationSeconds: 900
  web:
    fn::invoke:
      function: aws-identity:sts:assumeRoleWithWebIdentity
      arguments:
        roleArn: ${roleArn}
        roleSessionName: secrets-web
        webIdentityToken: ${webIdentityToken}
        durationSeconds: 900
  meAsWeb:
    fn::invoke:
      function: aws-identity:index:getCallerIdentity
      arguments: {}
      options:
        provider: ${asWeb}
  keyOwner:
    fn::invoke:
      function: aws-identity:sts:getAccessKeyInfo
      arguments:
        accessKeyId: AKIASECRETSTEST00002
resources:
  asRole:
    type: pulumi:providers:aws-identity
    properties:
      region: us-east-1
      accessKey: ${session.credentials.accessKeyId}
      secretKey: ${session.credentials.secretAccessKey}
      token: ${session.credentials.sessionToken}
      endpoints:
        sts: ${endpoint}
        iam: ${endpoint}
  asWeb:
    type: pulumi:providers:aws-identity
    properties:
      region: us-east-1
      accessKey: ${web.credentials.accessKeyId}
      secretKey: ${web.credentials.secretAccessKey}
      token: ${web.credentials.sessionToken}
      endpoints:
        sts: ${endpoint}
        iam: ${endpoint}
outputs:
  accessKeyId: ${session.credentials.accessKeyId}
  secretAccessKey: ${session.credentials.secretAccessKey}
  sessionToken: ${session.credentials.sessionToken}
  credentials: ${session.credentials}
  callerArnAsRole: ${meAsRole.arn}
  getCredentials: ${creds}
  getCredentialsSecretAccessKey: ${creds.secretAccessKey}
  getCredentialsSessionToken: ${creds.sessionToken}
  roleGetCredentials: ${roleCreds}
  roleGetCredentialsSecretAccessKey: ${roleCreds.secretAccessKey}
  roleGetCredentialsSessionToken: ${roleCreds.sessionToken}
  sessionTokenCredentials: ${mfa.credentials}
  sessionTokenSecretAccessKey: ${mfa.credentials.secretAccessKey}
  sessionTokenSessionToken: ${mfa.credentials.sessionToken}
  webIdentityCredentials: ${web.credentials}
  webIdentitySecretAccessKey: ${web.credentials.secretAccessKey}
  webIdentitySessionToken: ${web.credentials.sessionToken}
  webIdentityAssumedRoleArn: ${web.assumedRoleUser.arn}
  callerArnAsWeb: ${meAsWeb.arn}
  keyOwnerAccount: ${keyOwner.account}
`

// Recognizable configuration secrets; moto accepts any key.
const (
	cfgAccessKey = "AKIASECRETSTEST00001"
	cfgSecretKey = "cfgSecretKey/MustNeverBeShown0000000000"
	cfgToken     = "cfgSessionToken/MustNeverBeShown000000000000000000"
	badSecretKey = "badCfgSecretKey/MustNeverBeShown0000000"
	badToken     = "badCfgToken/MustNeverBeShown00000000000000"
	// A web identity token as an OIDC provider issues one: a signed JWT.
	cfgWebIdentityToken = "eyJhbGciOiJSUzI1NiIsImtpZCI6InNlY3JldHMifQ." +
		"eyJzdWIiOiJyZXBvOmV4YW1wbGUvc2VjcmV0czpyZWY6cmVmcy9oZWFkcy9tYWluIn0.WebIdentityTokenMustNeverBeShown"
)

type workspace struct {
	t      *testing.T
	dir    string // the project
	state  string // the file backend
	env    []string
	pulumi string
	// providerLog receives the provider's own stderr: the engine runs it
	// through a shim that appends the stderr of every provider process here.
	providerLog string
}

// rpcTrace matches the lines in which Pulumi's engine and its YAML language
// host, not the provider, trace RPC payloads at -v=9 and above. Pulumi prints
// secret values in them in plain text (upstream behaviour); they are checked
// apart from everything else.
var rpcTrace = regexp.MustCompile(`(?m)^.*(Marshaling|Unmarshaling) property for RPC\[.*$`)

func newWorkspace(t *testing.T, env []string) *workspace {
	t.Helper()
	return newWorkspaceOf(t, program, env)
}

// newWorkspaceOf is newWorkspace for another program (a Pulumi.yaml).
func newWorkspaceOf(t *testing.T, program string, env []string) *workspace {
	t.Helper()
	pulumi := testenv.Tool(t, "pulumi")
	testenv.Tool(t, "pulumi-language-yaml")
	testenv.BuildProvider(t)
	tmp := t.TempDir()
	w := &workspace{t: t, dir: filepath.Join(tmp, "project"), state: filepath.Join(tmp, "state"), pulumi: pulumi,
		providerLog: filepath.Join(tmp, "provider-stderr.log")}
	shim := filepath.Join(tmp, "shim")
	for _, d := range []string{w.dir, w.state, filepath.Join(tmp, "home"), shim} {
		require.NoError(t, os.MkdirAll(d, 0o755))
	}
	require.NoError(t, os.WriteFile(filepath.Join(shim, testenv.ProviderBinary), []byte("#!/bin/sh\n"+
		"echo \"=== $$ args: $*\" >>'"+w.providerLog+"'\n"+
		"exec '"+testenv.BuildProvider(t)+"' \"$@\" 2>>'"+w.providerLog+"'\n"), 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(w.dir, "Pulumi.yaml"), []byte(program), 0o644))
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "AWS_") && !strings.HasPrefix(kv, "PULUMI_") && !strings.HasPrefix(kv, "PATH=") {
			w.env = append(w.env, kv)
		}
	}
	w.env = append(w.env,
		"PATH="+shim+string(os.PathListSeparator)+testenv.ToolsBin(t)+
			string(os.PathListSeparator)+os.Getenv("PATH"),
		"PULUMI_HOME="+filepath.Join(tmp, "home"),
		"PULUMI_BACKEND_URL=file://"+w.state,
		"PULUMI_CONFIG_PASSPHRASE=secrets-test-passphrase",
		"PULUMI_SKIP_UPDATE_CHECK=1",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true",
	)
	w.env = append(w.env, env...)
	return w
}

// run runs the CLI in the project and returns its combined output.
func (w *workspace) run(args ...string) (string, error) {
	w.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, w.pulumi, args...)
	cmd.Dir, cmd.Env = w.dir, w.env
	cmd.WaitDelay = 10 * time.Second
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if d := os.Getenv("SECRETS_TEST_DUMP"); d != "" { // keep every output for inspection
		_ = os.MkdirAll(d, 0o755)
		name := strings.NewReplacer("/", "_", " ", "_").Replace(w.t.Name() + "_" + strings.Join(args, "_"))
		_ = os.WriteFile(filepath.Join(d, name+".txt"), out.Bytes(), 0o644)
	}
	if ctx.Err() != nil {
		w.t.Fatalf("pulumi %s did not finish in time:\n%s", strings.Join(args, " "), out.String())
	}
	return out.String(), err
}

func (w *workspace) must(args ...string) string {
	w.t.Helper()
	out, err := w.run(args...)
	require.NoError(w.t, err, "pulumi %s:\n%s", strings.Join(args, " "), out)
	return out
}

// files returns the text of every file under dir.
func files(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	require.NoError(t, filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		out[path] = string(b)
		return nil
	}))
	return out
}

// absentVerbose checks a -v=11 --logtostderr --logflow output: no secret
// outside Pulumi's own RPC payload traces, and none in the provider's own
// stderr.
func (w *workspace) absentVerbose(where, text string, secrets map[string]string) {
	w.t.Helper()
	traces := rpcTrace.FindAllString(text, -1)
	leaky := 0
	for _, l := range traces {
		for _, v := range secrets {
			if strings.Contains(l, v) {
				leaky++
				break
			}
		}
	}
	w.t.Logf("%s: %d lines of Pulumi RPC payload traces set apart, %d of them with a secret in plain text",
		where, len(traces), leaky)
	absent(w.t, where+" (without Pulumi's RPC payload traces)", rpcTrace.ReplaceAllString(text, ""), secrets)
	b, err := os.ReadFile(w.providerLog)
	require.NoError(w.t, err, "the provider shim ran")
	absent(w.t, "the provider's own stderr", string(b), secrets)
}

// absent asserts that none of the secrets occurs in text.
func absent(t *testing.T, where, text string, secrets map[string]string) {
	t.Helper()
	require.NotEmpty(t, text, "%s is empty: nothing was searched", where)
	for name, v := range secrets {
		require.GreaterOrEqual(t, len(v), 16, "secret %s is too short to search for: %q", name, v)
		if strings.Contains(text, v) {
			i := strings.Index(text, v)
			lo, hi := max(0, i-200), min(len(text), i+len(v)+50)
			t.Errorf("%s shows %s in plain text: ...%s...", where, name, text[lo:hi])
		}
	}
}

func TestSecretsNeverShow(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "Deployer", "/secrets/")
	w := newWorkspace(t, moto.Env())

	w.must("stack", "init", "test", "--non-interactive")
	w.must("config", "set", "roleArn", roleArn)
	w.must("config", "set", "endpoint", moto.Endpoint)
	w.must("config", "set", "--secret", "webIdentityToken", cfgWebIdentityToken)
	// The default provider: static keys from configuration, secret ones set --secret.
	w.must("config", "set", "aws-identity:region", "us-east-1")
	w.must("config", "set", "aws-identity:accessKey", cfgAccessKey)
	w.must("config", "set", "--secret", "aws-identity:secretKey", cfgSecretKey)
	w.must("config", "set", "--secret", "aws-identity:token", cfgToken)
	w.must("config", "set", "--path", "aws-identity:endpoints.sts", moto.Endpoint)
	w.must("config", "set", "--path", "aws-identity:endpoints.iam", moto.Endpoint)

	// secrets reads the credentials of the last update, as --show-secrets shows them.
	var accessKeyID string
	secrets := func() map[string]string {
		var out map[string]any
		raw := w.must("stack", "output", "--json", "--show-secrets")
		require.NoError(t, json.Unmarshal([]byte(raw), &out), raw)
		s := map[string]string{"config secretKey": cfgSecretKey, "config token": cfgToken,
			"config webIdentityToken": cfgWebIdentityToken}
		for name, k := range map[string]string{
			"assumeRole secretAccessKey":                "secretAccessKey",
			"assumeRole sessionToken":                   "sessionToken",
			"getSessionToken secretAccessKey":           "sessionTokenSecretAccessKey",
			"getSessionToken sessionToken":              "sessionTokenSessionToken",
			"assumeRoleWithWebIdentity secretAccessKey": "webIdentitySecretAccessKey",
			"assumeRoleWithWebIdentity sessionToken":    "webIdentitySessionToken",
		} {
			v, _ := out[k].(string)
			require.NotEmpty(t, v, "output %s with --show-secrets: %s", k, raw)
			s[name] = v
		}
		accessKeyID, _ = out["accessKeyId"].(string)
		creds, _ := out["credentials"].(map[string]any)
		assert.Equal(t, s["assumeRole secretAccessKey"], creds["secretAccessKey"])
		assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/secrets-test", out["callerArnAsRole"],
			"the explicit provider built from the secret credentials works")
		// getCredentials returns the secrets searched for already: the
		// configured ones, and assumeRole's for the provider built from them.
		assert.Equal(t, cfgSecretKey, out["getCredentialsSecretAccessKey"])
		assert.Equal(t, cfgToken, out["getCredentialsSessionToken"])
		assert.Equal(t, s["assumeRole secretAccessKey"], out["roleGetCredentialsSecretAccessKey"])
		assert.Equal(t, s["assumeRole sessionToken"], out["roleGetCredentialsSessionToken"])
		assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/secrets-web", out["webIdentityAssumedRoleArn"])
		assert.Equal(t, out["webIdentityAssumedRoleArn"], out["callerArnAsWeb"],
			"the explicit provider built from the web identity's credentials works")
		assert.Equal(t, "123456789012", out["keyOwnerAccount"])
		return s
	}

	check := func(update, updateOut string) map[string]string {
		s := secrets()
		if update != "" {
			absent(t, update+" output", updateOut, s)
		}

		plain := w.must("stack", "output", "--json")
		absent(t, "pulumi stack output --json", plain, s)
		var out map[string]any
		require.NoError(t, json.Unmarshal([]byte(plain), &out), plain)
		for _, k := range []string{"secretAccessKey", "sessionToken", "credentials",
			"getCredentials", "getCredentialsSecretAccessKey", "getCredentialsSessionToken",
			"roleGetCredentials", "roleGetCredentialsSecretAccessKey", "roleGetCredentialsSessionToken",
			"sessionTokenCredentials", "sessionTokenSecretAccessKey", "sessionTokenSessionToken",
			"webIdentityCredentials", "webIdentitySecretAccessKey", "webIdentitySessionToken"} {
			assert.Equal(t, "[secret]", out[k], "%s is masked in pulumi stack output", k)
		}
		// The YAML host marks a whole invoke result secret when any part
		// is, so accessKeyId is masked too here; the SDKs keep it plain.
		assert.Contains(t, []any{"[secret]", accessKeyID}, out["accessKeyId"])
		absent(t, "pulumi stack output (text)", w.must("stack", "output"), s)

		export := w.must("stack", "export")
		absent(t, "pulumi stack export", export, s)
		assert.Contains(t, export, "ciphertext", "secrets are stored encrypted")
		for path, text := range files(t, w.state) {
			absent(t, "state file "+filepath.Base(path), text, s)
		}
		for path, text := range files(t, w.dir) {
			absent(t, "project file "+filepath.Base(path), text, s)
		}
		return s
	}

	out := w.must("up", "--yes", "--non-interactive", "--skip-preview")
	first := check("pulumi up", out)

	// Again at the highest verbosity, with the provider's own log flowing
	// into the CLI's stderr: new credentials, and the old ones must not
	// show either.
	out = w.must("up", "--yes", "--non-interactive", "--skip-preview", "-v=11", "--logtostderr", "--logflow")
	require.Contains(t, out, "pulumi-resource-aws-identity", "the verbose log covers the provider")
	second := check("", "")
	assert.NotEqual(t, first["assumeRole sessionToken"], second["assumeRole sessionToken"], "a new update, new credentials")
	assert.NotEqual(t, first["assumeRoleWithWebIdentity sessionToken"], second["assumeRoleWithWebIdentity sessionToken"],
		"a new update, new credentials")
	w.absentVerbose("pulumi up -v=11 --logtostderr --logflow", out, second)
	w.absentVerbose("pulumi up -v=11 --logtostderr --logflow (earlier credentials)", out, first)

	out = w.must("preview", "--non-interactive", "--diff", "-v=11", "--logtostderr", "--logflow")
	w.absentVerbose("pulumi preview --diff -v=11 --logtostderr --logflow", out, second)
	log, err := os.ReadFile(w.providerLog)
	require.NoError(t, err)
	t.Logf("provider stderr: %d bytes from %d provider processes", len(log), strings.Count(string(log), "=== "))
	assert.Contains(t, string(log), "--logtostderr -v=11", "the provider ran at the highest verbosity")
}

// A bad configuration with secret values fails with messages that name the
// fields, never their values.
func TestSecretConfigNotInErrors(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "Deployer", "/secrets/")
	w := newWorkspace(t, moto.Env())
	secrets := map[string]string{"config secretKey": badSecretKey, "config token": badToken,
		"config webIdentityToken": cfgWebIdentityToken}

	for _, c := range []struct {
		name string
		set  [][]string
		want []string
	}{
		{"token without keys", [][]string{{"--secret", "aws-identity:token", badToken}},
			[]string{"token", "is a session token and needs accessKey and secretKey too"}},
		{"secretKey without accessKey", [][]string{{"--secret", "aws-identity:secretKey", badSecretKey},
			{"--secret", "aws-identity:token", badToken}},
			[]string{"accessKey", "is required with secretKey"}},
		{"secret keys with a bad region", [][]string{{"aws-identity:accessKey", cfgAccessKey},
			{"--secret", "aws-identity:secretKey", badSecretKey}, {"--secret", "aws-identity:token", badToken},
			{"aws-identity:region", "eu-nowhere"}},
			[]string{"region", `"eu-nowhere" is not an AWS region name`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			stack := strings.ReplaceAll(c.name, " ", "-")
			w.must("stack", "init", stack, "--non-interactive")
			w.must("config", "set", "roleArn", roleArn)
			w.must("config", "set", "endpoint", moto.Endpoint)
			w.must("config", "set", "--secret", "webIdentityToken", cfgWebIdentityToken)
			for _, args := range c.set {
				w.must(append([]string{"config", "set"}, args...)...)
			}
			for _, verbose := range [][]string{nil, {"-v=11", "--logtostderr", "--logflow"}} {
				out, err := w.run(append([]string{"preview", "--non-interactive"}, verbose...)...)
				require.Error(t, err, "preview should fail:\n%s", out)
				for _, want := range c.want {
					assert.Contains(t, out, want)
				}
				if verbose == nil {
					absent(t, "failing pulumi preview", out, secrets)
				} else {
					w.absentVerbose("failing pulumi preview -v=11 --logtostderr --logflow", out, secrets)
				}
			}
			out, err := w.run("up", "--yes", "--non-interactive", "--skip-preview")
			require.Error(t, err, "up should fail:\n%s", out)
			absent(t, "failing pulumi up", out, secrets)
		})
	}
}

// webIdentityProgram calls assumeRoleWithWebIdentity with its inputs from
// configuration, the token secret.
const webIdentityProgram = `name: web-identity-errors
runtime: yaml
config:
  roleArn:
    type: string
  roleSessionName:
    type: string
  webIdentityToken:
    type: string
    secret: true
variables:
  web:
    fn::invoke:
      function: aws-identity:sts:assumeRoleWithWebIdentity
      arguments:
        roleArn: ${roleArn}
        roleSessionName: ${roleSessionName}
        webIdentityToken: ${webIdentityToken}
outputs:
  assumedRoleArn: ${web.assumedRoleUser.arn}
`

// A call of assumeRoleWithWebIdentity that fails, in the provider's checks
// or at STS, says what is wrong without the token: not in the message, not
// in the provider's own log at -v=11.
func TestWebIdentityTokenNotInErrors(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "Deployer", "/secrets/")
	w := newWorkspaceOf(t, webIdentityProgram, moto.Env())

	// A token over AWS's 20000 characters, made of a recognizable piece, so
	// that an echo of any part of it is found too.
	const piece = "TooLongWebIdentityTokenMustNeverShow/00"
	long := strings.Repeat(piece, 20001/len(piece)+1)
	// What STS answers for a token it does not accept.
	invalidToken, rejectedClaim := awsfault.InvalidIdentityToken(), awsfault.IDPRejectedClaim()
	for _, c := range []struct {
		name, token, session string
		sts                  *awsfault.Reply // STS's answer from the fault server; nil: moto
		want                 []string
	}{
		{"token too long", long, "ci", nil, []string{"webIdentityToken: must be 4 to 20000 characters long"}},
		{"bad session name", cfgWebIdentityToken, "not a session name!", nil,
			[]string{"roleSessionName: may contain only"}},
		{"token refused", cfgWebIdentityToken, "ci", &invalidToken, []string{"InvalidIdentityToken:"}},
		{"claim rejected", cfgWebIdentityToken, "ci", &rejectedClaim, []string{"IDPRejectedClaim:"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			secrets := map[string]string{"webIdentityToken": c.token, "a piece of the token": piece}
			if c.token != long {
				delete(secrets, "a piece of the token")
			}
			stack := strings.ReplaceAll(c.name, " ", "-")
			w.must("stack", "init", stack, "--non-interactive")
			w.must("config", "set", "roleArn", roleArn)
			w.must("config", "set", "roleSessionName", c.session)
			w.must("config", "set", "--secret", "webIdentityToken", c.token)
			if c.sts != nil {
				fault := awsfault.Start(t)
				fault.On("AssumeRoleWithWebIdentity", *c.sts)
				w.must("config", "set", "--path", "aws-identity:endpoints.sts", fault.URL)
			}
			for _, args := range [][]string{
				{"preview", "--non-interactive"},
				{"preview", "--non-interactive", "-v=11", "--logtostderr", "--logflow"},
				{"up", "--yes", "--non-interactive", "--skip-preview"},
			} {
				out, err := w.run(args...)
				require.Error(t, err, "pulumi %s should fail:\n%s", strings.Join(args, " "), out)
				for _, want := range c.want {
					assert.Contains(t, out, want, "pulumi %s", strings.Join(args, " "))
				}
				if len(args) > 2 && args[2] == "-v=11" {
					w.absentVerbose("failing pulumi "+strings.Join(args, " "), out, secrets)
				} else {
					absent(t, "failing pulumi "+strings.Join(args, " "), out, secrets)
				}
			}
		})
	}
}
