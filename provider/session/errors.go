package session

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/redact"
)

// Hint is a function's own advice for an AWS error of its call, given AWS's
// error code and message (both redacted); "" when it has none, and the
// general advice applies.
type Hint func(code, message string) string

// Call says what failed, for Explain.
type Call struct {
	Op       string // the IAM action, such as "sts:AssumeRole"
	Unsigned bool   // the provider's credentials took no part, as in AssumeRoleWithWebIdentity
	Hint     Hint   // the calling function's own advice; nil for none
}

// Explain turns an AWS SDK error into one that says what went wrong in
// words the user can act on: the one entry point of error advice. AWS's own
// code and message are kept, because they are what people search for.
func (s *Session) Explain(ctx context.Context, err error, c Call) error {
	if err == nil {
		return nil
	}
	source := ""
	if !c.Unsigned {
		source = s.CredentialSource(ctx)
	}
	return explain(err, c, source)
}

// explain is Explain with source, where the base credentials came from, if
// known.
func explain(err error, c Call, source string) error {
	if err == nil {
		return nil
	}
	op := c.Op
	// Already explained, for example the provider's own AssumeRole failing
	// inside a later call: its message and context are the ones that matter.
	var explained *Error
	if errors.As(err, &explained) {
		return explained
	}
	from := ""
	if source != "" {
		from = " (from " + source + ")"
	}
	attempts := ""
	var maxErr *retry.MaxAttemptsError
	if errors.As(err, &maxErr) {
		attempts = fmt.Sprintf(" after %d attempts", maxErr.Attempt)
		if maxErr.Attempt == 1 {
			attempts = " after 1 attempt"
		}
	}

	var api smithy.APIError
	if errors.As(err, &api) {
		// AWS's own words, redacted: an endpoint that is not AWS (a proxy,
		// an emulator) may echo anything.
		code, msg := redact.Message(api.ErrorCode(), 100), redact.Message(api.ErrorMessage(), maxQuoted)
		hint := ""
		switch code {
		case "AccessDenied", "AccessDeniedException":
			hint = fmt.Sprintf("The caller's IAM policies must allow %s.", op)
		case "ExpiredToken", "ExpiredTokenException", "RequestExpired", "TokenRefreshRequired":
			hint = fmt.Sprintf("The base AWS credentials%s have expired: refresh them (for example `aws sso login`, or a new session token) and run again.", from)
		case "InvalidClientTokenId", "UnrecognizedClientException", "InvalidAccessKeyId", "SignatureDoesNotMatch", "IncompleteSignature":
			hint = fmt.Sprintf("AWS did not accept the base AWS credentials%s: check the access key, secret key and session token, and that they belong to this partition.", from)
		case "UnauthorizedException":
			if strings.HasPrefix(op, "sso") {
				hint = "The SSO token is missing, expired or not for this portal: run `aws sso login` (with the same profile) and run again."
			}
		case "RegionDisabledException":
			hint = "STS is not activated in this region for the account: activate it in the IAM console (Account settings), or set region to one where it is."
		case "Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException":
			hint = "AWS kept throttling the request; retry later or raise the provider's maxRetries."
		case "MalformedPolicyDocument", "PackedPolicyTooLarge":
			hint = "Shorten or correct policy, policyArns or tags."
		}
		if c.Hint != nil {
			if h := c.Hint(code, msg); h != "" {
				hint = h
			}
		}
		msg = strings.TrimSpace(fmt.Sprintf("%s failed%s: %s: %s", op, attempts, code, msg))
		if hint != "" {
			msg = strings.TrimSuffix(msg, ".") + ". " + hint
		}
		return &Error{msg: msg, cause: err}
	}

	var uerr *url.Error
	switch {
	case errors.Is(err, context.Canceled):
		return &Error{msg: op + " was cancelled", cause: err}
	case errors.Is(err, context.DeadlineExceeded):
		return &Error{msg: fmt.Sprintf("%s did not answer in time%s: %s", op, attempts, quoted(rootCause(err))), cause: err}
	case errors.As(err, &uerr):
		return &Error{msg: fmt.Sprintf("%s failed%s: could not reach %s: %v. Check the provider's endpoints and proxy "+
			"settings, AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_STS / AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL_SSO, and the "+
			"network.", op, attempts, hostOf(uerr.URL), quoted(rootCause(uerr.Err))), cause: err}
	case strings.Contains(err.Error(), "failed to retrieve credentials") ||
		strings.Contains(err.Error(), "failed to refresh cached credentials"):
		return &Error{msg: fmt.Sprintf("%s failed: no usable AWS credentials: %s; %s.", op, quoted(rootCause(err)),
			noCredentialsHint), cause: err}
	}
	return &Error{msg: fmt.Sprintf("%s failed%s: %s", op, attempts, quoted(err)), cause: err}
}

// quoted is an error's text as a message may quote it: redacted and short.
func quoted(err error) string { return redact.Message(err.Error(), maxQuoted) }

// Error is an explained AWS failure; the SDK's error stays reachable with
// errors.As for callers that need the code.
type Error struct {
	msg   string
	cause error
}

// Error removes, as it answers, every secret seen so far: the message may
// have been built before the secret was read.
func (e *Error) Error() string { return redact.Known(e.msg) }
func (e *Error) Unwrap() error { return e.cause }

// hostOf names an endpoint by its scheme and host; what is not a URL with a
// host is shown redacted and cut, never whole.
func hostOf(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Scheme == "" {
		return redact.URL(raw)
	}
	return redact.Cut(redact.String(u.Scheme+"://"+u.Host), 200)
}

// rootCause drops the SDK's layers of "operation error ..., https response
// error ..." wrappers that repeat what the message already says.
func rootCause(err error) error {
	for {
		next := errors.Unwrap(err)
		if next == nil {
			return err
		}
		err = next
	}
}

// CredentialSource names where the session's credentials come from, in
// words, for messages. It never returns the credentials themselves.
func (s *Session) CredentialSource(ctx context.Context) string {
	if s.init(ctx) != nil {
		return ""
	}
	return s.sourceName()
}
