package provider_test

import (
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A container credentials endpoint that accepts the request and never
// answers: the SDK's own client for it has no timeout and ignores
// maxRetries; the provider's applies requestTimeoutSeconds and maxRetries.
func TestContainerEndpointThatNeverAnswers(t *testing.T) {
	release := make(chan struct{})
	var requests atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	cfg := property.NewMap(map[string]property.Value{"requestTimeoutSeconds": num(1), "maxRetries": num(0)})
	s := newServer(t, cfg, "AWS_CONTAINER_CREDENTIALS_FULL_URI="+srv.URL+"/creds")

	start := time.Now()
	done := make(chan error, 1)
	go func() {
		_, err := invokeAll(s, getCredentials, nil)
		done <- err
	}()
	select {
	case err := <-done:
		require.Error(t, err)
		assert.Contains(t, err.Error(), "getting credentials from the container credentials endpoint "+srv.URL+"/creds")
		assert.Less(t, time.Since(start), 3*time.Second, "one attempt of 1 s")
		assert.EqualValues(t, 1, requests.Load(), "maxRetries: 0")
		t.Log(err)
	case <-time.After(30 * time.Second):
		t.Fatal("getCredentials still waiting for the container endpoint after 30s")
	}
}
