package session

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
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

// retrieve gets the session's credentials, within the deadline of one AWS
// call: getting them is no AWS call of its own to carry one.
func (s *Session) retrieve(ctx context.Context) (aws.Credentials, error) {
	bounded, cancel := context.WithTimeout(ctx, s.budget)
	defer cancel()
	c, err := s.cfg.Credentials.Retrieve(bounded)
	if err != nil && ctx.Err() == nil && errors.Is(bounded.Err(), context.DeadlineExceeded) {
		return aws.Credentials{}, &Error{msg: fmt.Sprintf("getting credentials from %s did not finish within %s, "+
			"the time one AWS call may take (requestTimeoutSeconds for each attempt, maxRetries, and the pauses "+
			"between attempts)", s.sourceName(), s.budget), cause: err}
	}
	return c, err
}

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
