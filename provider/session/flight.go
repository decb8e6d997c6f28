package session

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// onceOK runs a step until it succeeds once, such as loading the AWS
// configuration, unlike sync.Once, which would keep a failure for good and
// make every caller wait for as long as its one run takes. The step runs on
// a context of its own, so that a caller that gives up does not fail it for
// the others, bounded by timeout. Each caller waits no longer than its own
// context. A run that outlives its timeout is not started again while it
// is still running (it could only hang the same way): later callers get
// the timeout error at once, until it ends.
type onceOK struct {
	ok  atomic.Bool
	mu  sync.Mutex
	run *stepRun
}

type stepRun struct {
	done     chan struct{}
	deadline time.Time
	err      error
}

func (o *onceOK) do(ctx context.Context, timeout time.Duration, what string, step func(context.Context) error) error {
	if o.ok.Load() {
		return nil
	}
	o.mu.Lock()
	r := o.run
	if r != nil {
		select {
		case <-r.done:
			if r.err == nil {
				o.mu.Unlock()
				return nil
			}
			r = nil // it failed: try again
		default:
		}
	}
	if r == nil {
		r = &stepRun{done: make(chan struct{}), deadline: time.Now().Add(timeout)}
		o.run = r
		runCtx, cancel := context.WithDeadline(context.WithoutCancel(ctx), r.deadline)
		go func() {
			defer close(r.done)
			defer cancel()
			defer func() {
				if p := recover(); p != nil {
					r.err = &Error{msg: what + " failed with an internal error (a panic); please report it"}
				}
			}()
			r.err = step(runCtx)
			if r.err == nil {
				o.ok.Store(true)
			}
		}()
	}
	o.mu.Unlock()
	timer := time.NewTimer(time.Until(r.deadline))
	defer timer.Stop()
	select {
	case <-r.done:
		return r.err
	case <-timer.C:
		return &Error{msg: fmt.Sprintf("%s did not finish within %s", what, timeout), cause: context.DeadlineExceeded}
	case <-ctx.Done():
		return callEnded(ctx, what)
	}
}

// callEnded says that the caller's own context ended while it waited.
func callEnded(ctx context.Context, what string) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return &Error{msg: what + " did not finish before the call's deadline", cause: ctx.Err()}
	}
	return &Error{msg: what + " was cancelled", cause: ctx.Err()}
}

// Memo returns the remembered answer for key, or computes it: callers
// asking for the same key at the same time share one computation. Errors
// are not remembered, so a later call tries again. Messages name the key up
// to a "#", which sets apart keys that messages need not tell apart.
//
// Each caller keeps its own deadline and cancellation. The computation runs
// on a context of its own, whose deadline is the latest of its callers' and
// which ends when the last caller still waiting gives up: one caller
// cancelled or out of time returns alone, and does not fail the others.
func Memo[T any](ctx context.Context, s *Session, key string, compute func(context.Context) (T, error)) (T, error) {
	var zero T
	s.mu.Lock()
	if v, ok := s.memo[key]; ok {
		s.mu.Unlock()
		return v.(T), nil
	}
	if ctx.Err() != nil {
		s.mu.Unlock()
		return zero, callEnded(ctx, label(key))
	}
	c := s.flights[key]
	if c == nil || !c.ctx.join(ctx) {
		// None yet, or one that every caller has left and that is ending.
		c = &flight{done: make(chan struct{}), ctx: newSharedContext(ctx)}
		s.flights[key] = c
		go c.run(s, key, func(ctx context.Context) (any, error) { return compute(ctx) })
	}
	s.mu.Unlock()
	select {
	case <-c.done:
		switch {
		case c.err == nil:
			return c.val.(T), nil
		case ctx.Err() != nil:
			return zero, callEnded(ctx, label(key))
		case errors.Is(c.ctx.Err(), context.DeadlineExceeded):
			// The lookup ran to the latest caller's deadline, this one's.
			return zero, &Error{msg: label(key) + " did not finish before the call's deadline", cause: context.DeadlineExceeded}
		}
		return zero, c.err
	case <-ctx.Done():
		c.ctx.leave()
		return zero, callEnded(ctx, label(key))
	}
}

func label(key string) string {
	l, _, _ := strings.Cut(key, "#")
	return l
}

type flight struct {
	done chan struct{}
	ctx  *sharedContext
	val  any
	err  error
}

func (c *flight) run(s *Session, key string, compute func(context.Context) (any, error)) {
	defer close(c.done)
	defer c.ctx.end()
	defer func() {
		if p := recover(); p != nil {
			c.err = &Error{msg: label(key) + " failed with an internal error (a panic); please report it"}
		}
		s.mu.Lock()
		if s.flights[key] == c {
			delete(s.flights, key)
		}
		if c.err == nil {
			s.memo[key] = c.val
		}
		s.mu.Unlock()
	}()
	c.val, c.err = compute(c.ctx)
}

// sharedContext is the context of a computation that several callers wait
// for. It carries the first caller's values, has the latest of its callers'
// deadlines (none if one of them has none), and is cancelled when every
// caller has left.
type sharedContext struct {
	context.Context // the values, without the cancellation

	mu       sync.Mutex
	waiters  int
	deadline time.Time // zero: none
	timer    *time.Timer
	done     chan struct{}
	err      error
}

func newSharedContext(first context.Context) *sharedContext {
	c := &sharedContext{Context: context.WithoutCancel(first), done: make(chan struct{})}
	c.join(first)
	return c
}

// join adds a caller, and extends the deadline to the caller's. It reports
// false if the context has ended already.
func (c *sharedContext) join(caller context.Context) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		return false
	}
	first := c.waiters == 0
	c.waiters++
	d, ok := caller.Deadline()
	switch {
	case !ok:
		c.deadline = time.Time{}
		if c.timer != nil {
			c.timer.Stop()
		}
	case first || (!c.deadline.IsZero() && d.After(c.deadline)):
		c.deadline = d
		if c.timer == nil {
			c.timer = time.AfterFunc(time.Until(d), c.expire)
		} else {
			c.timer.Reset(time.Until(d))
		}
	}
	return true
}

// expire ends the context when its deadline has passed: the timer may fire
// for a deadline that was extended meanwhile.
func (c *sharedContext) expire() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.deadline.IsZero() && !time.Now().Before(c.deadline) {
		c.cancel(context.DeadlineExceeded)
	}
}

// leave removes a caller that gave up; the last one out cancels.
func (c *sharedContext) leave() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waiters--
	if c.waiters == 0 {
		c.cancel(context.Canceled)
	}
}

// end releases the timer once the computation is over.
func (c *sharedContext) end() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cancel(context.Canceled)
}

func (c *sharedContext) cancel(err error) {
	if c.err != nil {
		return
	}
	c.err = err
	if c.timer != nil {
		c.timer.Stop()
	}
	close(c.done)
}

func (c *sharedContext) Deadline() (time.Time, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.deadline, !c.deadline.IsZero()
}

func (c *sharedContext) Done() <-chan struct{} { return c.done }

func (c *sharedContext) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}
