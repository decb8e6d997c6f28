package bench

import (
	"context"
	"fmt"
	"testing"

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
