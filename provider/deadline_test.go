package provider_test

import (
	"net/http"
	"net/http/httptest"
	"os"
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

// A credential_process that takes far longer than the call may (here 20 s;
// the SDK itself would wait up to a minute): the call that needs its
// credentials ends at its own deadline, one call budget (with
// requestTimeoutSeconds 1 and maxRetries 0: 1 s of request and 5 s more),
// whatever a step under it waits for.
func TestCallDeadlineBoundsTheCredentialChain(t *testing.T) {
	process := writeFile(t, "slow.sh", "#!/bin/sh\nsleep 20\n")
	require.NoError(t, os.Chmod(process, 0o700))
	config := writeFile(t, "config", "[profile slow]\ncredential_process = "+process+"\n")
	cfg := property.NewMap(map[string]property.Value{"requestTimeoutSeconds": num(1), "maxRetries": num(0),
		"profile": str("slow"), "sharedConfigFiles": property.New([]property.Value{str(config)}),
		"region": str("us-east-1"), "endpoints": property.New(map[string]property.Value{"sts": str("http://127.0.0.1:1")})})
	for _, fn := range []string{callerIdentity, getCredentials, sessionContext} {
		t.Run(fn, func(t *testing.T) {
			s := newServer(t, cfg)
			args := map[string]property.Value{}
			if fn == sessionContext {
				args["arn"] = str("arn:aws:sts::123456789012:assumed-role/Deployer/s")
			}
			start := time.Now()
			done := make(chan error, 1)
			go func() {
				_, err := invokeAll(s, fn, args)
				done <- err
			}()
			select {
			case err := <-done:
				require.Error(t, err)
				elapsed := time.Since(start)
				assert.Less(t, elapsed, 10*time.Second)
				assert.Greater(t, elapsed, 5*time.Second, "the budget, not something shorter")
				assert.Contains(t, err.Error(), `getting credentials from the credential_process `+process+` of profile "slow" did not finish within 6s, the time one AWS call may take`)
				t.Log(elapsed, err)
			case <-time.After(18 * time.Second):
				t.Fatalf("%s still waiting for the credential_process after 18s", fn)
			}
		})
	}
}
