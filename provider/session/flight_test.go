package session

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Two callers of one lookup, one of them cancelled: the other gets the
// answer, computed once, on a context that the cancelled caller did not end.
func TestMemoOneCallerCancelled(t *testing.T) {
	s := New(Settings{})
	release := make(chan struct{})
	var runs atomic.Int32
	var computeCtx atomic.Value
	compute := func(ctx context.Context) (string, error) {
		runs.Add(1)
		computeCtx.Store(ctx)
		select {
		case <-release:
			return "answer", nil
		case <-ctx.Done():
			return "", ctx.Err()
		}
	}
	cancelled, cancel := context.WithCancel(testContext(t, 10*time.Second))
	patient := testContext(t, 10*time.Second)

	errA := make(chan error, 1)
	go func() {
		_, err := Memo(cancelled, s, "k", compute)
		errA <- err
	}()
	waitFor(t, func() bool { return runs.Load() == 1 })
	got := make(chan string, 1)
	errB := make(chan error, 1)
	go func() {
		v, err := Memo(patient, s, "k", compute)
		errB <- err
		got <- v
	}()
	waitFor(t, func() bool { return waiters(s, "k") == 2 })

	cancel()
	err := within(t, 5*time.Second, func() error { return <-errA })
	require.EqualError(t, err, "k was cancelled")
	assert.True(t, errors.Is(err, context.Canceled))
	assert.NoError(t, computeCtx.Load().(context.Context).Err(), "the shared lookup goes on for the other caller")

	close(release)
	require.NoError(t, within(t, 5*time.Second, func() error { return <-errB }))
	assert.Equal(t, "answer", <-got)
	assert.EqualValues(t, 1, runs.Load(), "one computation for both callers")

	// Remembered: no computation, even for a caller already cancelled.
	v, err := Memo(cancelled, s, "k", compute)
	require.NoError(t, err)
	assert.Equal(t, "answer", v)
	assert.EqualValues(t, 1, runs.Load())
}

// Callers with different deadlines: each returns at its own, and the
// shared computation may run until the latest of them.
func TestMemoEachCallerItsOwnDeadline(t *testing.T) {
	s := New(Settings{})
	var deadlines []time.Time
	var mu sync.Mutex
	compute := func(ctx context.Context) (string, error) {
		for {
			d, _ := ctx.Deadline()
			mu.Lock()
			if len(deadlines) == 0 || !deadlines[len(deadlines)-1].Equal(d) {
				deadlines = append(deadlines, d)
			}
			mu.Unlock()
			select {
			case <-ctx.Done():
				return "", ctx.Err()
			case <-time.After(10 * time.Millisecond):
			}
		}
	}
	base := testContext(t, 10*time.Second)
	short, cancel1 := context.WithTimeout(base, 300*time.Millisecond)
	defer cancel1()
	long, cancel2 := context.WithTimeout(base, 900*time.Millisecond)
	defer cancel2()

	start := time.Now()
	var wg sync.WaitGroup
	ended := make([]time.Duration, 2)
	errs := make([]error, 2)
	for i, ctx := range []context.Context{short, long} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, errs[i] = Memo(ctx, s, "k", compute)
			ended[i] = time.Since(start)
		}()
		if i == 0 {
			waitFor(t, func() bool { return waiters(s, "k") == 1 })
		}
	}
	within(t, 5*time.Second, func() bool { wg.Wait(); return true })

	require.EqualError(t, errs[0], "k did not finish before the call's deadline")
	require.EqualError(t, errs[1], "k did not finish before the call's deadline")
	assert.True(t, errors.Is(errs[1], context.DeadlineExceeded))
	assert.Less(t, ended[0], 600*time.Millisecond, "the first caller returned at its own deadline")
	assert.Greater(t, ended[1], 800*time.Millisecond, "the second caller waited for its own")
	mu.Lock()
	defer mu.Unlock()
	dl, _ := long.Deadline()
	assert.Equal(t, dl, deadlines[len(deadlines)-1], "the shared lookup had the latest deadline")
	// Not remembered: a later call computes again.
	v, err := Memo(base, s, "k", func(context.Context) (string, error) { return "again", nil })
	require.NoError(t, err)
	assert.Equal(t, "again", v)
}

// When every caller has given up, the shared computation is cancelled, and
// a new caller starts a new one rather than inherit the cancellation.
func TestMemoAllCallersGone(t *testing.T) {
	s := New(Settings{})
	ended := make(chan error, 1)
	hold := make(chan struct{})
	first, cancel := context.WithCancel(testContext(t, 10*time.Second))
	go func() {
		_, _ = Memo(first, s, "k", func(ctx context.Context) (int, error) {
			<-ctx.Done()
			ended <- ctx.Err()
			<-hold // still running when the next caller comes
			return 0, ctx.Err()
		})
	}()
	waitFor(t, func() bool { return waiters(s, "k") == 1 })
	cancel()
	require.ErrorIs(t, within(t, 5*time.Second, func() error { return <-ended }), context.Canceled)

	v, err := within(t, 5*time.Second, func() result2 {
		v, err := Memo(testContext(t, 5*time.Second), s, "k", func(context.Context) (int, error) { return 7, nil })
		return result2{v, err}
	}).get()
	close(hold)
	require.NoError(t, err)
	assert.Equal(t, 7, v)
}

// A computation that panics is an error for its callers, not a crash.
func TestMemoPanic(t *testing.T) {
	s := New(Settings{})
	_, err := Memo(testContext(t, 5*time.Second), s, "sts:GetCallerIdentity", func(context.Context) (int, error) {
		var m map[string]int
		m["x"]++ //nolint:staticcheck // a real runtime panic, not panic(value), is what is tested
		panic("unreachable")
	})
	require.EqualError(t, err, "sts:GetCallerIdentity failed with an internal error (a panic); please report it")
}

// A load that fails is tried again by the next caller; one that hangs
// returns each caller at its own deadline, and then at the load's timeout,
// without starting it again; once it succeeds, it is never run again.
func TestOnceOK(t *testing.T) {
	var o onceOK
	var runs atomic.Int32
	fail := errors.New("no such profile")
	ctx := testContext(t, 10*time.Second)
	step := func(err error) func(context.Context) error {
		return func(context.Context) error { runs.Add(1); return err }
	}
	require.Equal(t, fail, o.do(ctx, time.Second, "loading", step(fail)))
	require.Equal(t, fail, o.do(ctx, time.Second, "loading", step(fail)))
	assert.EqualValues(t, 2, runs.Load(), "a failure is tried again")

	// A run that hangs.
	stuck := make(chan struct{})
	hang := func(context.Context) error { runs.Add(1); <-stuck; return nil }
	short, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := within(t, 5*time.Second, func() error { return o.do(short, 500*time.Millisecond, "loading", hang) })
	require.EqualError(t, err, "loading did not finish before the call's deadline")
	assert.Less(t, time.Since(start), 400*time.Millisecond)
	cancelled, cancelNow := context.WithCancel(ctx)
	cancelNow()
	require.EqualError(t, o.do(cancelled, time.Second, "loading", hang), "loading was cancelled")
	err = within(t, 5*time.Second, func() error { return o.do(ctx, 500*time.Millisecond, "loading", hang) })
	require.EqualError(t, err, "loading did not finish within 500ms")
	start = time.Now()
	err = within(t, 5*time.Second, func() error { return o.do(ctx, 500*time.Millisecond, "loading", hang) })
	require.EqualError(t, err, "loading did not finish within 500ms")
	assert.Less(t, time.Since(start), 100*time.Millisecond, "past its timeout, a hung run answers at once")
	assert.EqualValues(t, 3, runs.Load(), "a run still going is not started again")

	close(stuck) // the hung run ends, and succeeds
	waitFor(t, func() bool { return o.do(ctx, time.Second, "loading", step(fail)) == nil })
	require.NoError(t, o.do(ctx, time.Second, "loading", step(fail)))
	assert.EqualValues(t, 3, runs.Load(), "never run again after a success")

	var p onceOK
	require.EqualError(t, p.do(ctx, time.Second, "loading", func(context.Context) error { panic("boom") }),
		"loading failed with an internal error (a panic); please report it")
}

type result2 struct {
	v   int
	err error
}

func (r result2) get() (int, error) { return r.v, r.err }

func waiters(s *Session, key string) int {
	s.mu.Lock()
	c := s.flights[key]
	s.mu.Unlock()
	if c == nil {
		return 0
	}
	c.ctx.mu.Lock()
	defer c.ctx.mu.Unlock()
	return c.ctx.waiters
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	for end := time.Now().Add(5 * time.Second); time.Now().Before(end); time.Sleep(5 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatal("condition not met within 5s")
}
