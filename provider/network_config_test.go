package provider_test

import (
	"encoding/pem"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// customCaBundle: an HTTPS endpoint signed by a CA the system does not trust
// is refused, and accepted with that CA's bundle.
func TestCustomCABundle(t *testing.T) {
	moto := testenv.StartMoto(t)
	target, err := url.Parse(moto.Endpoint)
	require.NoError(t, err)
	tlsMoto := httptest.NewTLSServer(httputil.NewSingleHostReverseProxy(target)) // a test CA's certificate, on 127.0.0.1
	t.Cleanup(tlsMoto.Close)
	bundle := writeFile(t, "ca.pem", string(pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE",
		Bytes: tlsMoto.Certificate().Raw})))

	s := newServer(t, endpointConfig(tlsMoto.URL).Set("maxRetries", property.New(0.0)))
	_, err = invoke(s, callerIdentity, nil)
	require.Error(t, err, "an endpoint signed by an unknown CA was trusted")
	assert.Contains(t, err.Error(), "certificate")

	assert.Equal(t, "arn:aws:sts::123456789012:user/moto",
		callerArn(t, endpointConfig(tlsMoto.URL).Set("customCaBundle", str(bundle))))
}

// proxy records where requests through it were meant to go. Plain HTTP
// requests are passed on to moto; HTTPS tunnels (CONNECT) are refused after
// being recorded, so nothing leaves the machine.
type proxy struct {
	URL   string
	mu    sync.Mutex
	hosts []string
}

func startProxy(t *testing.T, moto string) *proxy {
	target, err := url.Parse(moto)
	require.NoError(t, err)
	forward := httputil.NewSingleHostReverseProxy(target)
	p := &proxy{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p.mu.Lock()
		p.hosts = append(p.hosts, r.Host)
		p.mu.Unlock()
		if r.Method == http.MethodConnect {
			http.Error(w, "tunnels are refused in tests", http.StatusForbidden)
			return
		}
		forward.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	p.URL = srv.URL
	return p
}

func (p *proxy) seen() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.hosts...)
}

// httpProxy carries http:// requests; httpsProxy carries https:// ones, to
// the endpoint that useFipsEndpoint and useDualstackEndpoint choose.
func TestProxyAndEndpointVariants(t *testing.T) {
	moto := testenv.StartMoto(t)
	keys := func() property.Map {
		return property.NewMap(map[string]property.Value{"region": str("us-east-1"), "maxRetries": property.New(0.0),
			"accessKey": str("testing"), "secretKey": str("testing").WithSecret(true)})
	}

	t.Run("httpProxy", func(t *testing.T) {
		p := startProxy(t, moto.Endpoint)
		// Not a loopback name: Go never sends loopback requests through a proxy.
		cfg := keys().Set("httpProxy", str(p.URL)).
			Set("endpoints", property.New(map[string]property.Value{"sts": str("http://sts.proxied.test:4566")}))
		assert.Equal(t, "arn:aws:sts::123456789012:user/moto", callerArn(t, cfg))
		assert.Equal(t, []string{"sts.proxied.test:4566"}, p.seen())
	})

	for name, tc := range map[string]struct {
		setting string
		host    string
	}{
		"AWS's endpoint":       {host: "sts.us-east-1.amazonaws.com:443"},
		"useFipsEndpoint":      {setting: "useFipsEndpoint", host: "sts-fips.us-east-1.amazonaws.com:443"},
		"useDualstackEndpoint": {setting: "useDualstackEndpoint", host: "sts.us-east-1.api.aws:443"},
	} {
		t.Run("httpsProxy, "+name, func(t *testing.T) {
			p := startProxy(t, moto.Endpoint)
			cfg := keys().Set("httpsProxy", str(p.URL))
			if tc.setting != "" {
				cfg = cfg.Set(tc.setting, property.New(true))
			}
			s := newServer(t, cfg)
			_, err := invoke(s, callerIdentity, nil)
			require.Error(t, err, "the proxy refuses every tunnel")
			assert.Equal(t, []string{tc.host}, p.seen())
			assert.True(t, strings.Contains(err.Error(), "could not reach https://"+strings.TrimSuffix(tc.host, ":443")),
				err.Error())
		})
	}
}
