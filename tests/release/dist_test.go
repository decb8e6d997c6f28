package release

import (
	"archive/tar"
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"debug/buildinfo"
	"debug/elf"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/seed-83d379c3/pulumi-aws-identity/bench"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// readChecksums parses checksums.txt ("<sha256>  <file>" per line).
func readChecksums(t *testing.T, dist string) map[string]string {
	t.Helper()
	f, err := os.Open(filepath.Join(dist, "checksums.txt"))
	require.NoError(t, err)
	defer func() { _ = f.Close() }()
	sums := map[string]string{}
	s := bufio.NewScanner(f)
	for s.Scan() {
		sum, name, ok := strings.Cut(s.Text(), "  ")
		require.True(t, ok, "checksums.txt: bad line %q", s.Text())
		require.Len(t, sum, 64, "checksums.txt: %s", name)
		sums[name] = sum
	}
	require.NoError(t, s.Err())
	return sums
}

func sha256File(t *testing.T, path string) string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer func() { _ = f.Close() }()
	h := sha256.New()
	_, err = io.Copy(h, f)
	require.NoError(t, err)
	return hex.EncodeToString(h.Sum(nil))
}

// tarEntry is one file of a release archive.
type tarEntry struct {
	hdr  *tar.Header
	data []byte
}

func readArchive(t *testing.T, path string) map[string]tarEntry {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer func() { _ = f.Close() }()
	gz, err := gzip.NewReader(f)
	require.NoError(t, err, path)
	tr := tar.NewReader(gz)
	entries := map[string]tarEntry{}
	for {
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		require.NoError(t, err, path)
		data, err := io.ReadAll(tr)
		require.NoError(t, err)
		entries[hdr.Name] = tarEntry{hdr, data}
	}
	return entries
}

// Every platform's archive dist/ must hold (distPlatforms: this machine's
// after make dist-host, all six after make dist) is there under the name the
// engine asks for, holds exactly the binary, README.md and LICENSE with
// fixed owners and modes, and has the sum checksums.txt gives; checksums.txt
// lists nothing else.
func TestDistArchives(t *testing.T) {
	dist := distDir(t)
	version := releaseVersion(t)
	root := testenv.RepoRoot(t)
	readme, err := os.ReadFile(filepath.Join(root, "README.md"))
	require.NoError(t, err)
	license, err := os.ReadFile(filepath.Join(root, "LICENSE"))
	require.NoError(t, err)

	sums := readChecksums(t, dist)
	want := []string{}
	for _, p := range distPlatforms(t) {
		want = append(want, archiveName(version, p.OS, p.Arch))
	}
	listed := []string{}
	for name := range sums {
		listed = append(listed, name)
	}
	sort.Strings(want)
	sort.Strings(listed)
	assert.Equal(t, want, listed, "the archives checksums.txt lists (RELEASE_DIST=%q: all for make dist's, host or unset for make dist-host's)", os.Getenv("RELEASE_DIST"))

	for _, p := range distPlatforms(t) {
		name := archiveName(version, p.OS, p.Arch)
		t.Run(p.OS+"-"+p.Arch, func(t *testing.T) {
			path := filepath.Join(dist, name)
			require.FileExists(t, path)
			assert.Equal(t, sums[name], sha256File(t, path), "%s: checksum", name)

			binary := "pulumi-resource-aws-identity"
			if p.OS == "windows" {
				binary += ".exe"
			}
			entries := readArchive(t, path)
			var names []string
			for n := range entries {
				names = append(names, n)
			}
			sort.Strings(names)
			assert.Equal(t, []string{"LICENSE", "README.md", binary}, names, "%s: files", name)
			assert.Equal(t, readme, entries["README.md"].data, "%s: README.md", name)
			assert.Equal(t, license, entries["LICENSE"].data, "%s: LICENSE", name)
			if bin, ok := entries[binary]; ok {
				assert.Equal(t, int64(0o755), bin.hdr.Mode&0o777, "%s: binary mode", name)
				assert.Greater(t, len(bin.data), 1<<20, "%s: binary size", name)
			}
			for n, e := range entries {
				assert.Equal(t, 0, e.hdr.Uid, "%s: %s owner", name, n)
				assert.Equal(t, "root", e.hdr.Uname, "%s: %s owner", name, n)
			}
		})
	}
}

// The binary of this machine's archive says the release's version, both to
// --version and to the engine's first call, GetPluginInfo.
func TestDistBinaryVersion(t *testing.T) {
	dist := distDir(t)
	version := releaseVersion(t)
	require.Contains(t, platforms, platform{runtime.GOOS, runtime.GOARCH},
		"this machine's platform has no release archive")
	entries := readArchive(t, filepath.Join(dist, archiveName(version, runtime.GOOS, runtime.GOARCH)))
	bin := filepath.Join(t.TempDir(), "pulumi-resource-aws-identity")
	require.NoError(t, os.WriteFile(bin, entries["pulumi-resource-aws-identity"].data, 0o755))

	out, err := exec.Command(bin, "--version").Output()
	require.NoError(t, err)
	assert.Equal(t, version+"\n", string(out), "--version")

	// Built as .goreleaser.yml says: stripped, -trimpath, and grpc without
	// golang.org/x/net/trace (the tag keeps the binary under 40 MB).
	info, err := buildinfo.ReadFile(bin)
	require.NoError(t, err)
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	assert.Equal(t, "grpcnotrace", settings["-tags"], "build tags")
	assert.Equal(t, "true", settings["-trimpath"], "-trimpath")
	// Go records no -ldflags under -trimpath; stripped (-s) means no
	// symbol table.
	if runtime.GOOS == "linux" {
		exe, err := elf.Open(bin)
		require.NoError(t, err)
		defer func() { _ = exe.Close() }()
		assert.Nil(t, exe.Section(".symtab"), "stripped: no symbol table")
	}
	assert.NotContains(t, string(entries["pulumi-resource-aws-identity"].data), "golang.org/x/net/trace.",
		"the grpcnotrace tag leaves x/net/trace out")

	proc, err := bench.Launch(bin, append(os.Environ(), "AWS_EC2_METADATA_DISABLED=true"))
	require.NoError(t, err)
	defer proc.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	plugin, err := proc.Client.RPC.GetPluginInfo(ctx, &emptypb.Empty{})
	require.NoError(t, err)
	assert.Equal(t, version, plugin.GetVersion(), "GetPluginInfo")
}

// Each SDK package in dist/ carries the release's version and the schema's
// pluginDownloadURL as its SDK folder does.
func TestDistSDKPackages(t *testing.T) {
	dist := distDir(t)
	version := releaseVersion(t)
	server := readSchema(t).PluginDownloadURL

	t.Run("npm", func(t *testing.T) {
		entries := readArchive(t, filepath.Join(dist, "seed-83d379c3-aws-identity-"+version+".tgz"))
		var pkg struct {
			Name    string     `json:"name"`
			Version string     `json:"version"`
			Pulumi  pluginJSON `json:"pulumi"`
		}
		require.NoError(t, json.Unmarshal(entries["package/package.json"].data, &pkg))
		assert.Equal(t, "@seed-83d379c3/aws-identity", pkg.Name)
		assert.Equal(t, version, pkg.Version)
		checkPlugin(t, "npm package.json pulumi", pkg.Pulumi, version, server)
		for _, f := range []string{"package/index.js", "package/index.d.ts", "package/LICENSE", "package/README.md"} {
			assert.Contains(t, entries, f)
		}
	})
	t.Run("wheel", func(t *testing.T) {
		files := readZip(t, filepath.Join(dist, "pulumi_aws_identity-"+version+"-py3-none-any.whl"))
		var p pluginJSON
		require.NoError(t, json.Unmarshal(files["pulumi_aws_identity/pulumi-plugin.json"], &p))
		checkPlugin(t, "wheel pulumi-plugin.json", p, version, server)
		assert.Contains(t, string(files["pulumi_aws_identity-"+version+".dist-info/METADATA"]), "\nVersion: "+version+"\n")
	})
	t.Run("sdist", func(t *testing.T) {
		entries := readArchive(t, filepath.Join(dist, "pulumi_aws_identity-"+version+".tar.gz"))
		data := entries["pulumi_aws_identity-"+version+"/pulumi_aws_identity/pulumi-plugin.json"].data
		var p pluginJSON
		require.NoError(t, json.Unmarshal(data, &p), "sdist pulumi-plugin.json")
		checkPlugin(t, "sdist pulumi-plugin.json", p, version, server)
	})
	t.Run("maven", func(t *testing.T) {
		dir := filepath.Join(dist, "maven", "com", "seed83d379c3", "aws-identity", version)
		pom, err := os.ReadFile(filepath.Join(dir, "aws-identity-"+version+".pom"))
		require.NoError(t, err)
		assert.Contains(t, string(pom), "<version>"+version+"</version>")
		files := readZip(t, filepath.Join(dir, "aws-identity-"+version+".jar"))
		var p pluginJSON
		require.NoError(t, json.Unmarshal(files["com/seed83d379c3/aws-identity/plugin.json"], &p))
		checkPlugin(t, "jar plugin.json", p, version, server)
		assert.Equal(t, version, string(bytes.TrimSpace(files["com/seed83d379c3/aws-identity/version.txt"])))
	})
	t.Run("go module", func(t *testing.T) {
		dir := filepath.Join(dist, "goproxy", "github.com", "seed-83d379c3", "pulumi-aws-identity", "sdk", "@v")
		list, err := os.ReadFile(filepath.Join(dir, "list"))
		require.NoError(t, err)
		assert.Equal(t, "v"+version+"\n", string(list))
		prefix := "github.com/seed-83d379c3/pulumi-aws-identity/sdk@v" + version + "/"
		files := readZip(t, filepath.Join(dir, "v"+version+".zip"))
		var p pluginJSON
		require.NoError(t, json.Unmarshal(files[prefix+"go/awsidentity/pulumi-plugin.json"], &p))
		checkPlugin(t, "Go module pulumi-plugin.json", p, version, server)
		mod, err := os.ReadFile(filepath.Join(dir, "v"+version+".mod"))
		require.NoError(t, err)
		assert.Equal(t, string(mod), string(files[prefix+"go.mod"]), "the .mod file is the zip's go.mod")
	})
}

func readZip(t *testing.T, path string) map[string][]byte {
	t.Helper()
	zr, err := zip.OpenReader(path)
	require.NoError(t, err)
	defer func() { _ = zr.Close() }()
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		require.NoError(t, err)
		data, err := io.ReadAll(rc)
		_ = rc.Close()
		require.NoError(t, err)
		files[f.Name] = data
	}
	return files
}

// .goreleaser.yml builds the six platforms a release has archives for (make
// dist builds them all; make test's dist-host narrows its goos and goarch
// lists to this machine's, and TestDistArchives checks what that gave).
func TestGoreleaserPlatforms(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), ".goreleaser.yml"))
	require.NoError(t, err)
	list := func(key string) []string {
		m := regexp.MustCompile(`(?m)^    `+key+`: \[(.*)\]$`).FindAllSubmatch(data, -1)
		require.Len(t, m, 1, ".goreleaser.yml: one %s list", key)
		return strings.Split(strings.ReplaceAll(string(m[0][1]), " ", ""), ",")
	}
	var got []platform
	for _, goos := range list("goos") {
		for _, arch := range list("goarch") {
			got = append(got, platform{goos, arch})
		}
	}
	assert.ElementsMatch(t, platforms, got)
}
