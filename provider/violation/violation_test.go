package violation

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestJoin(t *testing.T) {
	assert.NoError(t, Join("x", nil))
	err := Join("arguments to f", []Violation{{"a", "is bad"}, {"b[2]", "is worse"}})
	assert.EqualError(t, err, "invalid arguments to f (2 problems):\n  - a: is bad\n  - b[2]: is worse")
	assert.EqualError(t, Join("arguments to f", []Violation{{Field: "a", Reason: "is bad"}}),
		"invalid arguments to f (1 problem):\n  - a: is bad")
}

// Each check of a field runs whatever another found, and names the field
// under the list's prefix.
func TestChecks(t *testing.T) {
	for _, c := range []struct {
		name  string
		check func(l *List)
		want  []string
	}{
		{"length in characters, not bytes", func(l *List) { l.Length("f", "日本", 2, 2) }, nil},
		{"too short", func(l *List) { l.Length("f", "a", 2, 64) }, []string{"p.f: must be 2 to 64 characters long, but is 1"}},
		{"first character outside, escaped", func(l *List) { l.Chars("f", "ok\x00\x01", SessionNameChars) },
			[]string{`p.f: may contain only letters, digits and +=,.@_-; found "\x00"`}},
		{"ARN: length and characters both", func(l *List) { l.ARN("f", "arn:\x00") }, []string{
			"p.f: must be 20 to 2048 characters long, but is 5",
			`p.f: may contain only tab, line breaks and printable characters (no control characters); found "\x00"`}},
		{"ARN: line breaks and non-ASCII are in AWS's set", func(l *List) { l.ARN("f", "arn:aws:iam::123456789012:role/\tRôle\n") }, nil},
		{"ARN: DEL and C1 controls are not", func(l *List) { l.ARN("f", "arn:aws:iam::123456789012:role/\u0080x") },
			[]string{`found "\u0080"`}},
		{"range with words", func(l *List) { l.Duration("f", 60) },
			[]string{"p.f: must be between 900 (15 minutes) and 43200 (12 hours), but is 60"}},
		{"range without words", func(l *List) { l.Range("f", 5, 0, 3, "") }, []string{"p.f: must be between 0 and 3, but is 5"}},
		{"count", func(l *List) { l.Count("f", 11, 10, "ARNs") }, []string{"p.f: may hold at most 10 ARNs, but holds 11"}},
		{"policy ARNs: the list and each item under its own index", func(l *List) {
			l.PolicyArns("f", append(strings.Split(strings.Repeat("arn:aws:iam::aws:policy/ReadOnly,", 10), ",")[:10], "ReadOnly"))
		}, []string{"p.f: may hold at most 10 ARNs, but holds 11", "p.f[10]: must be 20 to 2048 characters long, but is 8",
			`p.f[10]: "ReadOnly" is not an ARN`}},
		{"token code", func(l *List) { l.TokenCode("f", "12345x") }, []string{"p.f: must be exactly 6 digits"}},
		{"access key ID: length and characters both", func(l *List) { l.AccessKeyID("f", "AKIA-1") }, []string{
			"p.f: must be 16 to 128 characters long, but is 6", `p.f: may contain only letters, digits and _; found "-"`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			l := &List{Prefix: "p."}
			c.check(l)
			var got []string
			for _, v := range l.All {
				got = append(got, v.Error())
			}
			assert.Len(t, got, len(c.want), "%q", got)
			for i := range min(len(got), len(c.want)) {
				assert.Contains(t, got[i], c.want[i])
			}
		})
	}
}

func TestPolicyArnsPlainText(t *testing.T) {
	l := &List{}
	plain, ok := l.PolicyArns("policyArns", []string{"arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/é"})
	assert.True(t, ok)
	assert.Equal(t, 38+25, plain, "characters, as AWS counts plain text")
	assert.Empty(t, l.All)
}

// A value of a million characters, quoted or named as a field (tags["..."]),
// makes a message of a bounded length.
func TestMessagesStayShort(t *testing.T) {
	huge := strings.Repeat("ü", 1_000_000)
	l := &List{}
	l.Length("tags["+Quote(huge)+"] key", huge, 1, 128)
	l.Add("f", "%q is wrong", huge) // a caller that forgot to cut
	l.PolicyArns("policyArns", []string{huge})
	for _, v := range l.All {
		msg := v.Error()
		assert.Less(t, utf8.RuneCountInString(msg), MaxField+MaxReason+40, "%.80s", msg)
	}
	assert.Equal(t, `tags["`+strings.Repeat("ü", 200)+`"... (1000000 characters)] key: must be 1 to 128 characters long, but is 1000000`,
		l.All[0].Error(), "the length in characters, not the 2000000 bytes")
	assert.Contains(t, l.All[1].Reason, "... (1000011 characters)")
	assert.Equal(t, `policyArns[0]: "`+strings.Repeat("ü", 200)+`"... (1000000 characters) is not an ARN; pass a managed policy ARN such as arn:aws:iam::aws:policy/ReadOnlyAccess`,
		l.All[len(l.All)-1].Error())
	long := Violation{Field: strings.Repeat("f", 5000), Reason: strings.Repeat("r", 5000)}
	assert.Less(t, len(long.Error()), MaxField+MaxReason+60)
}

// A 6-character code of non-ASCII digits is refused for its characters, and
// "exactly 6 digits" counts characters.
func TestTokenCodeCountsCharacters(t *testing.T) {
	l := &List{}
	assert.False(t, l.TokenCode("tokenCode", "١٢٣٤٥٦")) // Arabic-Indic digits: 6 characters, 12 bytes
	assert.True(t, (&List{}).TokenCode("tokenCode", "123456"))
	assert.Equal(t, "tokenCode: must be exactly 6 digits, the code the MFA device shows", l.All[0].Error())
}
