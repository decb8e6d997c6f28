package testenv

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"regexp"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// Counter is a reverse proxy on 127.0.0.1 in front of an AWS endpoint that
// counts the API calls (the query protocol's Action) passing through it, so
// tests and benchmarks can prove how many calls reached AWS.
type Counter struct {
	Endpoint string

	mu      sync.Mutex
	counts  map[string]int
	regions map[string][]string
}

// signedRegion is the region in a SigV4 Authorization header's scope.
var signedRegion = regexp.MustCompile(`Credential=[^/]+/[0-9]+/([^/]+)/`)

// CountCalls starts a counting proxy to target, stopped at the end of the test.
func CountCalls(t testing.TB, target string) *Counter {
	t.Helper()
	u, err := url.Parse(target)
	require.NoError(t, err)
	c := &Counter{counts: map[string]int{}, regions: map[string][]string{}}
	proxy := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		r.Body = io.NopCloser(bytes.NewReader(body))
		if form, err := url.ParseQuery(string(body)); err == nil {
			c.mu.Lock()
			c.counts[form.Get("Action")]++
			if m := signedRegion.FindStringSubmatch(r.Header.Get("Authorization")); m != nil {
				c.regions[form.Get("Action")] = append(c.regions[form.Get("Action")], m[1])
			}
			c.mu.Unlock()
		}
		proxy.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)
	c.Endpoint = srv.URL
	return c
}

// Count is how many calls of action (such as "GetRole") went through.
func (c *Counter) Count(action string) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.counts[action]
}

// Regions are the regions the calls of action were signed for.
func (c *Counter) Regions(action string) []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.regions[action]...)
}

// Total is how many calls of any action went through.
func (c *Counter) Total() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	n := 0
	for _, v := range c.counts {
		n += v
	}
	return n
}

// Reset forgets the counts.
func (c *Counter) Reset() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.counts = map[string]int{}
	c.regions = map[string][]string{}
}
