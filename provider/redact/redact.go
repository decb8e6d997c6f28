// Package redact keeps secrets out of the provider's messages. Every text the
// provider did not write itself (an AWS SDK's error, a helper program's
// output, a value the user typed into a URL setting) goes through String
// before it is quoted, and is cut short with Cut or Quote.
//
// String removes two kinds of secret: the credential values the provider has
// seen (Remember), wherever they appear; and anything shaped like a secret
// (a "SecretAccessKey" JSON field, a VAULT_TOKEN=... pair, a URL's userinfo
// or query, a long base64 run), whoever it belongs to.
package redact

import (
	"regexp"
	"slices"
	"strings"
	"sync"
	"unicode"
)

// Mark replaces what is removed.
const Mark = "[redacted]"

// minSecret is the shortest value Remember keeps: a shorter one would also
// blot out ordinary words of the messages it is removed from.
const minSecret = 8

// maxSeen bounds the registry of a long-running process, whose credentials
// are refreshed every hour or so; the oldest values go first.
const maxSeen = 1024

var seen struct {
	sync.RWMutex
	values   []string // oldest first
	replacer *strings.Replacer
}

// Remember registers credential values (secret access keys, session tokens,
// web identity tokens, passwords) so that String and Known remove them from
// every later message. Values shorter than 8 characters are ignored.
func Remember(values ...string) {
	var add []string
	for _, v := range values {
		if len([]rune(v)) >= minSecret {
			add = append(add, v)
		}
	}
	if len(add) == 0 {
		return
	}
	seen.Lock()
	defer seen.Unlock()
	changed := false
	for _, v := range add {
		if !slices.Contains(seen.values, v) {
			seen.values = append(seen.values, v)
			changed = true
		}
	}
	if !changed {
		return
	}
	if n := len(seen.values) - maxSeen; n > 0 {
		seen.values = slices.Delete(seen.values, 0, n)
	}
	// Longest first, so that a secret containing another is removed whole.
	byLength := slices.Clone(seen.values)
	slices.SortFunc(byLength, func(a, b string) int { return len(b) - len(a) })
	pairs := make([]string, 0, 2*len(byLength))
	for _, v := range byLength {
		pairs = append(pairs, v, Mark)
	}
	seen.replacer = strings.NewReplacer(pairs...)
}

// Known removes every value Remember registered. It is cheap enough to apply
// to every message the provider returns.
func Known(s string) string {
	seen.RLock()
	r := seen.replacer
	seen.RUnlock()
	if r == nil {
		return s
	}
	return r.Replace(s)
}

// secretWord is a name under which secrets travel: SecretAccessKey,
// SessionToken, Token, password, VAULT_TOKEN, api_key, Authorization, ...
const secretWord = `(?i:secret|token|passw(?:or)?d|pwd|credential|auth|signature|private|api_?key|access_?key|key)`

// Patterns of secrets in text, each with what it becomes. The order matters:
// whole structures (PEM blocks, fields) before the pieces they contain.
var patterns = []struct {
	re   *regexp.Regexp
	with string
}{
	{regexp.MustCompile(`-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----(?s:.*?)(?:-----END [A-Z0-9 ]*PRIVATE KEY-----|$)`), Mark},
	// JSON and Python-like fields: "SecretAccessKey": "..." (also cut off).
	// The key's opening quote is not required: an earlier field's value,
	// cut off, may have taken it.
	{regexp.MustCompile(`([A-Za-z0-9_.-]*` + secretWord + `[A-Za-z0-9_. -]*"\s*:\s*)"(?:[^"\\]|\\.)*"?`), `$1"` + Mark + `"`},
	{regexp.MustCompile(`([A-Za-z0-9_.-]*` + secretWord + `[A-Za-z0-9_. -]*'\s*:\s*)'(?:[^'\\]|\\.)*'?`), `$1'` + Mark + `'`},
	// XML elements: <SecretAccessKey>...</SecretAccessKey>.
	{regexp.MustCompile(`(<[A-Za-z0-9:_-]*` + secretWord + `[A-Za-z0-9:_-]*>)[^<]*`), `$1` + Mark},
	// Headers: Authorization: ..., X-Amz-Security-Token: ..., Cookie: ...
	{regexp.MustCompile(`(?i)((?:proxy-)?authorization|x-amz-security-token|x-amz-sso_bearer_token|set-cookie|cookie)(\s*:\s*)[^\r\n]*`), `$1$2` + Mark},
	{regexp.MustCompile(`(?i)\b(bearer|basic)\s+[A-Za-z0-9._~+/=-]{6,}`), `$1 ` + Mark},
	// NAME=value, name = "value", --password=value.
	{regexp.MustCompile(`([A-Za-z0-9_.-]*` + secretWord + `[A-Za-z0-9_.-]*\s*=\s*)(?:"[^"]*"?|'[^']*'?|[^\s,;&"'<>]+)`), `$1` + Mark},
	// password: value (YAML, logs); "token:" is not here, as the SDK's own
	// words say "SSO token: ..." before an explanation.
	{regexp.MustCompile(`(?i)([A-Za-z0-9_-]*(?:passw(?:or)?d|pwd|secret)[A-Za-z0-9_-]*\s*:\s*)[^\s,;]+`), `$1` + Mark},
	// --password value, -p value are too varied to catch; their values are
	// usually caught as Known or as a long run below.
	// URL userinfo: scheme://user:pass@host, user:pass@host, scheme://token@host.
	{regexp.MustCompile(`(://)[^\s/@?#"'<>]+@`), `$1` + Mark + `@`},
	{regexp.MustCompile(`[^\s/@:?#"'<>]*:[^\s/@?#"'<>]*@`), Mark + `@`},
	// URL query strings: signed URLs carry X-Amz-Signature and tokens.
	{regexp.MustCompile(`([A-Za-z][A-Za-z0-9+.-]*://[^\s?#"'<>]*)\?[^\s#"'<>]*`), `$1?` + Mark},
	// JWTs (web identity tokens) have a recognisable header.
	{regexp.MustCompile(`eyJ[A-Za-z0-9_-]{6,}(?:\.[A-Za-z0-9_-]*){0,2}`), Mark},
}

// arnBefore is the start of an ARN up to a run in its resource: nothing but
// the ARN (an opening quote or bracket at most) since the word began.
var arnBefore = regexp.MustCompile(`^["'(\[]?arn:[a-z-]+:[a-z0-9-]*:[a-z0-9-]*:[0-9]{0,12}:[^\s"'<>{}]*$`)

// longRun is a candidate base64 secret: 32 characters or more of its
// alphabet. runs inside an ARN are names, not secrets (see String).
var longRun = regexp.MustCompile(`[A-Za-z0-9+/_-]{32,}=*`)

// String removes from s every value Remember registered and anything shaped
// like a secret. It is for text the provider did not write: an SDK's error,
// a helper's output, a URL the user gave.
func String(s string) string {
	s = Known(s)
	for _, p := range patterns {
		s = p.re.ReplaceAllString(s, p.with)
	}
	return redactRuns(s)
}

// redactRuns removes long base64 runs shaped like a secret (a secret access
// key, a session token), except in the word of an ARN, whose long runs are
// names (AWSReservedSSO_Admin_0123abcd...), and except a path.
func redactRuns(s string) string {
	locs := longRun.FindAllStringIndex(s, -1)
	if locs == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, l := range locs {
		run := s[l[0]:l[1]]
		wordStart := strings.LastIndexFunc(s[:l[0]], unicode.IsSpace) + 1
		if arnBefore.MatchString(s[wordStart:l[0]]) || strings.HasPrefix(run, "/") || !secretShaped(run) {
			continue
		}
		b.WriteString(s[last:l[0]])
		b.WriteString(Mark)
		last = l[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// secretShaped says whether a run looks random rather than made of words:
// letters of both cases and a digit, changing class (upper, lower, digit) at
// more than 38% of its characters, separators aside. Random base64 of 32
// characters or more almost always does (about 64% on average); names made
// of words (DeployerRoleForProduction2024, a_file_name_0123) change at one
// character in five or fewer.
func secretShaped(run string) bool {
	var upper, lower, digit bool
	class := func(r rune) int {
		switch {
		case r >= 'A' && r <= 'Z':
			upper = true
			return 1
		case r >= 'a' && r <= 'z':
			lower = true
			return 2
		case r >= '0' && r <= '9':
			digit = true
			return 3
		}
		return 0
	}
	changes, n, prev := 0, 0, -1
	for _, r := range run {
		c := class(r)
		if c == 0 {
			continue // + / _ - =
		}
		if prev >= 0 && c != prev {
			changes++
		}
		prev = c
		n++
	}
	return upper && lower && digit && n > 1 && float64(changes) > 0.38*float64(n-1)
}
