package provider_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// TestConcurrency sends 200 invokes of all three functions at once to one
// provider (one shared session, clients and caches), against moto. Every
// answer must be right, and the caches must still hold: one GetCallerIdentity
// and one GetRole per role, however many callers race for them. Run it under
// the race detector: go test -race -run Concurrency ./provider/
func TestConcurrency(t *testing.T) {
	const n = 200
	moto := testenv.StartMoto(t)
	type role struct{ name, arn, id string }
	roles := make([]role, 4)
	for i := range roles {
		name := fmt.Sprintf("Racer%d", i)
		arn, id := moto.CreateRole(t, name, fmt.Sprintf("/team%d/", i))
		roles[i] = role{name, arn, id}
	}
	calls := testenv.CountCalls(t, moto.Endpoint)
	s := newServer(t, endpointConfig(calls.Endpoint))

	var wg sync.WaitGroup
	errs := make(chan error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			r := roles[(i/4)%len(roles)] // every case meets every role
			session := fmt.Sprintf("arn:aws:sts::%s:assumed-role/%s/s%d", account, r.name, i)
			check := func(ok bool, format string, args ...any) {
				if !ok {
					errs <- fmt.Errorf("call %d: "+format, append([]any{i}, args...)...)
				}
			}
			switch i % 4 {
			case 0:
				out, err := invokeAll(s, callerIdentity, nil)
				if err != nil {
					errs <- fmt.Errorf("call %d getCallerIdentity: %w", i, err)
					return
				}
				o := outputs(out)
				check(o["arn"] == "arn:aws:sts::123456789012:user/moto" && o["accountId"] == account && o["id"] == account,
					"getCallerIdentity answered %v", o)
			case 1:
				out, err := invokeAll(s, sessionContext, map[string]property.Value{"arn": str(session)})
				if err != nil {
					errs <- fmt.Errorf("call %d getSessionContext: %w", i, err)
					return
				}
				o := outputs(out)
				check(o["issuerArn"] == r.arn && o["issuerId"] == r.id && o["issuerName"] == r.name &&
					o["sessionName"] == fmt.Sprintf("s%d", i) && o["arn"] == session && o["id"] == session,
					"getSessionContext(%s) answered %v", session, o)
			case 2:
				out, err := invokeAll(s, sessionContext, map[string]property.Value{
					"arn": str(session), "lookupRole": property.New(false)})
				if err != nil {
					errs <- fmt.Errorf("call %d getSessionContext without lookup: %w", i, err)
					return
				}
				o := outputs(out)
				check(o["issuerArn"] == "arn:aws:iam::123456789012:role/"+r.name && o["issuerId"] == "" &&
					o["principalType"] == "assumed-role", "getSessionContext(%s, lookupRole: false) answered %v", session, o)
			case 3:
				name := fmt.Sprintf("race-%d", i)
				out, err := invokeAll(s, assumeRole, map[string]property.Value{
					"roleArn": str(r.arn), "roleSessionName": str(name), "durationSeconds": num(900)})
				if err != nil {
					errs <- fmt.Errorf("call %d assumeRole: %w", i, err)
					return
				}
				user := out.Get("assumedRoleUser").AsMap()
				creds := out.Get("credentials").AsMap()
				check(user.Get("arn").AsString() == fmt.Sprintf("arn:aws:sts::%s:assumed-role/%s/%s", account, r.name, name),
					"assumeRole(%s) answered user %v", r.arn, user)
				check(creds.Get("secretAccessKey").Secret() && creds.Get("sessionToken").Secret() &&
					creds.Get("secretAccessKey").AsString() != "", "assumeRole credentials not secret or empty: %v", creds)
			}
		}(i)
	}
	wg.Wait()
	close(errs)
	var failed []string
	for err := range errs {
		failed = append(failed, err.Error())
	}
	require.Empty(t, failed, "%d of %d calls went wrong", len(failed), n)

	assert.Equal(t, 1, calls.Count("GetCallerIdentity"), "the caller is asked once, however many race for it")
	assert.Equal(t, len(roles), calls.Count("GetRole"), "one lookup per role, however many race for it")
	assert.Equal(t, n/4, calls.Count("AssumeRole"))
}
