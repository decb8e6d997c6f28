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

// Explain turns an AWS SDK error into one that says what went wrong in
// words the user can act on. op is the IAM action, such as "sts:AssumeRole";
// source is where the base credentials came from, if known. AWS's own code and
// message are kept, because they are what people search for.
func Explain(err error, op, source string) error { return ExplainWith(err, op, source, nil) }

// Hint says what to do about an AWS error of one function's call, from its
// code and (redacted) message, or "" to keep the general advice. Each
// function keeps its own hints beside it and passes them in.
type Hint func(code, message string) string

// ExplainWith is Explain with a function's own hint, which takes precedence
// over the general advice.
func ExplainWith(err error, op, source string, own Hint) error {
	if err == nil {
		return nil
	}
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
			if op == "sts:AssumeRole" {
				hint = "Check that the role's trust policy allows this caller as principal; that, if it requires MFA, " +
					"serialNumber and a current tokenCode are set; that, if it requires an external ID, externalId matches; " +
					"and that the caller's own policies allow sts:AssumeRole on the role."
			} else {
				hint = fmt.Sprintf("The caller's IAM policies must allow %s.", op)
			}
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
		if h := stsHint(op, code, msg); h != "" {
			hint = h
		}
		if own != nil {
			if h := own(code, msg); h != "" {
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

// Explain is Explain with the session's credential source filled in.
func (s *Session) Explain(ctx context.Context, err error, op string) error {
	if err == nil {
		return nil
	}
	return Explain(err, op, s.CredentialSource(ctx))
}

// ExplainWith is ExplainWith with the session's credential source filled in,
// for calls signed with the provider's credentials.
func (s *Session) ExplainWith(ctx context.Context, err error, op string, own Hint) error {
	if err == nil {
		return nil
	}
	return ExplainWith(err, op, s.CredentialSource(ctx), own)
}
