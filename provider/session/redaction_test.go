package session

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/redact"
)

// Whatever an endpoint or the SDK says, Explain quotes it redacted and short.
func TestExplainRedactsWhatItQuotes(t *testing.T) {
	redact.Remember("c4nArYremembered/Secret0000")
	for name, c := range map[string]struct {
		err  error
		want string
	}{
		"AWS message echoing a request": {&smithy.GenericAPIError{Code: "AccessDenied",
			Message: `denied {"SecretAccessKey": "c4nArYjson"} X-Amz-Security-Token: c4nArYheader`},
			`sts:AssumeRole failed: AccessDenied: denied {"SecretAccessKey": "[redacted]"} X-Amz-Security-Token: [redacted]`},
		"AWS message with a seen secret": {&smithy.GenericAPIError{Code: "InvalidClientTokenId",
			Message: "key c4nArYremembered/Secret0000 unknown"}, "InvalidClientTokenId: key [redacted] unknown"},
		"an endpoint URL with userinfo and query": {&url.Error{Op: "Post", URL: "http://alice:c4nArYpw@127.0.0.1:1/?t=c4nArYq",
			Err: errors.New("proxyconnect tcp: dial http://bob:c4nArYproxy@proxy:3128: refused")},
			"could not reach http://127.0.0.1:1: proxyconnect tcp: dial http://[redacted]@proxy:3128: refused"},
		"an unparseable endpoint": {&url.Error{Op: "Post", URL: "http//alice:c4nArYpw@proxy:3128", Err: errors.New("x")},
			"could not reach http//[redacted]@proxy:3128"},
		"a deadline": {fmt.Errorf("op: %w", fmt.Errorf("password=c4nArYdl: %w", context.DeadlineExceeded)),
			"did not answer in time: context deadline exceeded"},
		"anything else": {errors.New("weird answer Authorization: Bearer c4nArYbearer"), "weird answer Authorization: [redacted]"},
	} {
		t.Run(name, func(t *testing.T) {
			msg := explain(c.err, Call{Op: "sts:AssumeRole"}, "").Error()
			assert.Contains(t, msg, c.want)
			assert.NotContains(t, msg, "c4nArY")
		})
	}
}

func TestExplainCutsLongText(t *testing.T) {
	msg := explain(&smithy.GenericAPIError{Code: strings.Repeat("C", 5000), Message: strings.Repeat("é", 100000)},
		Call{Op: "sts:AssumeRole"}, "").Error()
	assert.Less(t, utf8.RuneCountInString(msg), 800)
	assert.Contains(t, msg, "... (100000 characters)")
	assert.Contains(t, msg, "... (5000 characters)")
}

// A message built before a secret was seen does not carry it once seen.
func TestErrorRemovesSecretsSeenLater(t *testing.T) {
	e := &Error{msg: "answer c4nArYlater0000 here"}
	redact.Remember("c4nArYlater0000")
	assert.Equal(t, "answer [redacted] here", e.Error())
}

// The SDK's own words about a source, where they are quoted, are redacted.
func TestSourceErrorRedactsTheSDKsWords(t *testing.T) {
	err := sourceError(errors.New(`failed to refresh cached credentials, failed to load credentials, `+
		`{"Token": "c4nArYcontainer"}`), "the container credentials endpoint http://127.0.0.1:1/creds")
	assert.Equal(t, `getting credentials from the container credentials endpoint http://127.0.0.1:1/creds failed: `+
		`failed to load credentials, {"Token": "[redacted]"}`, err.Error())
}
