// Package violation is how every function and the provider configuration
// report bad input: each problem names its field and says what is wrong, and
// all of them are reported at once.
package violation

import (
	"errors"
	"fmt"
	"strings"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/redact"
)

// Violation is one input that AWS would refuse.
type Violation struct {
	Field  string
	Reason string
}

// Error is the field and the reason, each cut short: a Violation made
// without List.Add is bounded too.
func (v Violation) Error() string {
	return redact.Cut(v.Field, MaxField) + ": " + redact.Cut(v.Reason, MaxReason)
}

// Join turns violations into one error that lists them all, or nil.
func Join(what string, vs []Violation) error {
	if len(vs) == 0 {
		return nil
	}
	lines := make([]string, len(vs))
	for i, v := range vs {
		lines[i] = "  - " + v.Error()
	}
	problems := "problems"
	if len(vs) == 1 {
		problems = "problem"
	}
	return errors.New(fmt.Sprintf("invalid %s (%d %s):\n", what, len(vs), problems) + strings.Join(lines, "\n"))
}
