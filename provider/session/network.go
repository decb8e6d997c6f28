package session

import (
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"strings"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"golang.org/x/net/http/httpproxy"
)

// Proxy is where HTTP and HTTPS requests go through. An empty field falls
// back to its environment variable (HTTP_PROXY, HTTPS_PROXY, NO_PROXY), as
// in every AWS tool.
type Proxy struct {
	HTTP, HTTPS, NoProxy string
}

func (p Proxy) function() func(*http.Request) (*url.URL, error) {
	c := httpproxy.FromEnvironment()
	if p.HTTP != "" {
		c.HTTPProxy = p.HTTP
	}
	if p.HTTPS != "" {
		c.HTTPSProxy = p.HTTPS
	}
	if p.NoProxy != "" {
		c.NoProxy = p.NoProxy
	}
	proxy := c.ProxyFunc()
	return func(r *http.Request) (*url.URL, error) {
		if credentialEndpoint(r.URL) {
			return nil, nil
		}
		return proxy(r.URL)
	}
}

// awsLocalV6 holds the IPv6 addresses of the instance metadata service
// (fd00:ec2::254) and of EKS Pod Identity (fd00:ec2::23).
var awsLocalV6 = netip.MustParsePrefix("fd00:ec2::/32")

// credentialEndpoint reports whether u is the instance metadata service or
// a container credentials endpoint. Both are on the machine's own link,
// and answer with credentials: a proxy cannot reach them, and must not see
// them.
func credentialEndpoint(u *url.URL) bool {
	host := u.Hostname()
	if ip, err := netip.ParseAddr(host); err == nil {
		ip = ip.Unmap()
		if ip.IsLinkLocalUnicast() || awsLocalV6.Contains(ip) { // 169.254.0.0/16, fe80::/10
			return true
		}
	}
	for _, env := range []string{"AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_CONTAINER_CREDENTIALS_FULL_URI"} {
		if e, err := url.Parse(os.Getenv(env)); err == nil && e.Host != "" && strings.EqualFold(e.Hostname(), host) {
			return true
		}
	}
	return false
}

// httpClient is the one HTTP client of every AWS call, the credential
// chain's included: it bounds each request and goes through the proxy.
func httpClient(st Settings) *awshttp.BuildableClient {
	timeout := st.RequestTimeout
	if timeout == 0 {
		timeout = DefaultRequestTimeout
	}
	// The proxy settings, or else the environment's, but never for the
	// instance metadata service or a container credentials endpoint.
	proxy := st.Proxy.function()
	return awshttp.NewBuildableClient().WithTimeout(timeout).
		WithTransportOptions(func(tr *http.Transport) { tr.Proxy = proxy })
}
