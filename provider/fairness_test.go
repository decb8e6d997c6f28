package provider_test

import (
	"sync"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
)

// Two getSessionContext calls for the same new role, one with a short
// lookupTimeoutSeconds, the other with a long one, share one lookup; the
// patient one is not cut short by the first caller's timeout. IAM finds the
// role on the fifth GetRole, about 3.75 s in (pauses of 0.25, 0.5, 1, 2 s).
func TestSessionContextSharedLookupKeepsEachCallersTimeout(t *testing.T) {
	aws := awsfault.Start(t)
	aws.On("GetRole", awsfault.NoSuchEntity("Fresh").Times(4), awsfault.OK())
	s := newServer(t, faultConfig(aws.URL, nil))
	arn := "arn:aws:sts::" + awsfault.Account + ":assumed-role/Fresh/ci"

	var wg sync.WaitGroup
	errs := make([]error, 2)
	for i, wait := range []float64{1, 8} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = invokeAll(s, sessionContext, map[string]property.Value{
				"arn": str(arn), "lookupTimeoutSeconds": num(wait)})
		}()
		if i == 0 {
			time.Sleep(100 * time.Millisecond) // the impatient caller starts the lookup
		}
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("getSessionContext still running after 30s")
	}
	require.NoError(t, errs[1], "the caller willing to wait 8 s found the role")
	// The first caller's own deadline (1 s and one IAM call) had not passed:
	// it shares the answer.
	require.NoError(t, errs[0])
	assert.Equal(t, 5, aws.Calls("GetRole"), "one lookup for both callers")
}
