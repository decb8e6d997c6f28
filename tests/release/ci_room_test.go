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

// scripts/make-room.sh, which .ci/run calls before make test, empties Go's
// build cache and then its module cache only when less disk is free than a
// run needs, and leaves them alone otherwise. The caches here are throwaway
// folders: GOCACHE and GOMODCACHE are set for the script, so the machine's
// own are never touched.
func TestMakeRoom(t *testing.T) {
	root := testenv.RepoRoot(t)
	run := func(t *testing.T, needGB string) (out, cache, mod string, err error) {
		dir := t.TempDir()
		cache, mod = filepath.Join(dir, "go-build"), filepath.Join(dir, "mod")
		require.NoError(t, os.MkdirAll(filepath.Join(cache, "ab"), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(cache, "ab", "abcd-d"), []byte("entry"), 0o644))
		require.NoError(t, os.MkdirAll(filepath.Join(mod, "cache", "download", "example.com"), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(mod, "cache", "download", "example.com", "list"), []byte("v1.0.0\n"), 0o644))
		cmd := exec.Command(filepath.Join(root, "scripts", "make-room.sh"))
		cmd.Env = append(os.Environ(), "GOCACHE="+cache, "GOMODCACHE="+mod, "GOFLAGS=", "CI_DISK_NEED_GB="+needGB)
		b, err := cmd.CombinedOutput()
		return string(b), cache, mod, err
	}
	untouched := func(t *testing.T, cache, mod string) {
		assert.FileExists(t, filepath.Join(cache, "ab", "abcd-d"))
		assert.FileExists(t, filepath.Join(mod, "cache", "download", "example.com", "list"))
	}

	t.Run("enough free: nothing emptied, nothing said", func(t *testing.T) {
		out, cache, mod, err := run(t, "0")
		require.NoError(t, err, out)
		assert.Empty(t, out)
		untouched(t, cache, mod)
	})

	// As bash arithmetic, "abc" stopped the script (set -u) and "12GB" and
	// "-1" emptied the caches with room to spare; the setting is refused by
	// name instead, and not echoed.
	for _, bad := range []string{"12GB", "abc", "-1", "1e3", "9999999999", "12 && rm -rf /tmp/x", "canary-secret-value"} {
		t.Run("malformed CI_DISK_NEED_GB "+bad, func(t *testing.T) {
			out, cache, mod, err := run(t, bad)
			require.Error(t, err, out)
			assert.Equal(t, "make-room: CI_DISK_NEED_GB must be a whole number of GB (1 to 9 digits)\n", out)
			untouched(t, cache, mod)
		})
	}

	t.Run("too little free: both caches emptied, and said so", func(t *testing.T) {
		out, cache, mod, err := run(t, "100000000") // 100 PB: more than any disk here
		require.NoError(t, err, out)
		assert.Contains(t, out, "emptying Go's build cache ("+cache+")")
		assert.Contains(t, out, "emptying Go's module cache ("+mod+")")
		assert.Contains(t, out, `the run may fail with "no space left on device"`)
		assert.NoFileExists(t, filepath.Join(cache, "ab", "abcd-d"))
		assert.NoDirExists(t, filepath.Join(mod, "cache"))
	})
}

// scripts/disk-report.sh, which .ci/run runs before and after make test,
// never stops the run: not even with HOME unset (set -u once aborted it),
// nor with TMPDIR naming nothing.
func TestDiskReportNeverFails(t *testing.T) {
	root := testenv.RepoRoot(t)
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "HOME=") && !strings.HasPrefix(kv, "TMPDIR=") {
			env = append(env, kv)
		}
	}
	cmd := exec.Command(filepath.Join(root, "scripts", "disk-report.sh"), "hostile")
	cmd.Env = append(env, "TMPDIR="+filepath.Join(t.TempDir(), "gone"))
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Contains(t, string(out), "=== disk (hostile): ")
	assert.Contains(t, string(out), "where the checkout is")
}
