package credsources

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// A role profile with mfa_serial, with the AWS CLI (awscli from PyPI, in
// .tools) as the other party: what one of them obtained with a code, the
// other uses from ~/.aws/cli/cache, with no AssumeRole of its own at moto.
func TestMFAProfileAndTheAWSCLI(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "mfa", "/")
	const serial = "arn:aws:iam::123456789012:mfa/alice"
	setup := func(t *testing.T) (*isolated, *testenv.Counter) {
		counter := testenv.CountCalls(t, moto.Endpoint)
		e := isolate(t, counter.Endpoint)
		e.writeConfig(t, "[profile mfa]\nrole_arn = "+roleArn+"\nmfa_serial = "+serial+"\nsource_profile = base\n")
		e.writeCreds(t, "[base]\naws_access_key_id = "+baseAccessKey+"\naws_secret_access_key = "+baseSecretKey+"\n")
		return e, counter
	}

	t.Run("the CLI asks for the code, the provider uses its cache", func(t *testing.T) {
		t.Parallel()
		e, counter := setup(t)
		arn := awsCLICaller(t, e, "123456\n")
		require.Equal(t, 1, counter.Count("AssumeRole"), "the CLI assumes the role once")
		assert.Contains(t, arn, ":assumed-role/mfa/botocore-session-")

		e.set("AWS_PROFILE=mfa")
		callerIs(t, e.stack(t), arn, `profile "mfa" (role_arn `+roleArn+`, source_profile base)`, baseSecretKey)
		assert.Equal(t, 1, counter.Count("AssumeRole"), "the provider made no AssumeRole: it used the CLI's session")
	})

	t.Run("no cache: the message says what to run", func(t *testing.T) {
		t.Parallel()
		e, counter := setup(t)
		e.set("AWS_PROFILE=mfa")
		out := failsWith(t, e.stack(t), baseSecretKey)
		assert.Contains(t, out, `getting credentials from profile "mfa" (role_arn `+roleArn+`, source_profile base): `+
			`assuming role_arn `+roleArn+`: the role needs an MFA code (mfa_serial `+serial+`), the provider cannot `+
			`prompt for one, and the AWS CLI's cache (`+filepath.Join(e.Home, ".aws", "cli", "cache")+`) holds no `+
			"valid credentials of the role: run `aws sts get-caller-identity --profile mfa` once, which asks for the "+
			"code and caches them, then run again")
		assert.Zero(t, counter.Count("AssumeRole"))
	})

	t.Run("the provider gets a session with a code, the CLI uses it", func(t *testing.T) {
		t.Parallel()
		e, counter := setup(t)
		e.set("AWS_PROFILE=base")
		s := testenv.NewStack(t, filepath.Join(testenv.RepoRoot(t), "tests", "credsources", "mfaprogram"), e.Env...)
		s.Config("roleArn", roleArn, false)
		s.Config("serialNumber", serial, false)
		s.Up()
		arn, _ := s.Outputs(true)["arn"].(string)
		require.Equal(t, assumedRole("mfa", "pulumi-aws-identity"), arn)
		require.Equal(t, 1, counter.Count("AssumeRole"))

		files, err := filepath.Glob(filepath.Join(e.Home, ".aws", "cli", "cache", "*.json"))
		require.NoError(t, err)
		require.Len(t, files, 1, "one cache file")
		info, err := os.Stat(files[0])
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())

		// No code on stdin: a CLI that asked for one would fail.
		assert.Equal(t, arn, awsCLICaller(t, e, ""))
		assert.Equal(t, 1, counter.Count("AssumeRole"), "the CLI made no AssumeRole: it used the provider's session")
	})
}

// awsCLICaller runs `aws sts get-caller-identity --profile mfa` in the
// case's environment with stdin as given (the CLI reads the MFA code there
// when there is no terminal) and returns the caller's ARN.
func awsCLICaller(t *testing.T, e *isolated, stdin string) string {
	t.Helper()
	cmd := exec.Command(testenv.Tool(t, "aws"), "sts", "get-caller-identity", "--profile", "mfa", "--output", "json")
	cmd.Env = cliEnv(append(append(os.Environ(), e.Env...), "AWS_DEFAULT_REGION=us-east-1"))
	cmd.Stdin = strings.NewReader(stdin)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "aws sts get-caller-identity: %s", stderr.String())
	var who struct{ Arn string }
	require.NoError(t, json.Unmarshal(stdout.Bytes(), &who), stdout.String())
	return who.Arn
}

// cliEnv is env with each variable once, its last value, and the emptied
// ones removed: the CLI takes an empty variable as a value (an empty
// AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE is an error), the SDK as unset.
func cliEnv(env []string) []string {
	last := map[string]string{}
	var order []string
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		if _, seen := last[k]; !seen {
			order = append(order, k)
		}
		last[k] = v
	}
	var out []string
	for _, k := range order {
		if last[k] != "" {
			out = append(out, k+"="+last[k])
		}
	}
	return out
}
