package session

import (
	"net/http"
	"net/url"

	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"golang.org/x/net/http/httpproxy"
)

// Proxy is where HTTP and HTTPS requests go through. An empty field falls
// back to its environment variable (HTTP_PROXY, HTTPS_PROXY, NO_PROXY), as
// in every AWS tool.
type Proxy struct {
	HTTP, HTTPS, NoProxy string
}

func (p Proxy) set() bool { return p.HTTP != "" || p.HTTPS != "" || p.NoProxy != "" }

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
	return func(r *http.Request) (*url.URL, error) { return proxy(r.URL) }
}

// httpClient is the one HTTP client of every AWS call, the credential
// chain's included: it bounds each request and goes through the proxy.
func httpClient(st Settings) *awshttp.BuildableClient {
	timeout := st.RequestTimeout
	if timeout == 0 {
		timeout = DefaultRequestTimeout
	}
	c := awshttp.NewBuildableClient().WithTimeout(timeout)
	if st.Proxy.set() {
		proxy := st.Proxy.function()
		c = c.WithTransportOptions(func(tr *http.Transport) { tr.Proxy = proxy })
	}
	return c
}
