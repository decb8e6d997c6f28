package session

import (
	"context"
	"crypto/x509"
	"encoding/pem"
	"net/http/httptest"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The certificate handed to the AWS SDK in place of the real bundle vouches
// for nothing: expired since 1970, limited to .invalid, and its key is gone.
// A pool holding only it verifies no server.
func TestInertCertificate(t *testing.T) {
	data, err := inertCertificate()
	require.NoError(t, err)
	block, rest := pem.Decode(data)
	require.NotNil(t, block)
	assert.Empty(t, rest)
	c, err := x509.ParseCertificate(block.Bytes)
	require.NoError(t, err)
	assert.True(t, c.NotAfter.Before(time.Unix(86400, 0)), "expired in 1970: %s", c.NotAfter)
	assert.Equal(t, []string{"invalid"}, c.PermittedDNSDomains)
	assert.True(t, c.PermittedDNSDomainsCritical)

	srv := httptest.NewTLSServer(nil)
	defer srv.Close()
	pool := x509.NewCertPool()
	require.True(t, pool.AppendCertsFromPEM(data))
	_, err = srv.Certificate().Verify(x509.VerifyOptions{Roots: pool, DNSName: "127.0.0.1"})
	require.Error(t, err)
	_, err = c.Verify(x509.VerifyOptions{Roots: pool})
	require.Error(t, err, "not even itself: it has expired")
}

// The configuration's check reads a CA bundle within the same bounds as the
// first TLS connection: a named pipe or /dev/zero is refused at once, never
// waited on or read until the memory runs out.
func TestCheckCABundle(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "ca-pipe")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	notPEM := filepath.Join(dir, "ca.txt")
	require.NoError(t, os.WriteFile(notPEM, []byte("not a certificate\n"), 0o600))
	good := filepath.Join(dir, "ca.pem")
	srv := httptest.NewTLSServer(nil)
	defer srv.Close()
	require.NoError(t, os.WriteFile(good, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE",
		Bytes: srv.Certificate().Raw}), 0o600))

	for path, want := range map[string]string{
		fifo:        `the file "` + fifo + `" is a named pipe (FIFO), not a regular file`,
		"/dev/zero": `the file "/dev/zero" is a device, not a regular file`,
		dir:         `the file "` + dir + `" is a directory, not a regular file`,
		notPEM:      `the file "` + notPEM + `" holds no PEM certificate (-----BEGIN CERTIFICATE-----)`,
	} {
		start := time.Now()
		err := CheckCABundle(context.Background(), path)
		require.Error(t, err, path)
		assert.Equal(t, want, err.Error())
		assert.Less(t, time.Since(start), 5*time.Second, path)
	}
	assert.NoError(t, CheckCABundle(context.Background(), good))
}
