package session

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"math/big"
	"net/http"
	"net/url"
	"os"
	"sync"
	"time"
)

// caBundleLimit bounds a CA bundle file: the system's whole bundle is a few
// hundred KiB.
const caBundleLimit = 8 << 20

// caBundle is the CA bundle that customCaBundle or AWS_CA_BUNDLE names,
// read and parsed when the first TLS connection needs it, not before.
//
// Parsing a system-sized bundle (about 150 certificates) took about 40 % of
// the CPU of a provider's first call, and most runs against a local endpoint
// make no TLS connection at all (bench/README.md has the profile). The AWS
// SDK would parse it while loading the configuration; here the transport's
// root pool stays empty until a request needs TLS.
type caBundle struct {
	path, setting string

	pool *x509.CertPool // every transport's RootCAs; filled once, by load
	once sync.Once
	err  error
}

// newCABundle returns the bundle the settings name (customCaBundle first,
// then AWS_CA_BUNDLE, as in the AWS CLI), or nil when neither does.
func newCABundle(st Settings) *caBundle {
	switch {
	case st.CustomCABundle != "":
		return &caBundle{path: st.CustomCABundle, setting: "customCaBundle", pool: x509.NewCertPool()}
	case os.Getenv("AWS_CA_BUNDLE") != "":
		return &caBundle{path: os.Getenv("AWS_CA_BUNDLE"), setting: "AWS_CA_BUNDLE", pool: x509.NewCertPool()}
	}
	return nil
}

// install makes a transport trust the bundle. Every request passes through
// the transport's Proxy function before it connects, so that is where the
// bundle is loaded, when the request or its proxy is https. Copies of the
// transport (the SDK makes one per client) keep the function and share the
// pool.
func (b *caBundle) install(tr *http.Transport) {
	if tr.TLSClientConfig == nil {
		tr.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
	}
	tr.TLSClientConfig.RootCAs = b.pool
	next := tr.Proxy
	tr.Proxy = func(req *http.Request) (*url.URL, error) {
		var proxy *url.URL
		if next != nil {
			var err error
			if proxy, err = next(req); err != nil {
				return nil, err
			}
		}
		if req.URL.Scheme == "https" || (proxy != nil && proxy.Scheme == "https") {
			// Not the request's cancellation: what load finds is kept for
			// every later request. The read has a deadline of its own.
			if err := b.load(context.WithoutCancel(req.Context())); err != nil {
				return nil, err
			}
		}
		return proxy, nil
	}
}

// CheckCABundle says what is wrong with the CA bundle at path, for the
// configuration's check, or nil: it reads the file within the bounds the
// first TLS connection does (a regular file of at most 8 MiB, within 10 s)
// and looks for a PEM certificate. The message leaves the setting's name to
// the check.
func CheckCABundle(ctx context.Context, path string) error {
	data, err := readSettingFile(ctx, path, "", caBundleLimit)
	if err != nil {
		return err
	}
	for block, rest := pem.Decode(data); block != nil; block, rest = pem.Decode(rest) {
		if block.Type == "CERTIFICATE" {
			return nil
		}
	}
	return fileError(path, "", noCertificate, nil)
}

const noCertificate = "holds no PEM certificate (-----BEGIN CERTIFICATE-----)"

// load reads and parses the bundle once. A bundle that cannot be used fails
// every request that needs TLS with the same error, which no retry changes.
func (b *caBundle) load(ctx context.Context) error {
	b.once.Do(func() {
		pemCerts, err := readSettingFile(ctx, b.path, b.setting, caBundleLimit)
		if err == nil && !b.pool.AppendCertsFromPEM(pemCerts) {
			err = fileError(b.path, b.setting, noCertificate, nil)
		}
		if err != nil {
			b.err = notRetried{err}
		}
	})
	return b.err
}

// notRetried marks an error the SDK's retryer must not retry.
type notRetried struct{ error }

func (notRetried) RetryableError() bool { return false }
func (e notRetried) Unwrap() error      { return e.error }

// inertCertificate is a PEM certificate that vouches for nothing: its key is
// thrown away as soon as it is signed, it expired in 1970, and it may only
// sign names under .invalid.
//
// It is what the AWS SDK is handed as "the" CA bundle when one is set. Given
// none, LoadDefaultConfig reads and parses AWS_CA_BUNDLE itself, at once and
// with no bound on the file; given one, it parses that instead, and it
// refuses a bundle with no certificate. The real bundle is added to the same
// pool by load.
var inertCertificate = sync.OnceValues(func() ([]byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber:                big.NewInt(1),
		Subject:                     pkix.Name{CommonName: "aws-identity placeholder; trusts nothing"},
		NotBefore:                   time.Unix(0, 0),
		NotAfter:                    time.Unix(1, 0),
		IsCA:                        true,
		BasicConstraintsValid:       true,
		KeyUsage:                    x509.KeyUsageCertSign,
		PermittedDNSDomainsCritical: true,
		PermittedDNSDomains:         []string{"invalid"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, fmt.Errorf("making the placeholder CA certificate: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), nil
})

// inertBundle is inertCertificate as the SDK's CustomCABundle reader.
func inertBundle() (*bytes.Reader, error) {
	c, err := inertCertificate()
	if err != nil {
		return nil, err
	}
	return bytes.NewReader(c), nil
}
