// Package violation is how every function and the provider configuration
// report bad input: each problem names its field and says what is wrong, and
// all of them are reported at once.
package violation

import (
	"errors"
	"fmt"
	"strings"
)

// Violation is one input that AWS would refuse.
type Violation struct {
	Field  string
	Reason string
}

func (v Violation) Error() string { return v.Field + ": " + v.Reason }

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
