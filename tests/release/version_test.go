package release

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/version"
)

// pluginJSON is the plugin metadata an SDK carries (pulumi-plugin.json, the
// Java SDK's plugin.json, package.json's "pulumi" object).
type pluginJSON struct {
	Resource bool   `json:"resource"`
	Name     string `json:"name"`
	Version  string `json:"version"`
	Server   string `json:"server"`
}

// sdkPlugins are the SDK files that tell the engine which plugin to run and
// where to download it.
var sdkPlugins = []string{
	"sdk/python/pulumi_aws_identity/pulumi-plugin.json",
	"sdk/go/awsidentity/pulumi-plugin.json",
	"sdk/dotnet/pulumi-plugin.json",
	"sdk/java/src/main/resources/com/seed83d379c3/aws-identity/plugin.json",
}

// sdkVersions are the other places an SDK states its version.
var sdkVersions = []struct{ file, pattern string }{
	{"sdk/python/pyproject.toml", `(?m)^\s*version = "([^"]+)"`},
	{"sdk/dotnet/version.txt", `^(\S+)$`},
	{"sdk/dotnet/Seed83d379c3.AwsIdentity.csproj", `<Version>([^<]+)</Version>`},
	{"sdk/java/src/main/resources/com/seed83d379c3/aws-identity/version.txt", `^(\S+)$`},
	{"sdk/java/pom.xml", `(?s)<artifactId>aws-identity</artifactId>\s*<version>([^<]+)</version>`},
	{"sdk/java/build.gradle", `"unspecified"\s*\?\s*"([^"]+)"`},
	{"sdk/go/awsidentity/internal/pulumiUtilities.go", `semver.MustParse\("([^"]+)"\)`},
}

// One version everywhere: the VERSION file, the provider's own version, the
// schema and every SDK; and the schema's pluginDownloadURL in every SDK.
func TestOneVersionEverywhere(t *testing.T) {
	root := testenv.RepoRoot(t)
	want := releaseVersion(t)
	s := readSchema(t)

	assert.Equal(t, want, version.Version, "provider/version.Version (unstamped)")
	assert.Equal(t, want, s.Version, "schema.json version: run `make sdks` after changing VERSION")
	assert.Equal(t, provider.PluginDownloadURL, s.PluginDownloadURL, "schema.json pluginDownloadURL")
	assert.Equal(t, "github://api.github.com/seed-83d379c3", s.PluginDownloadURL)

	var pkg struct {
		Version string     `json:"version"`
		Pulumi  pluginJSON `json:"pulumi"`
	}
	readJSON(t, filepath.Join(root, "sdk/nodejs/package.json"), &pkg)
	assert.Equal(t, want, pkg.Version, "sdk/nodejs/package.json version")
	checkPlugin(t, "sdk/nodejs/package.json pulumi", pkg.Pulumi, want, s.PluginDownloadURL)

	for _, file := range sdkPlugins {
		var p pluginJSON
		readJSON(t, filepath.Join(root, file), &p)
		checkPlugin(t, file, p, want, s.PluginDownloadURL)
	}
	for _, v := range sdkVersions {
		data, err := os.ReadFile(filepath.Join(root, v.file))
		require.NoError(t, err)
		m := regexp.MustCompile(v.pattern).FindSubmatch(data)
		if assert.NotNil(t, m, "%s: no version found by %s", v.file, v.pattern) {
			assert.Equal(t, want, string(m[1]), "%s: version", v.file)
		}
	}
}

func checkPlugin(t *testing.T, where string, p pluginJSON, version, server string) {
	t.Helper()
	assert.True(t, p.Resource, "%s: resource", where)
	assert.Equal(t, "aws-identity", p.Name, "%s: name", where)
	assert.Equal(t, version, p.Version, "%s: version", where)
	assert.Equal(t, server, p.Server, "%s: server (the schema's pluginDownloadURL)", where)
}

func readJSON(t *testing.T, path string, v any) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, v), path)
}
