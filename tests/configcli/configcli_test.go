// Package configcli proves, through the real Pulumi CLI and engine (YAML
// program, file backend, moto), that configuration set the way users type
// it reaches the provider as they meant it: `pulumi config set --path` stores
// a numeric-looking value as a number, and a string setting takes it as the
// text typed. It also proves that the settings that can hold a secret stay
// out of plain text in the state.
package configcli

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	pschema "github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// program calls a function with the default provider, so the provider's
// configuration is checked and used.
const program = `name: configcli-test
runtime: yaml
variables:
  me:
    fn::invoke:
      function: aws-identity:index:getCallerIdentity
      arguments: {}
outputs:
  arn: ${me.arn}
  accountId: ${me.accountId}
`

// decodeError is what infer says when a value has the wrong type: the
// failure these tests exist to keep away.
var decodeError = regexp.MustCompile(`must be a '[^']*'; got '[^']*'|float64|float32|bool instead`)

// newStack writes a YAML program and makes a stack of it.
func newStack(t *testing.T, yaml string, env ...string) *testenv.Stack {
	t.Helper()
	testenv.Tool(t, "pulumi-language-yaml")
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), []byte(yaml), 0o644))
	return testenv.NewStack(t, dir, env...)
}

// stringKey is a string setting of the configuration, as a --path argument
// (`assumeRoles[0].externalId`), and whether the schema makes it secret.
type stringKey struct {
	path   string
	secret bool
}

// stringKeys walks the schema's configuration, nested types included, and
// returns every setting whose type is string: lists get an element [0],
// maps (tags) a key "k".
func stringKeys(t *testing.T) []stringKey {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), "schema.json"))
	require.NoError(t, err)
	var spec pschema.PackageSpec
	require.NoError(t, json.Unmarshal(raw, &spec))

	var keys []stringKey
	var walk func(path string, ts *pschema.TypeSpec, secret bool, depth int)
	walk = func(path string, ts *pschema.TypeSpec, secret bool, depth int) {
		require.Less(t, depth, 8, "the configuration's types nest too deep at %s", path)
		switch {
		case ts.Ref != "":
			name := strings.TrimPrefix(ts.Ref, "#/types/")
			typ, ok := spec.Types[name]
			require.True(t, ok, "%s refers to a type the schema lacks: %s", path, ts.Ref)
			for prop, ps := range typ.Properties {
				walk(path+"."+prop, &ps.TypeSpec, ps.Secret, depth+1)
			}
		case ts.Type == "string":
			keys = append(keys, stringKey{path, secret})
		case ts.Type == "array":
			walk(path+"[0]", ts.Items, secret, depth+1)
		case ts.Type == "object" && ts.AdditionalProperties != nil:
			walk(path+".k", ts.AdditionalProperties, secret, depth+1)
		}
	}
	for name, ps := range spec.Config.Variables {
		walk(name, &ps.TypeSpec, ps.Secret, 0)
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].path < keys[j].path })
	return keys
}

func TestStringKeysCoverTheSchema(t *testing.T) {
	var paths []string
	for _, k := range stringKeys(t) {
		paths = append(paths, k.path)
	}
	// A sample of what the walk must find, at every depth.
	for _, want := range []string{"region", "profile", "allowedAccountIds[0]", "endpoints.sts",
		"assumeRole.externalId", "assumeRoles[0].tokenCode", "assumeRoles[0].tags.k",
		"assumeRoles[0].providedContexts[0].contextAssertion", "assumeRoleWithWebIdentity.sessionName",
		"httpsProxy", "sharedConfigFiles[0]"} {
		assert.Contains(t, paths, want)
	}
	assert.NotContains(t, paths, "maxRetries", "an integer is not a string key")
	t.Logf("%d string keys: %s", len(paths), strings.Join(paths, " "))
}

// TestEveryStringKeyTakesANumber sets every string setting of the
// configuration, found by walking the schema, to a numeric-looking value
// with `pulumi config set --path`, exactly as a user types it, then runs
// `pulumi preview`. The CLI stores each value as a number. None may fail
// with a decoding error: the provider's own checks must run, which happens
// only once every setting decoded, and each value they quote must be the
// text typed.
func TestEveryStringKeyTakesANumber(t *testing.T) {
	moto := testenv.StartMoto(t)
	s := newStack(t, program, moto.Env()...)
	keys := stringKeys(t)
	values := map[string]string{}
	for i, k := range keys {
		// Twelve digits, different for each key. (A leading zero would
		// make the CLI store a string: it keeps what it cannot round-trip.)
		v := fmt.Sprintf("4444555566%02d", i)
		values[k.path] = v
		s.Run("config", "set", "--path", "--plaintext", "aws-identity:"+k.path, v)
	}
	stored, err := os.ReadFile(filepath.Join(s.Dir, "Pulumi.test.yaml"))
	require.NoError(t, err)
	require.Contains(t, string(stored), "allowedAccountIds:\n    - 444455556", "the CLI stores a number, unquoted:\n%s", stored)

	out, err := s.Try("preview")
	require.Error(t, err, "every key holds a number, most of them invalid values:\n%s", out)
	assert.NotRegexp(t, decodeError, out, "a value was refused for its type, not checked as a string")
	// The provider's own checks ran: they run only after the whole
	// configuration decoded, so every key arrived as a string.
	require.Regexp(t, `property region value \{4444555566\d\d\} has a problem: "4444555566\d\d" is not an AWS region name`, out)

	quoted := 0
	for _, k := range keys {
		if strings.Contains(out, `"`+values[k.path]+`"`) {
			quoted++
		}
		// A number shown with an exponent or a fraction would be the
		// float, not the text typed.
		assert.NotContains(t, out, "4.44455556", "a number was shown as a float")
	}
	t.Logf("%d of %d keys are quoted in the check failures as typed", quoted, len(keys))
	assert.Greater(t, quoted, 10)
}

// TestReadmeConfigurationCommands runs the README's Configuration commands
// as written, with the endpoints pointed at moto and the profile they name
// in a shared configuration file, and the program runs as the last role of
// the chain, in the allowed account the README gives as a bare number.
func TestReadmeConfigurationCommands(t *testing.T) {
	moto := testenv.StartMoto(t)
	cfgFile := filepath.Join(t.TempDir(), "config")
	require.NoError(t, os.WriteFile(cfgFile, []byte("[profile prod-admin]\n"+
		"aws_access_key_id = "+testenv.MotoAccessKey+"\naws_secret_access_key = "+testenv.MotoSecretKey+"\n"), 0o600))
	env := append(moto.Env(), "AWS_CONFIG_FILE="+cfgFile, "AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=")
	s := newStack(t, program, env...)

	readme, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), "README.md"))
	require.NoError(t, err)
	commands := readmeCommands(t, string(readme), "pulumi config set aws-identity:region eu-west-1")
	require.Contains(t, commands, []string{"config", "set", "--path", "aws-identity:allowedAccountIds[0]", "444455556666"})
	for _, c := range commands {
		s.Run(c...)
	}

	out := s.Run("up", "--yes")
	assert.NotRegexp(t, decodeError, out)
	// The default provider's configuration, as the provider checked it
	// and the state keeps it: the account ID is the text typed.
	assert.Regexp(t, `"allowedAccountIds":\s*\[\s*"444455556666"\s*\]`, s.Run("stack", "export"))
	o := s.Outputs(false)
	assert.Equal(t, "444455556666", o["accountId"], "the chain ends in the allowed account")
	assert.Regexp(t, `^arn:aws:sts::444455556666:assumed-role/Auditor/`, o["arn"])
}

// readmeCommands returns the pulumi commands of the README's shell block
// that starts with first, split as the shell would (single quotes only).
func readmeCommands(t *testing.T, readme, first string) [][]string {
	t.Helper()
	i := strings.Index(readme, "```sh\n"+first+"\n")
	require.GreaterOrEqual(t, i, 0, "the README has a shell block starting with %q", first)
	block := readme[i+len("```sh\n"):]
	block = block[:strings.Index(block, "```")]
	var cmds [][]string
	for _, line := range strings.Split(strings.TrimSpace(block), "\n") {
		var args []string
		for _, f := range regexp.MustCompile(`'[^']*'|\S+`).FindAllString(line, -1) {
			args = append(args, strings.Trim(f, "'"))
		}
		require.Equal(t, "pulumi", args[0], "a README command: %s", line)
		cmds = append(cmds, args[1:])
	}
	return cmds
}

// The proxy URLs hold a password here; the state must never show it, though
// the program and the stack configuration give it as plain text.
const proxyPassword = "ProxyPasswordMustNeverShow"

// explicitProvider builds an explicit provider from plain literals: the
// provider, not the program, marks its secret settings.
const explicitProvider = `name: configcli-secrets
runtime: yaml
config:
  endpoint:
    type: string
resources:
  p:
    type: pulumi:providers:aws-identity
    properties:
      region: us-east-1
      endpoints:
        sts: ${endpoint}
        iam: ${endpoint}
      httpProxy: http://alice:` + proxyPassword + `@127.0.0.1:9
      httpsProxy: http://alice:` + proxyPassword + `@127.0.0.1:9
variables:
  me:
    fn::invoke:
      function: aws-identity:index:getCallerIdentity
      arguments: {}
      options:
        provider: ${p}
outputs:
  arn: ${me.arn}
`

// TestProxyPasswordsStayOutOfTheState: httpProxy and httpsProxy, given as
// plain text to an explicit provider and to the default provider's stack
// configuration, are encrypted in the state (the provider marks them
// secret); calls to moto on loopback go direct, so the runs succeed.
func TestProxyPasswordsStayOutOfTheState(t *testing.T) {
	moto := testenv.StartMoto(t)
	for name, set := range map[string]func(*testenv.Stack){
		"explicit provider": func(s *testenv.Stack) {
			s.Run("config", "set", "endpoint", moto.Endpoint)
		},
		"default provider": func(s *testenv.Stack) {
			for _, k := range []string{"httpProxy", "httpsProxy"} {
				s.Run("config", "set", "--plaintext", "aws-identity:"+k, "http://alice:"+proxyPassword+"@127.0.0.1:9")
			}
		},
	} {
		t.Run(name, func(t *testing.T) {
			prog := program
			if name == "explicit provider" {
				prog = explicitProvider
			}
			s := newStack(t, prog, moto.Env()...)
			set(s)
			out := s.Run("up", "--yes")
			assert.NotContains(t, out, proxyPassword)
			assert.Equal(t, "arn:aws:sts::123456789012:user/moto", s.Outputs(false)["arn"])
			export := s.Run("stack", "export")
			assert.NotContains(t, export, proxyPassword, "pulumi stack export")
			if name == "explicit provider" {
				// The stack configuration set --plaintext is the user's
				// own plain text, which the engine copies into the
				// history of each update; the program's own values are
				// encrypted everywhere.
				assert.NotContains(t, s.StateFiles(), proxyPassword, "the state files")
			}
			assert.Regexp(t, `"httpsProxy":\s*\{\s*"4dabf18193072939515e22adb298388d":\s*"1b47061264138c4ac30d75fd1eb44270",\s*"ciphertext"`,
				export, "the provider's httpsProxy is stored encrypted")
		})
	}
}

// TestMFACodeRefusedAndNotStored: a tokenCode in an explicit provider's
// assumeRole is refused before any call, with the reason, and is in no
// output and not in the state.
func TestMFACodeRefusedAndNotStored(t *testing.T) {
	const code = "135791"
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "NeedsMFA", "")
	prog := strings.Replace(explicitProvider, "      httpProxy: http://alice:"+proxyPassword+"@127.0.0.1:9\n"+
		"      httpsProxy: http://alice:"+proxyPassword+"@127.0.0.1:9\n",
		"      assumeRole:\n        roleArn: "+roleArn+"\n        serialNumber: arn:aws:iam::123456789012:mfa/alice\n"+
			"        tokenCode: \""+code+"\"\n", 1)
	require.Contains(t, prog, "tokenCode")
	s := newStack(t, prog, moto.Env()...)
	s.Run("config", "set", "endpoint", moto.Endpoint)
	out, err := s.Try("up", "--yes")
	require.Error(t, err, out)
	assert.Contains(t, out, "property assumeRole.tokenCode value {<nil>} has a problem: is a one-time MFA code, and "+
		"the provider's configuration is used more than once: the update after the preview, every later refresh and "+
		"destroy, and each renewal of the role's credentials would send the same code, which AWS refuses once it "+
		"has been used. Remove serialNumber and tokenCode, and give the provider base credentials that already "+
		"carry MFA, which a role whose trust policy requires MFA accepts: those that `aws sts get-session-token "+
		"--serial-number DEVICE --token-code CODE` prints, as AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and "+
		"AWS_SESSION_TOKEN (or accessKey, secretKey and token)")
	assert.NotContains(t, out, code)
	export := s.Run("stack", "export")
	assert.NotContains(t, export, code)
}

// TestProviderRoleIsAssumedInEachPass is why a one-time MFA code is refused
// rather than used: one `pulumi up` configures the provider for its preview
// and again for its update, each a process of its own, so the provider's
// AssumeRole request, and with it any code, goes to STS at least twice.
func TestProviderRoleIsAssumedInEachPass(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "Chained", "")
	sts := testenv.CountCalls(t, moto.Endpoint)
	s := newStack(t, program, append(moto.Env(), "AWS_ENDPOINT_URL_STS="+sts.Endpoint)...)
	s.Run("config", "set", "--path", "aws-identity:assumeRole.roleArn", roleArn)

	s.Run("up", "--yes")
	assert.Regexp(t, `^arn:aws:sts::123456789012:assumed-role/Chained/`, s.Outputs(false)["arn"])
	assert.GreaterOrEqual(t, sts.Count("AssumeRole"), 2, "one pulumi up: the preview's AssumeRole and the update's")
	t.Logf("one `pulumi up` (preview and update): %d AssumeRole calls", sts.Count("AssumeRole"))
}
