package release

import (
	"os"
	"os/exec"
	"path/filepath"
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
	run := func(t *testing.T, needGB string) (out, cache, mod string) {
		dir := t.TempDir()
		cache, mod = filepath.Join(dir, "go-build"), filepath.Join(dir, "mod")
		require.NoError(t, os.MkdirAll(filepath.Join(cache, "ab"), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(cache, "ab", "abcd-d"), []byte("entry"), 0o644))
		require.NoError(t, os.MkdirAll(filepath.Join(mod, "cache", "download", "example.com"), 0o755))
		require.NoError(t, os.WriteFile(filepath.Join(mod, "cache", "download", "example.com", "list"), []byte("v1.0.0\n"), 0o644))
		cmd := exec.Command(filepath.Join(root, "scripts", "make-room.sh"))
		cmd.Env = append(os.Environ(), "GOCACHE="+cache, "GOMODCACHE="+mod, "GOFLAGS=", "CI_DISK_NEED_GB="+needGB)
		b, err := cmd.CombinedOutput()
		require.NoError(t, err, "%s", b)
		return string(b), cache, mod
	}

	t.Run("enough free: nothing emptied, nothing said", func(t *testing.T) {
		out, cache, mod := run(t, "0")
		assert.Empty(t, out)
		assert.FileExists(t, filepath.Join(cache, "ab", "abcd-d"))
		assert.FileExists(t, filepath.Join(mod, "cache", "download", "example.com", "list"))
	})

	t.Run("too little free: both caches emptied, and said so", func(t *testing.T) {
		out, cache, mod := run(t, "100000000") // 100 PB: more than any disk here
		assert.Contains(t, out, "emptying Go's build cache ("+cache+")")
		assert.Contains(t, out, "emptying Go's module cache ("+mod+")")
		assert.Contains(t, out, `the run may fail with "no space left on device"`)
		assert.NoFileExists(t, filepath.Join(cache, "ab", "abcd-d"))
		assert.NoDirExists(t, filepath.Join(mod, "cache"))
	})
}
