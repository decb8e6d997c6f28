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
