package violation

import (
	"fmt"
	"regexp"
	"unicode/utf8"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/redact"
)

// List collects violations, each field named under Prefix (for example
// "assumeRole." for a block of the provider configuration).
type List struct {
	Prefix string
	All    []Violation
}

// Add records that field is wrong for the reason the format gives. Both are
// cut to a bounded length, in case a caller quoted a value whole: a message
// stays short whatever the input (callers quote values with Quote).
func (l *List) Add(field, format string, args ...any) {
	l.All = append(l.All, Violation{Field: redact.Cut(l.Prefix+field, MaxField),
		Reason: redact.Cut(fmt.Sprintf(format, args...), MaxReason)})
}

// The bounds of a violation's field name and reason, in characters.
const (
	MaxField  = 300
	MaxReason = 1000
)

// Quote quotes a value for a message or a field name (tags["..."]), cut to
// MaxQuoted characters, as AWS counts them.
func Quote(value string) string { return redact.Quote(value, MaxQuoted) }

// MaxQuoted is how many characters of a value a message quotes.
const MaxQuoted = 200

// Length checks that value is lo to hi characters long, as AWS counts them
// (Unicode characters, not bytes), and says whether it is.
func (l *List) Length(field, value string, lo, hi int) bool {
	n := utf8.RuneCountInString(value)
	if n < lo || n > hi {
		l.Add(field, "must be %d to %d characters long, but is %d", lo, hi, n)
		return false
	}
	return true
}

// Chars checks that every character of value is in set, and says whether it is.
func (l *List) Chars(field, value string, set Set) bool {
	if !set.re.MatchString(value) {
		l.Add(field, "may contain only %s; found %s", set.Hint, set.firstOutside(value))
		return false
	}
	return true
}

// Set is a character set from AWS's service model, with the words that
// describe it to a user.
type Set struct {
	re   *regexp.Regexp
	Hint string
}

// NewSet makes a set from a character class such as `[\w+=,.@-]`.
func NewSet(class, hint string) Set {
	return Set{re: regexp.MustCompile(`^` + class + `*$`), Hint: hint}
}

// Contains says whether every character of s is in the set.
func (s Set) Contains(v string) bool { return s.re.MatchString(v) }

// firstOutside quotes the first character of v the set refuses, so the
// message points at it. Control and non-printing characters are shown escaped.
func (s Set) firstOutside(v string) string {
	for _, r := range v {
		if !s.re.MatchString(string(r)) {
			return fmt.Sprintf("%+q", string(r))
		}
	}
	return "a character outside that set"
}

// Range checks that n is lo to hi, and says whether it is. hint, if given,
// says the bounds in words ("between 900 (15 minutes) and 43200 (12 hours)").
func (l *List) Range(field string, n, lo, hi int, hint string) bool {
	if n < lo || n > hi {
		if hint == "" {
			hint = fmt.Sprintf("between %d and %d", lo, hi)
		}
		l.Add(field, "must be %s, but is %d", hint, n)
		return false
	}
	return true
}

// Count checks that a list holds at most max items, and says whether it does.
// noun names the items ("ARNs", "session tags").
func (l *List) Count(field string, n, max int, noun string) bool {
	if n > max {
		l.Add(field, "may hold at most %d %s, but holds %d", max, noun, n)
		return false
	}
	return true
}
