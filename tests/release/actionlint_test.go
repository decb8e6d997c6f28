//go:build actionlint

// Built only with -tags actionlint, by `make actionlint` (which
// `make release-check`, and so the release workflow, runs): it needs
// actionlint, which only the release path builds, so `make test` builds
// neither the tool nor this file.

package release

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// actionlint returns .tools/actionlint-*/bin/actionlint, built by
// `make actionlint`.
func actionlint(t *testing.T) string {
	t.Helper()
	found, _ := filepath.Glob(filepath.Join(testenv.RepoRoot(t), ".tools", "actionlint-*", "bin", "actionlint"))
	if len(found) != 1 {
		t.Fatalf("actionlint is not in .tools/: run `make actionlint`; found %v", found)
	}
	return found[0]
}

// The release workflow passes actionlint, and actionlint does find a fault
// in it when there is one (so the first check can fail).
func TestReleaseWorkflowPassesActionlint(t *testing.T) {
	bin := actionlint(t)
	root := testenv.RepoRoot(t)
	workflow := filepath.Join(root, ".github", "workflows", "release.yml")

	cmd := exec.Command(bin, "-no-color", workflow)
	cmd.Dir = root
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "actionlint .github/workflows/release.yml:\n%s", out)

	data, err := os.ReadFile(workflow)
	require.NoError(t, err)
	broken := filepath.Join(t.TempDir(), "release.yml")
	require.NoError(t, os.WriteFile(broken,
		[]byte(strings.Replace(string(data), "steps.version.outputs.version", "steps.no_such_step.outputs.version", 1)), 0o644))
	out, err = exec.Command(bin, "-no-color", broken).CombinedOutput()
	assert.Error(t, err, "actionlint accepted a workflow naming a step that does not exist")
	assert.Contains(t, string(out), "no_such_step")
}
