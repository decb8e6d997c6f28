package session

import (
	"context"
	"os"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go/middleware"
)

// callBudget is how long one AWS call may take, all its attempts included:
// each attempt is bounded by the request timeout, and the pauses between
// them by the retryer's longest backoff. A few seconds more cover the
// signing and the rest. With the defaults (3 attempts of 30 s): 2 min 15 s.
func callBudget(st Settings) time.Duration {
	timeout := st.RequestTimeout
	if timeout == 0 {
		timeout = DefaultRequestTimeout
	}
	attempts := retry.DefaultMaxAttempts
	if st.MaxRetries != nil {
		attempts = *st.MaxRetries + 1
	} else if n, err := strconv.Atoi(os.Getenv("AWS_MAX_ATTEMPTS")); err == nil && n > 0 {
		attempts = n
	}
	return time.Duration(attempts)*timeout + time.Duration(attempts-1)*retry.DefaultMaxBackoff + 5*time.Second
}

// CallBudget is how long one AWS call of the session may take, retries
// included: the deadline every call gets, so that none can hang a run.
func (s *Session) CallBudget() time.Duration { return s.budget }

// withDeadline gives every AWS call, the credential chain's included, a
// deadline of the session's call budget, unless its caller's is sooner. The
// credentials a call is signed with are fetched inside it, so the deadline
// bounds them too. The instance metadata client has a deadline of its own,
// shorter (5 s), which a deadline set here would replace.
func (s *Session) withDeadline(stack *middleware.Stack) error {
	if _, own := stack.Initialize.Get("OperationTimeout"); own {
		return nil
	}
	return stack.Initialize.Add(middleware.InitializeMiddlewareFunc("CallDeadline",
		func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (
			middleware.InitializeOutput, middleware.Metadata, error) {
			ctx, cancel := context.WithTimeout(ctx, s.budget)
			defer cancel()
			return next.HandleInitialize(ctx, in)
		}), middleware.Before)
}
