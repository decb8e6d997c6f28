package release

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// distServer serves dist/ on 127.0.0.1, as a GitHub release serves its
// assets, and remembers every request.
type distServer struct {
	URL  string
	mu   sync.Mutex
	gets []string
}

func serveDist(t *testing.T, dist string) *distServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	s := &distServer{URL: "http://" + ln.Addr().String()}
	files := http.FileServer(http.Dir(dist))
	srv := &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s.mu.Lock()
			s.gets = append(s.gets, r.Method+" "+r.URL.Path)
			s.mu.Unlock()
			files.ServeHTTP(w, r)
		}),
		ReadHeaderTimeout: 10 * time.Second,
	}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() { _ = srv.Close() })
	return s
}

// requests returns the requests served since mark.
func (s *distServer) requests(mark int) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.gets[mark:]...)
}

func (s *distServer) mark() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.gets)
}

// user is a machine with the Pulumi CLI and the language toolchains, a fresh
// PULUMI_HOME with no plugin in it, and nothing of this project on PATH. The
// engine's downloads from the schema's pluginDownloadURL are pointed at the
// local server with PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES.
type user struct {
	dir, home, version string
	env                []string
	path               []string
	server             *distServer
	mark               int
}

func newUser(t *testing.T, server *distServer, moto *testenv.Moto) *user {
	t.Helper()
	root := testenv.RepoRoot(t)
	cli, err := filepath.EvalSymlinks(testenv.Tool(t, "pulumi"))
	require.NoError(t, err)

	// PATH: the Pulumi CLI's own folder (with the YAML host it bundles), then
	// the system's, less every folder of this repository.
	path := []string{filepath.Dir(cli)}
	for _, dir := range filepath.SplitList(os.Getenv("PATH")) {
		if abs, err := filepath.Abs(dir); err == nil && !strings.HasPrefix(abs, root+string(os.PathSeparator)) && abs != root {
			path = append(path, dir)
		}
	}
	for _, dir := range path {
		_, err := os.Stat(filepath.Join(dir, testenv.ProviderBinary))
		require.True(t, os.IsNotExist(err), "%s is on PATH in %s", testenv.ProviderBinary, dir)
	}

	dir := t.TempDir()
	u := &user{dir: dir, home: filepath.Join(dir, "pulumi-home"), version: releaseVersion(t), server: server, path: path}
	state := filepath.Join(dir, "state")
	require.NoError(t, os.MkdirAll(state, 0o755))
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if k == "PATH" || strings.HasPrefix(k, "PULUMI_") || strings.HasPrefix(k, "AWS_") {
			continue
		}
		u.env = append(u.env, kv)
	}
	u.env = append(u.env,
		"PATH="+strings.Join(path, string(os.PathListSeparator)),
		"PULUMI_HOME="+u.home,
		"PULUMI_BACKEND_URL=file://"+state,
		"PULUMI_CONFIG_PASSPHRASE="+testenv.Passphrase,
		"PULUMI_SKIP_UPDATE_CHECK=1",
		// The engine never uses a plugin found on PATH.
		"PULUMI_IGNORE_AMBIENT_PLUGINS=true",
		// Our plugin from the local server; any other download (a missing
		// pluginDownloadURL falls back to Pulumi's own server) to a closed
		// port on this machine: it fails the test, and nothing leaves.
		"PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES=^"+readSchema(t).PluginDownloadURL+"="+server.URL+
			",^https?://="+awsfault.ClosedPort(t),
	)
	u.env = append(u.env, moto.Env()...)
	u.mark = server.mark()
	return u
}

// run runs a command as the user and returns its standard output; its
// standard error goes into the failure message.
func (u *user) run(t *testing.T, dir string, extraEnv []string, name string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, u.lookPath(t, name), args...)
	cmd.Dir = dir
	cmd.Env = append(append([]string(nil), u.env...), extraEnv...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	require.NoError(t, err, "%s %s:\nstdout:\n%s\nstderr:\n%s", name, strings.Join(args, " "), stdout.String(), stderr.String())
	return stdout.String()
}

// lookPath finds a command on the user's PATH, not the test's.
func (u *user) lookPath(t *testing.T, name string) string {
	t.Helper()
	if strings.ContainsRune(name, os.PathSeparator) {
		return name
	}
	for _, dir := range u.path {
		p := filepath.Join(dir, name)
		if info, err := os.Stat(p); err == nil && !info.IsDir() && info.Mode()&0o111 != 0 {
			return p
		}
	}
	t.Fatalf("%s is not on the user's PATH %v", name, u.path)
	return ""
}

// lastLineJSON parses the JSON a program prints on its last line.
func lastLineJSON(t *testing.T, stdout string) map[string]any {
	t.Helper()
	lines := strings.Split(strings.TrimSpace(stdout), "\n")
	var out map[string]any
	require.NoError(t, json.Unmarshal([]byte(lines[len(lines)-1]), &out), "program output:\n%s", stdout)
	return out
}

// checkRun checks the program's outputs (moto's identity) and that the
// plugin it used is the one the engine downloaded from the server: one
// request for this platform's archive, and that archive's binary installed
// in the fresh PULUMI_HOME.
func (u *user) checkRun(t *testing.T, outputs map[string]any, archive []byte) {
	t.Helper()
	assert.Equal(t, testenv.MotoAccountID, outputs["accountId"], "accountId")
	assert.Equal(t, "arn:aws:sts::"+testenv.MotoAccountID+":user/moto", outputs["arn"], "arn")

	name := archiveName(u.version, runtime.GOOS, runtime.GOARCH)
	assert.Equal(t, []string{"GET /" + name}, u.server.requests(u.mark), "requests to the plugin server")

	installed, err := os.ReadFile(filepath.Join(u.home, "plugins", "resource-aws-identity-v"+u.version, testenv.ProviderBinary))
	require.NoError(t, err, "the plugin is not installed in PULUMI_HOME")
	assert.True(t, bytes.Equal(archive, installed), "the installed plugin is not the archive's binary")
}

// The release installs as a user meets it: each language's package from
// dist/, and the plugin downloaded by the engine itself.
func TestInstallFromDist(t *testing.T) {
	dist := distDir(t)
	version := releaseVersion(t)
	name := archiveName(version, runtime.GOOS, runtime.GOARCH)

	// What a user does first: check the archive against checksums.txt.
	assert.Equal(t, readChecksums(t, dist)[name], sha256File(t, filepath.Join(dist, name)), "%s: checksum", name)
	binary := readArchive(t, filepath.Join(dist, name))[testenv.ProviderBinary].data
	require.NotEmpty(t, binary)

	server := serveDist(t, dist)
	moto := testenv.StartMoto(t)
	testdata, err := filepath.Abs("testdata")
	require.NoError(t, err)

	t.Run("yaml", func(t *testing.T) {
		u := newUser(t, server, moto)
		program := filepath.Join(u.dir, "program")
		require.NoError(t, os.MkdirAll(program, 0o755))
		tmpl, err := os.ReadFile(filepath.Join(testdata, "yaml", "Pulumi.yaml.tmpl"))
		require.NoError(t, err)
		text := strings.NewReplacer("{{VERSION}}", version, "{{SERVER}}", readSchema(t).PluginDownloadURL).Replace(string(tmpl))
		require.NoError(t, os.WriteFile(filepath.Join(program, "Pulumi.yaml"), []byte(text), 0o644))
		u.run(t, program, nil, "pulumi", "stack", "init", "release")
		up := u.run(t, program, nil, "pulumi", "up", "--yes", "--skip-preview")
		t.Logf("pulumi up:\n%s", up)
		var outputs map[string]any
		require.NoError(t, json.Unmarshal([]byte(u.run(t, program, nil, "pulumi", "stack", "output", "--json")), &outputs))
		u.checkRun(t, outputs, binary)
	})

	t.Run("nodejs", func(t *testing.T) {
		u := newUser(t, server, moto)
		tarball := filepath.Join(dist, "seed-83d379c3-aws-identity-"+version+".tgz")
		pkg := fmt.Sprintf(`{"name": "release-nodejs", "private": true, "dependencies": `+
			`{"@pulumi/pulumi": "3.259.0", "@seed-83d379c3/aws-identity": "file:%s"}}`, tarball)
		require.NoError(t, os.WriteFile(filepath.Join(u.dir, "package.json"), []byte(pkg), 0o644))
		copyFile(t, filepath.Join(testdata, "nodejs", "index.js"), filepath.Join(u.dir, "index.js"))
		// npm's own cache (filled by make sdk-deps) answers for @pulumi/pulumi.
		u.run(t, u.dir, nil, "npm", "install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error")
		u.checkRun(t, lastLineJSON(t, u.run(t, u.dir, nil, "node", "index.js")), binary)
	})

	t.Run("python", func(t *testing.T) {
		u := newUser(t, server, moto)
		venv := filepath.Join(u.dir, "venv")
		u.run(t, u.dir, nil, pythonCommand(), "-m", "venv", venv)
		wheel := filepath.Join(dist, "pulumi_aws_identity-"+version+"-py3-none-any.whl")
		// pip's own cache (filled by make sdk-deps) answers for pulumi and grpcio.
		u.run(t, u.dir, nil, filepath.Join(venv, "bin", "python"), "-m", "pip", "install", "--quiet",
			"--disable-pip-version-check", wheel)
		copyFile(t, filepath.Join(testdata, "python", "main.py"), filepath.Join(u.dir, "main.py"))
		u.checkRun(t, lastLineJSON(t, u.run(t, u.dir, nil, filepath.Join(venv, "bin", "python"), "main.py")), binary)
	})

	t.Run("go", func(t *testing.T) {
		u := newUser(t, server, moto)
		root := testenv.RepoRoot(t)
		for _, f := range []string{"main.go", "go.mod"} {
			copyFile(t, filepath.Join(testdata, "go", f), filepath.Join(u.dir, f))
		}
		// The sums of the Pulumi SDK and its dependencies, as any program
		// that uses it has them (from this repository's own go.sum files), so
		// that nothing is asked of the checksum database.
		var sums []byte
		for _, f := range []string{filepath.Join(root, "sdk", "go.sum"), filepath.Join(root, "go.sum")} {
			data, err := os.ReadFile(f)
			require.NoError(t, err)
			sums = append(sums, data...)
		}
		require.NoError(t, os.WriteFile(filepath.Join(u.dir, "go.sum"), sums, 0o644))
		// Every module but ours from the module graph `make test` prepared
		// for this program (scripts/release-go-deps.sh, from the Go module
		// proxy), which holds none of ours; ours from dist/ only.
		prepared := filepath.Join(root, ".tools", "release-go-modcache", "cache", "download")
		if _, err := os.Stat(prepared); err != nil {
			t.Fatalf("%s is missing: run scripts/release-go-deps.sh (make test does): %v", prepared, err)
		}
		_, err := os.Stat(filepath.Join(prepared, "github.com", "seed-83d379c3"))
		require.True(t, os.IsNotExist(err), "the prepared module cache holds this project's modules: they must come from dist/goproxy")
		goEnv := []string{
			// Nothing from the network.
			"GOPROXY=file://" + filepath.Join(dist, "goproxy") + ",file://" + prepared + ",off",
			"GOMODCACHE=" + filepath.Join(u.dir, "gomodcache"),
			"GOFLAGS=-mod=mod -modcacherw -buildvcs=false -trimpath",
			// Not in the public checksum database until it is released.
			"GONOSUMDB=github.com/seed-83d379c3",
			// No checksum database is asked: the sums come from the
			// project's go.sum files, the modules from local folders.
			"GOSUMDB=off",
			"GOWORK=off",
		}
		u.run(t, u.dir, goEnv, "go", "get", "github.com/seed-83d379c3/pulumi-aws-identity/sdk@v"+version)
		gomod, err := os.ReadFile(filepath.Join(u.dir, "go.mod"))
		require.NoError(t, err)
		assert.NotContains(t, string(gomod), "replace")
		assert.Contains(t, string(gomod), "github.com/seed-83d379c3/pulumi-aws-identity/sdk v"+version)
		u.checkRun(t, lastLineJSON(t, u.run(t, u.dir, goEnv, "go", "run", ".")), binary)
	})

	t.Run("java", func(t *testing.T) {
		u := newUser(t, server, moto)
		root := testenv.RepoRoot(t)
		require.NoError(t, os.CopyFS(filepath.Join(u.dir, "program"), os.DirFS(filepath.Join(testdata, "java"))))
		program := filepath.Join(u.dir, "program")
		// A local repository with the Pulumi runtime and Maven's plugins
		// from the project's (filled by make sdk-deps), without this SDK:
		// Maven must fetch it from dist/maven.
		repo := filepath.Join(u.dir, "m2")
		u.run(t, u.dir, nil, "cp", "-r", filepath.Join(root, ".tools", "m2"), repo)
		require.NoError(t, os.RemoveAll(filepath.Join(repo, "com", "seed83d379c3")))
		mvn := []string{"-B", "-q", "--no-transfer-progress", "-Dstyle.color=never", "-Dmaven.repo.local=" + repo,
			"-DdistRepo=file://" + filepath.Join(dist, "maven"), "-DsdkVersion=" + version}
		cp := filepath.Join(u.dir, "classpath.txt")
		u.run(t, program, nil, "mvn", append(mvn, "compile", "dependency:build-classpath", "-Dmdep.outputFile="+cp)...)
		remote, err := os.ReadFile(filepath.Join(repo, "com", "seed83d379c3", "aws-identity", version, "_remote.repositories"))
		require.NoError(t, err)
		assert.Contains(t, string(remote), "aws-identity-"+version+".jar>dist=", "Maven resolved the SDK from dist/maven")
		classpath, err := os.ReadFile(cp)
		require.NoError(t, err)
		out := u.run(t, program, nil, "java", "-cp", filepath.Join(program, "target", "classes")+":"+strings.TrimSpace(string(classpath)), "release.App")
		u.checkRun(t, lastLineJSON(t, out), binary)
	})
}

func pythonCommand() string {
	if p := os.Getenv("PYTHON"); p != "" {
		return p
	}
	return "python3"
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(to, data, 0o644))
}
