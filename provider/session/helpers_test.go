package session

import (
	"context"
	"testing"
	"time"
)

// testContext is bounded by the test's own deadline and by limit, so that a
// read that hangs fails the test instead of hanging it.
func testContext(t *testing.T, limit time.Duration) context.Context {
	t.Helper()
	ctx := t.Context()
	if d, ok := t.Deadline(); ok {
		var cancel context.CancelFunc
		ctx, cancel = context.WithDeadline(ctx, d.Add(-5*time.Second))
		t.Cleanup(cancel)
	}
	ctx, cancel := context.WithTimeout(ctx, limit)
	t.Cleanup(cancel)
	return ctx
}

// within runs f and fails the test if it has not returned within limit.
func within[T any](t *testing.T, limit time.Duration, f func() T) T {
	t.Helper()
	done := make(chan T, 1)
	go func() { done <- f() }()
	select {
	case v := <-done:
		return v
	case <-time.After(limit):
		t.Fatalf("still running after %s", limit)
		panic("unreachable")
	}
}
