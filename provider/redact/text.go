package redact

import (
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Cut keeps at most max characters (runes, not bytes) of s, and says how
// long s was when it cuts: a message quoting a value stays short whatever the
// value.
func Cut(s string, max int) string {
	n := utf8.RuneCountInString(s)
	if n <= max {
		return s
	}
	return string([]rune(s)[:max]) + "... (" + strconv.Itoa(n) + " characters)"
}

// Quote quotes at most max characters of s, as %q does, marking the cut.
func Quote(s string, max int) string {
	n := utf8.RuneCountInString(s)
	if n <= max {
		return strconv.Quote(s)
	}
	return strconv.Quote(string([]rune(s)[:max])) + "... (" + strconv.Itoa(n) + " characters)"
}

// Message is String and Cut together: the form in which another program's
// text may be quoted in a message.
func Message(s string, max int) string {
	return Cut(String(strings.TrimSpace(s)), max)
}

// URL is how a URL is named in a message: scheme, host and path, never the
// userinfo (a password), the query or the fragment (tokens, signatures). A
// value that is not a URL with a host is shown redacted and cut.
func URL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Scheme == "" {
		return Cut(String(raw), 100)
	}
	return Cut(String(u.Scheme+"://"+u.Host+u.EscapedPath()), 200)
}

var assignment = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*=`)

// Program names the program a credential_process runs, for messages and for
// getCredentials.source: the first word of the command after any NAME=value
// prefixes (the SDK runs it with sh -c, so VAULT_TOKEN=s3cr3t helper sets a
// variable), and after env with its options; never an argument, as arguments
// and prefixes carry secrets. It is "" when the command names no program.
func Program(command string) string {
	// Redacted before and after the shell's unquoting: a secret may be
	// recognisable only in one of the two forms.
	words := shellWords(String(command))
	for len(words) > 0 && assignment.MatchString(words[0]) {
		words = words[1:]
	}
	if len(words) > 0 && (words[0] == "env" || words[0] == "exec") {
		words = words[1:]
		for len(words) > 0 && (assignment.MatchString(words[0]) || strings.HasPrefix(words[0], "-")) {
			words = words[1:]
		}
	}
	if len(words) == 0 {
		return ""
	}
	return Cut(String(words[0]), 200)
}

// shellWords splits a command as sh does for the purpose of Program:
// white space outside quotes separates words; single and double quotes and
// backslashes are removed. Operators (;, |, &&) are left in the words: only
// the first word matters.
func shellWords(s string) []string {
	var words []string
	var w strings.Builder
	in := false // inside a word
	var quote rune
	escaped := false
	for _, r := range s {
		switch {
		case escaped:
			w.WriteRune(r)
			escaped = false
		case quote != 0 && r == quote:
			quote = 0
		case quote == '\'':
			w.WriteRune(r)
		case r == '\\':
			escaped, in = true, true
		case quote == '"':
			w.WriteRune(r)
		case r == '\'' || r == '"':
			quote, in = r, true
		case r == ' ' || r == '\t' || r == '\n' || r == '\r':
			if in {
				words = append(words, w.String())
				w.Reset()
				in = false
			}
		default:
			w.WriteRune(r)
			in = true
		}
	}
	if in {
		words = append(words, w.String())
	}
	return words
}
