package sts

// Stand-ins for what the layout work puts in provider/stsinput and
// session.Explain (see _notes/LAYOUT.md): removed when that lands.

import (
	"context"
	"errors"
	"regexp"
	"sort"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
	"github.com/aws/smithy-go"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/redact"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/session"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

// hint is a function's own advice for an AWS error; "" when it has none.
type hint func(code, message string) string

// explain is session's Explain with the function's own advice added.
func explain(ctx context.Context, s *session.Session, err error, op string, h hint) error {
	explained := s.Explain(ctx, err, op)
	var api smithy.APIError
	if h == nil || !errors.As(err, &api) {
		return explained
	}
	advice := h(api.ErrorCode(), redact.Message(api.ErrorMessage(), 500))
	if advice == "" {
		return explained
	}
	return &hinted{cause: explained, advice: advice}
}

type hinted struct {
	cause  error
	advice string
}

func (h *hinted) Error() string { return h.cause.Error() + " " + h.advice }
func (h *hinted) Unwrap() error { return h.cause }

const maxTags = 50

// tags checks a tagListType: at most 50, keys 1-128 and values 0-256
// characters of tagKeyType's set, keys unique ignoring case.
func tags(l *violation.List, field string, m map[string]string) {
	l.Count(field, len(m), maxTags, "session tags")
	seen := map[string]string{}
	for _, k := range sortedKeys(m) {
		f := field + "[" + violation.Quote(k) + "]"
		l.Length(f+" key", k, 1, 128)
		l.Chars(f+" key", k, violation.TagChars)
		l.Length(f, m[k], 0, 256)
		l.Chars(f, m[k], violation.TagChars)
		if other, dup := seen[strings.ToLower(k)]; dup {
			l.Add(f, "duplicates tag %s: AWS compares tag keys ignoring case", violation.Quote(other))
		}
		seen[strings.ToLower(k)] = k
	}
}

// sdkTags are tags as the SDK sends them, sorted by key.
func sdkTags(m map[string]string) []ststypes.Tag {
	var out []ststypes.Tag
	for _, k := range sortedKeys(m) {
		out = append(out, ststypes.Tag{Key: aws.String(k), Value: aws.String(m[k])})
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

var twelveDigits = regexp.MustCompile(`^[0-9]{12}$`)

// accountID checks a 12-digit AWS account ID.
func accountID(l *violation.List, field, id string) bool {
	if !twelveDigits.MatchString(id) {
		l.Add(field, "%s is not a 12-digit AWS account ID", violation.Quote(id))
		return false
	}
	return true
}
