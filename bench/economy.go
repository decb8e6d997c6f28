package bench

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// Count is one API-call economy scenario: what reached the endpoint, and
// what must have.
type Count struct {
	Name   string
	Action string // "GetRole", "GetCallerIdentity" or "" for all calls
	Want   int
	Got    int
}

// Economy runs the API-call scenarios against f's moto through counting
// proxies, each on fresh providers (fresh caches), and returns the counts.
// Invoke errors fail tb.
func Economy(tb testing.TB, f *Fixture) []Count {
	tb.Helper()
	ctx := context.Background()
	var out []Count
	check := func(err error) {
		if err != nil {
			tb.Fatalf("economy: %v", err)
		}
	}

	// 1000 lookups over 10 distinct roles, 8 at a time, each with its own
	// session name: one GetRole per role.
	{
		calls := testenv.CountCalls(tb, f.Moto.Endpoint)
		c := f.Provider(tb, calls.Endpoint)
		check(parallel(1000, 8, func(i int) error {
			return LookUp(ctx, c, f.Roles[i%10], fmt.Sprintf("s%d", i))
		}))
		c.Close()
		out = append(out,
			Count{"1000 getSessionContext, 10 roles", "GetRole", 10, calls.Count("GetRole")},
			Count{"  same run: GetCallerIdentity", "GetCallerIdentity", 1, calls.Count("GetCallerIdentity")})
	}

	// 200 identical lookups at once on a fresh provider: one GetRole.
	{
		calls := testenv.CountCalls(tb, f.Moto.Endpoint)
		c := f.Provider(tb, calls.Endpoint)
		check(parallel(200, 200, func(int) error { return LookUp(ctx, c, f.Roles[0], "same") }))
		c.Close()
		out = append(out, Count{"200 concurrent identical getSessionContext", "GetRole", 1, calls.Count("GetRole")})
	}

	// Answers from the ARN alone: no call at all, not even GetCallerIdentity.
	{
		calls := testenv.CountCalls(tb, f.Moto.Endpoint)
		c := f.Provider(tb, calls.Endpoint)
		arns := []string{
			"arn:aws:iam::123456789012:user/alice", "arn:aws:iam::123456789012:user/division/alice",
			"arn:aws:iam::123456789012:root", "arn:aws:sts::123456789012:federated-user/bob",
			"arn:aws:iam::123456789012:role/bench/path/bench-role-000", "arn:aws:s3:::my-bucket",
		}
		check(parallel(600, 8, func(i int) error {
			_, err := c.Invoke(ctx, SessionContext, resource.NewPropertyMapFromMap(map[string]any{"arn": arns[i%len(arns)]}))
			return err
		}))
		out = append(out, Count{"600 getSessionContext, non-role ARNs", "", 0, calls.Total()})
		calls.Reset()
		check(parallel(200, 8, func(i int) error {
			_, err := c.Invoke(ctx, SessionContext, resource.NewPropertyMapFromMap(map[string]any{
				"arn": SessionARN(f.Roles[i%10], "x"), "lookupRole": false,
			}))
			return err
		}))
		c.Close()
		out = append(out, Count{"200 getSessionContext, lookupRole: false", "", 0, calls.Total()})
	}

	// getCallerIdentity: one call per set of credentials per process, shared
	// with getSessionContext's account check. Two providers with different
	// keys are two sets of credentials.
	{
		calls := testenv.CountCalls(tb, f.Moto.Endpoint)
		a := f.Provider(tb, calls.Endpoint)
		b := Serve(tb)
		check(b.Configure(ctx, EndpointConfig(calls.Endpoint, "AKIAOTHERKEY")))
		check(parallel(200, 8, func(i int) error {
			c := a
			if i%2 == 1 {
				c = b
			}
			if i%4 < 2 {
				return LookUp(ctx, c, f.Roles[0], "y")
			}
			_, err := c.Invoke(ctx, CallerIdentity, resource.PropertyMap{})
			return err
		}))
		a.Close()
		b.Close()
		out = append(out, Count{"200 getCallerIdentity + getSessionContext, 2 credentials", "GetCallerIdentity", 2,
			calls.Count("GetCallerIdentity")})
	}

	// getCredentials of a provider acting as a role: one AssumeRole, then
	// the cache, however many invokes and however concurrent.
	{
		calls := testenv.CountCalls(tb, f.Moto.Endpoint)
		c := f.RoleProvider(tb, calls.Endpoint)
		check(parallel(200, 8, func(int) error { return GetCredentials(ctx, c) }))
		c.Close()
		out = append(out, Count{"200 getCredentials, assumeRole block", "", 1, calls.Total()})
	}
	return out
}

// parallel runs fn(0..n-1) on width goroutines and returns the first error.
func parallel(n, width int, fn func(i int) error) error {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		next  int
	)
	start := make(chan struct{})
	for range width {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= n {
					return
				}
				if err := fn(i); err != nil {
					mu.Lock()
					if first == nil {
						first = err
					}
					mu.Unlock()
					return
				}
			}
		}()
	}
	close(start)
	wg.Wait()
	return first
}
