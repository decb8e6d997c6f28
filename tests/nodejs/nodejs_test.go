// Package nodejs runs the TypeScript tests in this folder (node --test):
// the generated Node.js SDK and the Node.js examples, through the real Pulumi
// engine and the provider binary, against moto. It also type-checks the
// compile-only example examples/nodejs/aws-provider-from-assume-role.
//
// `make sdk-deps` (scripts/install-sdk-deps.sh) installs what it needs:
// node_modules here and in that example, and the SDK built into
// node_modules/@seed-83d379c3/aws-identity.
package nodejs

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsiam "github.com/aws/aws-sdk-go-v2/service/iam"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/federationfake"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

const installHint = "run `make sdk-deps` (scripts/install-sdk-deps.sh nodejs) first"

// requireFiles fails the test, naming the make target, unless every path
// (relative to the repository root) exists.
func requireFiles(t *testing.T, root string, paths ...string) {
	t.Helper()
	for _, p := range paths {
		if _, err := os.Stat(filepath.Join(root, p)); err != nil {
			t.Fatalf("%s is missing: %s", p, installHint)
		}
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Fatalf("node is not on PATH: the Node.js tests need Node.js 20 or newer")
	}
}

// run runs a command in dir, failing the test with its output if it fails.
func run(t *testing.T, dir string, env []string, timeout time.Duration, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	cmd.Env = env
	cmd.WaitDelay = 10 * time.Second
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s failed after %s: %v\n%s", name, strings.Join(args, " "), time.Since(start).Round(time.Millisecond), err, out)
	}
	t.Logf("%s %s: %s", filepath.Base(name), strings.Join(args, " "), time.Since(start).Round(time.Millisecond))
	return string(out)
}

func TestNodeJS(t *testing.T) {
	root := testenv.RepoRoot(t)
	dir := filepath.Join(root, "tests", "nodejs")
	requireFiles(t, root,
		"tests/nodejs/node_modules/@pulumi/pulumi/package.json",
		"tests/nodejs/node_modules/typescript/bin/tsc",
		"tests/nodejs/node_modules/@seed-83d379c3/aws-identity/index.js")
	testenv.Tool(t, "pulumi")
	testenv.BuildProvider(t)

	// Compile the tests and the examples' programs (a type check as well).
	run(t, dir, os.Environ(), 5*time.Minute, "node", "node_modules/typescript/bin/tsc", "-p", ".")

	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "node-sdk", "/sdk/")
	exampleRoleArn, _ := moto.CreateRole(t, "Deployer", "/deploy/")
	runnerRoleArn, _ := moto.CreateRole(t, "ci-runner", "/runners/")
	webIdentityRoleArn, _ := moto.CreateRole(t, "node-oidc", "/oidc/")
	// Credentials of a session of ci-runner, for who-am-i run as a role and
	// for aws-sdk-client's provider.
	session := moto.AssumeRole(t, runnerRoleArn, "build-7")
	// A key that another account owns, for getAccessKeyInfo.
	auditedKeyID := moto.CreateAccessKey(t, "111111111111", "auditor")
	// console-signin: an alias, a role, and the fake federation endpoint,
	// which hands a token to the role session's credentials.
	consoleRoleArn, _ := moto.CreateRole(t, "ReadOnly", "/console/")
	_, err := awsiam.NewFromConfig(moto.AWSConfig()).CreateAccountAlias(context.Background(),
		&awsiam.CreateAccountAliasInput{AccountAlias: aws.String("acme-node")})
	if err != nil {
		t.Fatalf("creating the account alias: %v", err)
	}
	federation := federationfake.Start(t, signinToken)
	federation.AcceptAnyTemporary()

	tmp := t.TempDir()
	pulumiEnv, stateDir := testenv.PulumiEnv(t, tmp)
	env := append(os.Environ(), pulumiEnv...)
	env = append(env,
		"TMPDIR="+tmp,
		"MOTO_ENDPOINT="+moto.Endpoint,
		"ROLE_ARN="+roleArn,
		"EXAMPLE_ROLE_ARN="+exampleRoleArn,
		"RUNNER_ROLE_ARN="+runnerRoleArn,
		"WEB_IDENTITY_ROLE_ARN="+webIdentityRoleArn,
		"AUDITED_KEY_ID="+auditedKeyID,
		"RUNNER_ACCESS_KEY_ID="+session.AccessKeyID,
		"RUNNER_SECRET_ACCESS_KEY="+session.SecretAccessKey,
		"RUNNER_SESSION_TOKEN="+session.SessionToken,
		"CONSOLE_ROLE_ARN="+consoleRoleArn,
		"FEDERATION_ENDPOINT="+federation.URL,
		"FEDERATION_SIGNIN_TOKEN="+signinToken,
	)
	env = append(env, moto.Env()...)
	out := run(t, dir, env, 10*time.Minute, "node", "--test", "--test-reporter=spec",
		"node_modules/.build/tests/nodejs/sdk.test.js",
		"node_modules/.build/tests/nodejs/examples.test.js")
	t.Logf("node --test:\n%s", out)
	checkFederation(t, federation, out, testenv.StateText(t, stateDir))
}

// TestNodeJSAWSProviderExample type-checks the example that hands
// assumeRole's credentials to pulumi-aws's aws.Provider. It cannot run here:
// the AWS provider plugin is not obtainable on this project's machines.
func TestNodeJSAWSProviderExample(t *testing.T) {
	root := testenv.RepoRoot(t)
	requireFiles(t, root,
		"examples/nodejs/aws-provider-from-assume-role/node_modules/@pulumi/aws/package.json",
		"tests/nodejs/node_modules/typescript/bin/tsc",
		"tests/nodejs/node_modules/@seed-83d379c3/aws-identity/index.d.ts")
	run(t, filepath.Join(root, "tests", "nodejs"), os.Environ(), 5*time.Minute,
		"node", "node_modules/typescript/bin/tsc", "-p", "tsconfig.aws-example.json")
}
