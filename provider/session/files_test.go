//go:build unix

package session

import (
	"context"
	"errors"
	"net"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func mkfifo(t *testing.T, dir string) string {
	t.Helper()
	p := filepath.Join(dir, "pipe")
	require.NoError(t, syscall.Mkfifo(p, 0o600))
	return p
}

func TestReadSettingFile(t *testing.T) {
	dir := t.TempDir()
	small := filepath.Join(dir, "token")
	require.NoError(t, os.WriteFile(small, []byte("eyJ.token"), 0o600))
	exact := filepath.Join(dir, "exact")
	require.NoError(t, os.WriteFile(exact, make([]byte, 64), 0o600))
	big := filepath.Join(dir, "big")
	require.NoError(t, os.WriteFile(big, make([]byte, 65), 0o600))
	// A sparse file of 1 GiB: refused from its size, never read.
	huge := filepath.Join(dir, "huge")
	f, err := os.Create(huge)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(1<<30))
	require.NoError(t, f.Close())
	sock := filepath.Join(dir, "sock")
	l, err := net.Listen("unix", sock)
	require.NoError(t, err)
	t.Cleanup(func() { _ = l.Close() })
	link := filepath.Join(dir, "link")
	require.NoError(t, os.Symlink(small, link))
	fifo := mkfifo(t, dir)
	unreadable := filepath.Join(dir, "unreadable")
	require.NoError(t, os.WriteFile(unreadable, []byte("x"), 0o000))

	tests := []struct {
		name, path string
		limit      int64
		want       string // the content, or
		err        string // the whole message
	}{
		{name: "regular file", path: small, limit: 64, want: "eyJ.token"},
		{name: "through a symlink", path: link, limit: 64, want: "eyJ.token"},
		{name: "/dev/null, the usual empty file", path: os.DevNull, limit: 64, want: ""},
		{name: "exactly the limit", path: exact, limit: 64, want: string(make([]byte, 64))},
		{name: "one byte over", path: big, limit: 64,
			err: `AWS_WEB_IDENTITY_TOKEN_FILE: the file "` + big + `" is larger than 64 bytes`},
		{name: "huge", path: huge, limit: tokenFileLimit,
			err: `AWS_WEB_IDENTITY_TOKEN_FILE: the file "` + huge + `" is larger than 1 MiB`},
		{name: "/dev/zero", path: "/dev/zero", limit: tokenFileLimit,
			err: `AWS_WEB_IDENTITY_TOKEN_FILE: the file "/dev/zero" is a device, not a regular file`},
		{name: "named pipe nobody writes", path: fifo, limit: tokenFileLimit,
			err: `AWS_WEB_IDENTITY_TOKEN_FILE: the file "` + fifo + `" is a named pipe (FIFO), not a regular file`},
		{name: "directory", path: dir, limit: tokenFileLimit,
			err: `AWS_WEB_IDENTITY_TOKEN_FILE: the file "` + dir + `" is a directory, not a regular file`},
		{name: "socket", path: sock, limit: tokenFileLimit,
			err: `AWS_WEB_IDENTITY_TOKEN_FILE: the file "` + sock + `" is a socket, not a regular file`},
		{name: "missing", path: filepath.Join(dir, "nope"), limit: tokenFileLimit,
			err: `AWS_WEB_IDENTITY_TOKEN_FILE: the file "` + filepath.Join(dir, "nope") + `" does not exist`},
	}
	if os.Geteuid() != 0 { // root reads any file
		tests = append(tests, struct {
			name, path string
			limit      int64
			want       string
			err        string
		}{name: "unreadable", path: unreadable, limit: 64,
			err: `AWS_WEB_IDENTITY_TOKEN_FILE: the file "` + unreadable + `" cannot be read: permission denied`})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := testContext(t, 5*time.Second)
			b, err := within(t, 5*time.Second, func() result {
				b, err := readSettingFile(ctx, tt.path, "AWS_WEB_IDENTITY_TOKEN_FILE", tt.limit)
				return result{b, err}
			}).get()
			if tt.err != "" {
				require.EqualError(t, err, tt.err)
				assert.Nil(t, b)
				// The same checks without reading.
				require.EqualError(t, checkSettingFile(tt.path, "AWS_WEB_IDENTITY_TOKEN_FILE", tt.limit), tt.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(b))
			require.NoError(t, checkSettingFile(tt.path, "AWS_WEB_IDENTITY_TOKEN_FILE", tt.limit))
		})
	}
}

type result struct {
	b   []byte
	err error
}

func (r result) get() ([]byte, error) { return r.b, r.err }

// A file whose size says nothing of its content (procfs, a file growing
// while it is read) is still read no further than the limit.
func TestReadSettingFileGrowsPastItsSize(t *testing.T) {
	fi, err := os.Stat("/proc/self/maps")
	require.NoError(t, err)
	require.Zero(t, fi.Size(), "procfs reports size 0")
	_, err = readSettingFile(testContext(t, 5*time.Second), "/proc/self/maps", "sharedConfigFiles", 16)
	require.EqualError(t, err, `sharedConfigFiles: the file "/proc/self/maps" is larger than 16 bytes`)
}

// A read that does not return (here a pipe opened for reading and writing,
// which blocks with no data; in life a dead network mount) ends with the
// call's deadline or cancellation.
func TestReadWithinDeadline(t *testing.T) {
	for _, cancelled := range []bool{false, true} {
		fifo := mkfifo(t, t.TempDir())
		f, err := os.OpenFile(fifo, os.O_RDWR, 0)
		require.NoError(t, err)
		ctx, cancel := context.WithTimeout(testContext(t, 5*time.Second), 200*time.Millisecond)
		if cancelled {
			cancel()
		}
		start := time.Now()
		_, err = within(t, 5*time.Second, func() result {
			b, err := readWithin(ctx, f, fifo, "customCaBundle", tokenFileLimit)
			return result{b, err}
		}).get()
		cancel()
		assert.Less(t, time.Since(start), 2*time.Second)
		if cancelled {
			require.EqualError(t, err, `customCaBundle: the file "`+fifo+`" was not read: the call was cancelled`)
			assert.True(t, errors.Is(err, context.Canceled))
			continue
		}
		require.EqualError(t, err, `customCaBundle: the file "`+fifo+`" could not be read in the time allowed `+
			`(10s, or the call's own deadline if sooner): check the file system it is on`)
		assert.True(t, errors.Is(err, context.DeadlineExceeded))
	}
}

func TestByteSize(t *testing.T) {
	for n, want := range map[int64]string{1 << 20: "1 MiB", 16 << 20: "16 MiB", 64 << 10: "64 KiB", 1000: "1000 bytes", 1: "1 byte"} {
		assert.Equal(t, want, byteSize(n))
	}
}
