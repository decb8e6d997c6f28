// Package python runs the pytest tests in this folder: the generated Python
// SDK and the Python examples, through the real Pulumi engine and the
// provider binary, against moto, as Automation API inline programs.
//
// `make sdk-deps` (scripts/install-sdk-deps.sh) installs what it needs: a
// virtual environment .tools/python-sdk-venv-v3.259.0 with pulumi, pytest
// and the SDK from sdk/python.
package python

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// PulumiVersion is the version of the pulumi package in the virtual
// environment (tests/python/requirements.txt) and of the CLI.
const PulumiVersion = "v3.259.0"

const installHint = "run `make sdk-deps` (scripts/install-sdk-deps.sh python) first"

func TestPython(t *testing.T) {
	root := testenv.RepoRoot(t)
	venv := filepath.Join(root, ".tools", "python-sdk-venv-"+PulumiVersion)
	python := filepath.Join(venv, "bin", "python")
	for _, p := range []string{python, filepath.Join(venv, "stamp")} {
		if _, err := os.Stat(p); err != nil {
			t.Fatalf("%s is missing: %s", p, installHint)
		}
	}
	testenv.Tool(t, "pulumi")
	testenv.BuildProvider(t)

	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "py-sdk", "/sdk/")
	exampleRoleArn, _ := moto.CreateRole(t, "Deployer", "/deploy/")
	runnerRoleArn, _ := moto.CreateRole(t, "ci-runner", "/runners/")
	webIdentityRoleArn, _ := moto.CreateRole(t, "py-oidc", "/oidc/")
	// Credentials of a session of ci-runner, for who-am-i run as a role and
	// for aws-sdk-client's provider.
	session := moto.AssumeRole(t, runnerRoleArn, "build-7")
	// A key that another account owns, for get_access_key_info.
	auditedKeyID := moto.CreateAccessKey(t, "111111111111", "auditor")

	tmp := t.TempDir()
	pulumiEnv, _ := testenv.PulumiEnv(t, tmp)
	env := append(os.Environ(), pulumiEnv...)
	env = append(env,
		"TMPDIR="+tmp,
		"PYTHONDONTWRITEBYTECODE=1",
		"MOTO_ENDPOINT="+moto.Endpoint,
		"ROLE_ARN="+roleArn,
		"EXAMPLE_ROLE_ARN="+exampleRoleArn,
		"RUNNER_ROLE_ARN="+runnerRoleArn,
		"WEB_IDENTITY_ROLE_ARN="+webIdentityRoleArn,
		"AUDITED_KEY_ID="+auditedKeyID,
		"RUNNER_ACCESS_KEY_ID="+session.AccessKeyID,
		"RUNNER_SECRET_ACCESS_KEY="+session.SecretAccessKey,
		"RUNNER_SESSION_TOKEN="+session.SessionToken,
	)
	env = append(env, moto.Env()...)

	runCtx, stop := context.WithTimeout(context.Background(), 10*time.Minute)
	defer stop()
	cmd := exec.CommandContext(runCtx, python, "-m", "pytest", "-v", "-p", "no:cacheprovider", "-s", ".")
	cmd.Dir = filepath.Join(root, "tests", "python")
	cmd.Env = env
	cmd.WaitDelay = 10 * time.Second
	start := time.Now()
	out, err := cmd.CombinedOutput()
	if err != nil {
		// pytest exits 5 when it collected no tests: a failure here too.
		t.Fatalf("pytest failed after %s: %v\n%s", time.Since(start).Round(time.Millisecond), err, out)
	}
	t.Logf("pytest (%s):\n%s", time.Since(start).Round(time.Millisecond), out)
}
