// Package secrets proves, through the real Pulumi engine (the CLI and the
// YAML language host from .tools/bin, the provider from bin/), against moto,
// that the credentials assumeRole returns and the provider's secretKey and
// token configuration never show as plain text: not in `pulumi stack output`,
// not in the update's output, not in the state, not in the provider's own
// logs at the highest verbosity, and not in any error message. It searches
// for the actual secret values.
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

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// program assumes a role, exports the credentials (the whole object and each
// field), and builds an explicit provider from them that is used for a call.
const program = `name: secrets-test
runtime: yaml
config:
  roleArn:
    type: string
  endpoint:
    type: string
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
outputs:
  accessKeyId: ${session.credentials.accessKeyId}
  secretAccessKey: ${session.credentials.secretAccessKey}
  sessionToken: ${session.credentials.sessionToken}
  credentials: ${session.credentials}
  callerArnAsRole: ${meAsRole.arn}
`

// Recognizable configuration secrets; moto accepts any key.
const (
	cfgAccessKey = "AKIASECRETSTEST00001"
	cfgSecretKey = "cfgSecretKey/MustNeverBeShown0000000000"
	cfgToken     = "cfgSessionToken/MustNeverBeShown000000000000000000"
	badSecretKey = "badCfgSecretKey/MustNeverBeShown0000000"
	badToken     = "badCfgToken/MustNeverBeShown00000000000000"
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
		s := map[string]string{"config secretKey": cfgSecretKey, "config token": cfgToken}
		for _, k := range []string{"secretAccessKey", "sessionToken"} {
			v, _ := out[k].(string)
			require.NotEmpty(t, v, "output %s with --show-secrets: %s", k, raw)
			s["assumeRole "+k] = v
		}
		accessKeyID, _ = out["accessKeyId"].(string)
		creds, _ := out["credentials"].(map[string]any)
		assert.Equal(t, s["assumeRole secretAccessKey"], creds["secretAccessKey"])
		assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/secrets-test", out["callerArnAsRole"],
			"the explicit provider built from the secret credentials works")
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
		assert.Equal(t, "[secret]", out["secretAccessKey"], "masked in pulumi stack output")
		assert.Equal(t, "[secret]", out["sessionToken"], "masked in pulumi stack output")
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
	secrets := map[string]string{"config secretKey": badSecretKey, "config token": badToken}

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
