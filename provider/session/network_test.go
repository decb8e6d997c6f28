package session

import (
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProxyChoosesByScheme(t *testing.T) {
	for _, v := range []string{"HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"} {
		t.Setenv(v, "")
	}
	t.Setenv("HTTPS_PROXY", "http://env-proxy:3128")
	p := Proxy{HTTP: "http://plain-proxy:8080", NoProxy: "internal.example,10.0.0.0/8"}.function()
	for target, want := range map[string]string{
		"http://sts.example:4566/":            "http://plain-proxy:8080",
		"https://sts.us-east-1.amazonaws.com": "http://env-proxy:3128", // httpsProxy unset: HTTPS_PROXY
		"https://sts.internal.example/":       "",                      // noProxy domain
		"http://10.1.2.3:4566/":               "",                      // noProxy range
		"http://127.0.0.1:4566/":              "",                      // loopback: always direct
	} {
		req, err := http.NewRequest(http.MethodPost, target, nil)
		require.NoError(t, err)
		got, err := p(req)
		require.NoError(t, err)
		if want == "" {
			assert.Nil(t, got, target)
		} else if assert.NotNil(t, got, target) {
			assert.Equal(t, want, got.String(), target)
		}
	}
}

// The instance metadata service and the container credentials endpoints
// are reached directly, whatever the proxy settings and environment say:
// they are on the machine's own link, and answer with credentials.
func TestCredentialEndpointsBypassTheProxy(t *testing.T) {
	for _, v := range []string{"HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy"} {
		t.Setenv(v, "")
	}
	t.Setenv("HTTP_PROXY", "http://env-proxy:3128")
	t.Setenv("HTTPS_PROXY", "http://env-proxy:3128")
	t.Setenv("AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://metadata.internal:1338/")
	t.Setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "https://creds.cluster.internal:8443/v1/credentials")
	for name, st := range map[string]Settings{
		"httpProxy and httpsProxy":   {Proxy: Proxy{HTTP: "http://env-proxy:3128", HTTPS: "http://env-proxy:3128"}},
		"HTTP_PROXY and HTTPS_PROXY": {},
	} {
		t.Run(name, func(t *testing.T) {
			// The transport that every AWS call, the credential chain's
			// included, is made with.
			tr := httpClient(st).GetTransport()
			for target, proxied := range map[string]bool{
				"http://169.254.169.254/latest/api/token":            false, // IMDS
				"http://[fd00:ec2::254]/latest/api/token":            false, // IMDS, IPv6
				"http://169.254.170.2/v2/credentials/abc":            false, // ECS
				"http://169.254.170.23/v1/credentials":               false, // EKS Pod Identity
				"http://[fd00:ec2::23]/v1/credentials":               false, // EKS Pod Identity, IPv6
				"http://metadata.internal:1338/latest/api/token":     false, // AWS_EC2_METADATA_SERVICE_ENDPOINT
				"https://creds.cluster.internal:8443/v1/credentials": false, // AWS_CONTAINER_CREDENTIALS_FULL_URI
				"https://sts.us-east-1.amazonaws.com/":               true,
				"http://sts.example:4566/":                           true,
				"http://169.255.1.1/":                                true,
			} {
				req, err := http.NewRequest(http.MethodGet, target, nil)
				require.NoError(t, err)
				got, err := tr.Proxy(req)
				require.NoError(t, err)
				if proxied {
					if assert.NotNil(t, got, target) {
						assert.Equal(t, "http://env-proxy:3128", got.String(), target)
					}
				} else {
					assert.Nil(t, got, target)
				}
			}
		})
	}
}
