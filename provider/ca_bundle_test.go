package provider_test

import (
	"encoding/pem"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// tlsMoto is moto behind a TLS server on 127.0.0.1 whose certificate comes
// from a test CA the system does not trust; bundle is that CA's PEM file.
func tlsMoto(t *testing.T) (endpoint, bundle string) {
	moto := testenv.StartMoto(t)
	target, err := url.Parse(moto.Endpoint)
	require.NoError(t, err)
	srv := httptest.NewTLSServer(httputil.NewSingleHostReverseProxy(target))
	t.Cleanup(srv.Close)
	return srv.URL, writeFile(t, "ca.pem", string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE",
		Bytes: srv.Certificate().Raw})))
}

// within fails the test if call has not returned after limit: a bundle that
// is a pipe must not hang the provider.
func within(t *testing.T, limit time.Duration, call func() error) error {
	t.Helper()
	done := make(chan error, 1)
	go func() { done <- call() }()
	select {
	case err := <-done:
		return err
	case <-time.After(limit):
		t.Fatalf("still waiting after %s", limit)
		return nil
	}
}

// AWS_CA_BUNDLE is read by the provider, bounded, on the first TLS
// connection: a valid bundle is trusted, and every bundle that cannot be
// used fails the call at once with a message naming AWS_CA_BUNDLE. (A
// customCaBundle that is not a readable PEM file is refused by the
// configuration's own check before any call.)
func TestCABundleFiles(t *testing.T) {
	endpoint, bundle := tlsMoto(t)
	dir := t.TempDir()
	fifo := filepath.Join(dir, "pipe")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	notPEM := writeFile(t, "not.pem", "this is not a certificate\n")
	cfg := func() property.Map { return endpointConfig(endpoint).Set("maxRetries", property.New(0.0)) }

	t.Run("valid, from AWS_CA_BUNDLE", func(t *testing.T) {
		assert.Equal(t, "arn:aws:sts::123456789012:user/moto", callerArn(t, cfg(), "AWS_CA_BUNDLE="+bundle))
	})
	t.Run("valid, customCaBundle over AWS_CA_BUNDLE", func(t *testing.T) {
		assert.Equal(t, "arn:aws:sts::123456789012:user/moto",
			callerArn(t, cfg().Set("customCaBundle", str(bundle)), "AWS_CA_BUNDLE="+notPEM))
	})
	for _, tc := range []struct{ name, path, problem string }{
		{"named pipe", fifo, "is a named pipe (FIFO), not a regular file"},
		{"/dev/zero", "/dev/zero", "is a device, not a regular file"},
		{"directory", dir, "is a directory, not a regular file"},
		{"not PEM", notPEM, "holds no PEM certificate (-----BEGIN CERTIFICATE-----)"},
		{"missing", filepath.Join(dir, "none.pem"), "does not exist"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			err := callerError(t, cfg(), 20*time.Second, "AWS_CA_BUNDLE="+tc.path)
			require.Error(t, err)
			assert.Equal(t, `AWS_CA_BUNDLE: the file "`+tc.path+`" `+tc.problem, err.Error())
			assert.Less(t, time.Since(start), 5*time.Second, "an unusable bundle is not retried")
		})
	}
}

// A run whose endpoints are all plain http never opens the bundle: a named
// pipe there would hang or fail the call if anything read it.
func TestCABundleNotReadWithoutTLS(t *testing.T) {
	moto := testenv.StartMoto(t)
	fifo := filepath.Join(t.TempDir(), "pipe")
	require.NoError(t, syscall.Mkfifo(fifo, 0o600))
	s := newServer(t, endpointConfig(moto.Endpoint), "AWS_CA_BUNDLE="+fifo)
	err := within(t, 20*time.Second, func() error {
		out, err := invoke(s, callerIdentity, nil)
		if err == nil {
			assert.Equal(t, "arn:aws:sts::123456789012:user/moto", out.Get("arn").AsString())
		}
		return err
	})
	require.NoError(t, err)
	_, err = os.Stat(fifo)
	require.NoError(t, err)
}
