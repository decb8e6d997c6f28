package release_test

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// The README says that the Pulumi CLI, the YAML host, the SDK generator,
// goreleaser and the provider select the same version of every module they
// share, so that Go's build cache compiles a shared package once in make
// test. A version that differs in one of them (after a `go get` in one
// module only) makes every package above it compile twice: this finds it.
func TestToolModulesShareVersions(t *testing.T) {
	root := testenv.RepoRoot(t)
	builds := []struct {
		module string
		pkgs   []string
		tests  bool
	}{
		{".", []string{"./..."}, true},
		{"tools/pulumi", []string{"github.com/pulumi/pulumi/pkg/v3/cmd/pulumi", "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"}, false},
		{"tools/sdkgen", []string{"./..."}, true},
		{"tools/goreleaser", []string{"github.com/goreleaser/goreleaser/v2"}, false},
	}
	// Versions that differ on purpose: goreleaser needs newer ones than the
	// CLI's, and raising the CLI's is not worth the risk for four packages.
	known := map[string]bool{
		"github.com/google/go-querystring":         true,
		"github.com/moby/term":                     true,
		"github.com/santhosh-tekuri/jsonschema/v5": true,
		"github.com/spf13/cast":                    true,
	}
	chosen := map[string]map[string][]string{} // module path → version → the builds that selected it
	for _, b := range builds {
		args := []string{"list", "-deps", "-f", "{{with .Module}}{{.Path}} {{.Version}}{{end}}"}
		if b.tests {
			args = append(args, "-test")
		}
		cmd := exec.Command("go", append(args, b.pkgs...)...)
		cmd.Dir = filepath.Join(root, b.module)
		out, err := cmd.Output()
		require.NoError(t, err, "go list in %s", b.module)
		for _, line := range strings.Split(string(out), "\n") {
			f := strings.Fields(line)
			if len(f) != 2 {
				continue // the main module has no version
			}
			if chosen[f[0]] == nil {
				chosen[f[0]] = map[string][]string{}
			}
			if v := chosen[f[0]][f[1]]; len(v) == 0 || v[len(v)-1] != b.module {
				chosen[f[0]][f[1]] = append(v, b.module)
			}
		}
	}
	shared := 0
	for mod, versions := range chosen {
		if len(versions) > 1 && !known[mod] {
			assert.Failf(t, "one module, several versions", "%s: %v; align them with go get in each tools module", mod, versions)
		}
		for _, in := range versions {
			if len(versions) == 1 && len(in) > 1 {
				shared++
			}
		}
	}
	// Today 140 modules serve two builds or more (the CLI's with each of the
	// others); far fewer means the builds no longer share what they could.
	assert.Greater(t, shared, 100, "modules that two builds or more share at one version")
}
