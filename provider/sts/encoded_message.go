package sts

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

// encodedMessageType's length, from the STS service model (2011-06-15).
const minEncodedMessage, maxEncodedMessage = 1, 10240

// encodedMarker is how AWS introduces the message in an error text
// ("... Encoded authorization failure message: 4Rq1...").
const encodedMarker = "encoded authorization failure message:"

// encodedRun is the message itself: AWS encodes it in base64 (URL-safe, or
// not), so it ends at the first character that is not one of those: a
// space, a quote, a full stop, a backslash of a JSON escape, a line break.
var encodedRun = regexp.MustCompile(`^[A-Za-z0-9_+/=-]+`)

// extractEncoded finds the encoded message in what a user pasted: the
// message alone, or a whole error text (from the CLI, a log, a JSON error
// body) that contains "Encoded authorization failure message: ...". found
// says whether the text held the marker.
func extractEncoded(text string) (message string, found bool) {
	// The last marker: an error that quotes an earlier one names its own
	// message last.
	if i := indexFoldASCII(text, encodedMarker); i >= 0 {
		rest := strings.TrimLeftFunc(text[i+len(encodedMarker):], unicode.IsSpace)
		return encodedRun.FindString(rest), true
	}
	// The message alone, as copied: the quotes and line breaks around it
	// (and any inside, where a terminal wrapped it) are not part of it:
	// AWS refuses a message with line breaks.
	m := strings.Trim(strings.TrimSpace(text), "\"'`")
	m = strings.NewReplacer("\r", "", "\n", "").Replace(strings.TrimSpace(m))
	return m, false
}

// indexFoldASCII is the last index of lower-case ASCII needle in s,
// ignoring the case of ASCII letters, or -1.
func indexFoldASCII(s, needle string) int {
	for i := len(s) - len(needle); i >= 0; i-- {
		if strings.EqualFold(s[i:i+len(needle)], needle) {
			return i
		}
	}
	return -1
}

// checkEncoded checks the message that would be sent.
func checkEncoded(l *violation.List, field, text, message string, found bool) {
	switch {
	case found && message == "":
		l.Add(field, "holds %q but no message after it: paste the text that follows it", "Encoded authorization failure message:")
		return
	case !found && strings.TrimSpace(text) == "":
		l.Add(field, "is empty: pass the encoded message of an authorization failure, or the whole error text")
		return
	}
	l.Length(field, message, minEncodedMessage, maxEncodedMessage)
	if !found && strings.IndexFunc(message, unicode.IsSpace) >= 0 {
		l.Add(field, "is not an encoded authorization message (it has spaces) and holds no %q: pass the error "+
			"text that ends with one, or the message alone", "Encoded authorization failure message:")
	}
}
