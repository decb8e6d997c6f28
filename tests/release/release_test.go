// Package release proves the release path the way a user meets it: dist/
// (written by `make dist`, or for this machine only by `make dist-host`,
// which make test runs) holds the provider's archives and the SDK
// packages, every one of them says the VERSION file's version and the
// schema's pluginDownloadURL, and programs in YAML, Node.js, Python, Go and
// Java install the packages from dist/ and get the plugin downloaded by the
// engine itself from a server on 127.0.0.1 (install_test.go). The Registry
// docs and the release workflow are checked here too.
//
// A missing dist/ fails the tests with the command that makes it; nothing
// is skipped.
package release

import (
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

type platform struct{ OS, Arch string }

// platforms are the OS/architecture pairs a release has archives for.
var platforms = []platform{
	{"linux", "amd64"}, {"linux", "arm64"},
	{"darwin", "amd64"}, {"darwin", "arm64"},
	{"windows", "amd64"}, {"windows", "arm64"},
}

// distPlatforms are the platforms dist/ must hold archives for, no more and
// no fewer: RELEASE_DIST=all (make release-check, after make dist) for a
// release's, and by default (make test, after make dist-host) this
// machine's only, built by the same .goreleaser.yml.
func distPlatforms(t *testing.T) []platform {
	t.Helper()
	switch d := os.Getenv("RELEASE_DIST"); d {
	case "all":
		return platforms
	case "", "host":
		host := platform{runtime.GOOS, runtime.GOARCH}
		require.Contains(t, platforms, host, "this machine's platform has no release archive")
		return []platform{host}
	default:
		t.Fatalf("RELEASE_DIST=%q: want all (make dist) or host (make dist-host, the default)", d)
		return nil
	}
}

// releaseVersion is the VERSION file's version.
func releaseVersion(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), "VERSION"))
	require.NoError(t, err)
	v := strings.TrimSpace(string(data))
	require.Regexp(t, `^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$`, v, "VERSION is not a semantic version")
	return v
}

// schemaSpec is the part of schema.json these tests read.
type schemaSpec struct {
	Name              string `json:"name"`
	Version           string `json:"version"`
	PluginDownloadURL string `json:"pluginDownloadURL"`
	Config            struct {
		Variables map[string]schemaProperty `json:"variables"`
	} `json:"config"`
	Functions map[string]json.RawMessage `json:"functions"`
	Types     map[string]struct {
		Properties map[string]schemaProperty `json:"properties"`
	} `json:"types"`
	Language map[string]map[string]any `json:"language"`
}

type schemaProperty struct {
	Type   string `json:"type"`
	Ref    string `json:"$ref"`
	Secret bool   `json:"secret"`
}

func readSchema(t *testing.T) schemaSpec {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), "schema.json"))
	require.NoError(t, err)
	var s schemaSpec
	require.NoError(t, json.Unmarshal(data, &s))
	return s
}

// distDir returns <repo>/dist, failing the test if `make dist` has not
// written it.
func distDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(testenv.RepoRoot(t), "dist")
	if _, err := os.Stat(filepath.Join(dir, "checksums.txt")); err != nil {
		t.Fatalf("dist/checksums.txt is missing: run `make dist-host` (make test does) or `make dist`: %v", err)
	}
	return dir
}

// archiveName is the file name the engine asks a plugin server for.
func archiveName(version, goos, arch string) string {
	return "pulumi-resource-aws-identity-v" + version + "-" + goos + "-" + arch + ".tar.gz"
}
