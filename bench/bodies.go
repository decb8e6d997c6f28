package bench

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
)

// The benchmark bodies, shared by the Benchmark functions (go test -bench,
// benchstat) and by the table, which runs them interleaved with
// testing.Benchmark.

// BareGetRole: aws-sdk-go-v2 iam:GetRole to moto, the baseline.
func (f *Fixture) BareGetRole(b *testing.B) {
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		if err := f.BareGetRoleCall(ctx, f.Roles[i%len(f.Roles)]); err != nil {
			b.Fatal(err)
		}
	}
}

// InvokeUncached: getSessionContext over gRPC, every invoke a first lookup
// of its role in its provider process, so every invoke makes one iam:GetRole.
//
// Every NumRoles invokes a fresh provider is served (timer stopped). Its one
// per-process cost, loading the AWS configuration and the GetCallerIdentity
// behind the cross-account check, is paid before the timer starts by a
// getCallerIdentity invoke (which shares that memoised call); FirstInvoke
// measures it.
func (f *Fixture) InvokeUncached(b *testing.B) {
	ctx := context.Background()
	var c *Client
	next := len(f.Roles)
	for i := 0; i < b.N; i++ {
		if next == len(f.Roles) {
			b.StopTimer()
			if c != nil {
				c.Close()
			}
			c = f.Provider(b, f.Moto.Endpoint)
			if _, err := c.Invoke(ctx, CallerIdentity, resource.PropertyMap{}); err != nil {
				b.Fatal(err)
			}
			next = 0
			b.StartTimer()
		}
		if err := LookUp(ctx, c, f.Roles[next], fmt.Sprint(i)); err != nil {
			b.Fatal(err)
		}
		next++
	}
	b.StopTimer()
	if c != nil {
		c.Close()
	}
}

// FirstInvoke: the first getSessionContext of a freshly configured provider:
// AWS configuration, GetCallerIdentity and GetRole.
func (f *Fixture) FirstInvoke(b *testing.B) {
	ctx := context.Background()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		c := f.Provider(b, f.Moto.Endpoint)
		b.StartTimer()
		if err := LookUp(ctx, c, f.Roles[i%len(f.Roles)], "first"); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		c.Close()
		b.StartTimer()
	}
}

// InvokeCached: getSessionContext over gRPC for a role already looked up.
func (f *Fixture) InvokeCached(b *testing.B) {
	ctx := context.Background()
	b.StopTimer()
	c := f.Provider(b, f.Moto.Endpoint)
	defer c.Close()
	if err := LookUp(ctx, c, f.Roles[0], "warm"); err != nil {
		b.Fatal(err)
	}
	b.StartTimer()
	for i := 0; i < b.N; i++ {
		if err := LookUp(ctx, c, f.Roles[0], "cached"); err != nil {
			b.Fatal(err)
		}
	}
}

// InvokeCredentialsCached: getCredentials over gRPC of a provider that acts
// as a role (assumeRole block) whose credentials it already holds.
func (f *Fixture) InvokeCredentialsCached(b *testing.B) {
	ctx := context.Background()
	b.StopTimer()
	c := f.RoleProvider(b, f.Moto.Endpoint)
	defer c.Close()
	if err := GetCredentials(ctx, c); err != nil {
		b.Fatal(err)
	}
	b.StartTimer()
	for i := 0; i < b.N; i++ {
		if err := GetCredentials(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
}

// EchoInvoke: the minimal provider's trivial function over the same gRPC
// stack, the framework's floor for an invoke that makes no AWS call.
func EchoInvoke(b *testing.B) {
	ctx := context.Background()
	b.StopTimer()
	c := ServeMinimal(b)
	defer c.Close()
	if err := c.Configure(ctx, resource.PropertyMap{}); err != nil {
		b.Fatal(err)
	}
	args := resource.NewPropertyMapFromMap(map[string]any{
		// As long as a session ARN, so the payloads are alike.
		"value": SessionARN("bench-role-000", "cached"),
	})
	b.StartTimer()
	for i := 0; i < b.N; i++ {
		out, err := c.Invoke(ctx, EchoToken, args)
		if err != nil {
			b.Fatal(err)
		}
		if !out["value"].IsString() {
			b.Fatalf("echo answered %v", out)
		}
	}
}

// Samples are per-call latencies, one slice per kind of call.
type Samples map[string][]time.Duration

// Sample kinds.
const (
	KindBare     = "bare"     // aws-sdk-go-v2 GetRole
	KindUncached = "uncached" // getSessionContext, first lookup of its role
	KindCached   = "cached"   // getSessionContext, role already looked up
	KindEcho     = "echo"     // the minimal provider's echo
	KindFirst    = "first"    // the first getSessionContext of a process
	KindCreds    = "creds"    // getCredentials, credentials already held
)

// Sample times n calls of each kind one by one, interleaved call by call
// (in an order shuffled every round), so that the noise of a shared machine falls on all
// kinds alike; medians of these are what the table compares. Every 25th
// round also times the first invoke of a fresh provider. The providers are
// the same as in the benchmarks: in-process, over gRPC on loopback.
func (f *Fixture) Sample(tb testing.TB, n int) (Samples, error) {
	ctx := context.Background()
	s := Samples{}
	timed := func(kind string, call func() error) error {
		t0 := time.Now()
		err := call()
		s[kind] = append(s[kind], time.Since(t0))
		return err
	}
	cached := f.Provider(tb, f.Moto.Endpoint)
	defer cached.Close()
	if err := LookUp(ctx, cached, f.Roles[0], "warm"); err != nil {
		return nil, err
	}
	creds := f.RoleProvider(tb, f.Moto.Endpoint)
	defer creds.Close()
	if err := GetCredentials(ctx, creds); err != nil {
		return nil, err
	}
	echo := ServeMinimal(tb)
	defer echo.Close()
	if err := echo.Configure(ctx, resource.PropertyMap{}); err != nil {
		return nil, err
	}
	echoArgs := resource.NewPropertyMapFromMap(map[string]any{"value": SessionARN("bench-role-000", "cached")})
	var fresh *Client // for uncached lookups: NumRoles of them, then a new one
	defer func() {
		if fresh != nil {
			fresh.Close()
		}
	}()
	next := len(f.Roles)
	kinds := []string{KindBare, KindUncached, KindCached, KindEcho, KindCreds}
	// Shuffled, not rotated: a rotation keeps every kind right after the
	// same other kind, and the cached invoke always came right after an
	// uncached one, while moto was still finishing that GetRole on the
	// machine's other core. A fixed seed keeps runs comparable.
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range n {
		if next == len(f.Roles) {
			if fresh != nil {
				fresh.Close()
			}
			fresh = f.Provider(tb, f.Moto.Endpoint)
			if _, err := fresh.Invoke(ctx, CallerIdentity, resource.PropertyMap{}); err != nil {
				return nil, err
			}
			next = 0
		}
		role := f.Roles[next]
		for _, k := range rng.Perm(len(kinds)) {
			var err error
			switch kinds[k] {
			case KindBare:
				err = timed(KindBare, func() error { return f.BareGetRoleCall(ctx, role) })
			case KindUncached:
				err = timed(KindUncached, func() error { return LookUp(ctx, fresh, role, fmt.Sprint(i)) })
			case KindCached:
				err = timed(KindCached, func() error { return LookUp(ctx, cached, f.Roles[0], "cached") })
			case KindCreds:
				err = timed(KindCreds, func() error { return GetCredentials(ctx, creds) })
			case KindEcho:
				err = timed(KindEcho, func() error {
					_, err := echo.Invoke(ctx, EchoToken, echoArgs)
					return err
				})
			}
			if err != nil {
				return nil, err
			}
		}
		next++
		if i%25 == 0 {
			c := f.Provider(tb, f.Moto.Endpoint)
			err := timed(KindFirst, func() error { return LookUp(ctx, c, role, "first") })
			c.Close()
			if err != nil {
				return nil, err
			}
		}
	}
	return s, nil
}
