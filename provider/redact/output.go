package redact

import (
	"regexp"
	"strings"
	"unicode"
)

// A helper program's free text (a credential_process's stderr) is not the
// SDK's or AWS's, whose shapes String knows: a debug line may print a token
// bare ("refresh token 3vQ9... rejected"). Output removes, besides what
// String does, the word after a secret's name when it holds a digit, and
// every long run of base64's alphabet: 20 characters or more with a digit,
// 32 or more of any kind. What is lost is a request ID or a UUID now and
// then; what is kept is the helper's words.

var (
	afterSecretWord = regexp.MustCompile(`(` + secretWord + `[A-Za-z0-9_-]*\s*[:=]?\s+)([^\s,;"'<>]{8,})`)
	anyRun          = regexp.MustCompile(`[A-Za-z0-9+/=_-]{20,}`)
	ansiEscape      = regexp.MustCompile(`\x1b(?:\[[0-9;?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])`)
)

// Output is how a line another program printed for people may be quoted:
// String, then the stricter rules above, with terminal escapes and control
// characters removed.
func Output(s string) string {
	s = ansiEscape.ReplaceAllString(s, "")
	s = strings.Map(func(r rune) rune {
		if r == '\t' {
			return ' '
		}
		if unicode.IsControl(r) || r == unicode.ReplacementChar {
			return -1
		}
		return r
	}, s)
	s = String(s)
	s = afterSecretWord.ReplaceAllStringFunc(s, func(m string) string {
		sub := afterSecretWord.FindStringSubmatch(m)
		if sub[2] == Mark || !strings.ContainsAny(sub[2], "0123456789") {
			return m
		}
		return sub[1] + Mark
	})
	locs := anyRun.FindAllStringIndex(s, -1)
	if locs == nil {
		return s
	}
	var b strings.Builder
	last := 0
	for _, l := range locs {
		run := s[l[0]:l[1]]
		wordStart := strings.LastIndexFunc(s[:l[0]], unicode.IsSpace) + 1
		word := strings.TrimLeft(s[wordStart:], `"'(`)
		path := strings.HasPrefix(word, "/") || strings.HasPrefix(word, "./") || strings.HasPrefix(word, "../") ||
			strings.HasPrefix(word, "~/")
		if arnBefore.MatchString(s[wordStart:l[0]]) || path ||
			(len(run) < 32 && !strings.ContainsAny(run, "0123456789")) {
			continue
		}
		b.WriteString(s[last:l[0]])
		b.WriteString(Mark)
		last = l[1]
	}
	b.WriteString(s[last:])
	return b.String()
}

// Tail is the end of another program's output as a message may quote it:
// its last lines that are not blank, at most lines of them, each through
// Output, joined by " | " and cut to max characters, the end kept.
func Tail(s string, lines, max int) string {
	var kept []string
	all := strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	for i := len(all) - 1; i >= 0 && len(kept) < lines; i-- {
		if line := strings.TrimSpace(Output(all[i])); line != "" {
			kept = append([]string{line}, kept...)
		}
	}
	out := strings.Join(kept, " | ")
	if r := []rune(out); len(r) > max {
		out = "..." + string(r[len(r)-max:])
	}
	return out
}
