package release

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// What the release workflow runs before it uploads is make's release-check,
// on the tag's version; the uploads use secrets by name. (That the workflow
// passes actionlint is proved by actionlint_test.go, which `make actionlint`
// and so `make release-check`, the workflow's own step, run.)
func TestReleaseWorkflowRunsReleaseCheck(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), ".github", "workflows", "release.yml"))
	require.NoError(t, err)
	text := string(data)
	assert.Contains(t, text, `make release-check VERSION="${{ steps.version.outputs.version }}"`)
	for _, secret := range []string{"NPM_TOKEN", "PYPI_API_TOKEN", "MAVEN_PASSWORD"} {
		assert.Contains(t, text, "${{ secrets."+secret+" }}")
	}
}
