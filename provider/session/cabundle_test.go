package session

import (
	"crypto/x509"
	"encoding/pem"
	"net/http/httptest"
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
