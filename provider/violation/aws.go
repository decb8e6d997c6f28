package violation

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// The character sets of AWS's STS service model (2011-06-15), by the name of
// the model's shape, with the words users read.
var (
	// arnType: every ARN member (roleArn, policyArns, providerArn, ...).
	ARNChars = NewSet(`[\x{0009}\x{000A}\x{000D}\x{0020}-\x{007E}\x{0085}\x{00A0}-\x{D7FF}\x{E000}-\x{FFFD}\x{10000}-\x{10FFFF}]`,
		"tab, line breaks and printable characters (no control characters)")
	// roleSessionNameType and sourceIdentityType.
	SessionNameChars = NewSet(`[\w+=,.@-]`, "letters, digits and +=,.@_-")
	// externalIdType.
	ExternalIDChars = NewSet(`[\w+=,.@:/-]`, "letters, digits and +=,.@:/_-")
	// serialNumberType.
	SerialNumberChars = NewSet(`[\w+=/:,.@-]`, "letters, digits and +=/:,.@_-")
	// tagKeyType and tagValueType.
	TagChars = NewSet(`[\p{L}\p{Z}\p{N}_.:/=+\-@]`, "letters, digits, spaces and _.:/=+-@")
	// sessionPolicyDocumentType.
	PolicyChars = NewSet(`[\x{0009}\x{000A}\x{000D}\x{0020}-\x{00FF}]`, "tab, line breaks and characters U+0020 to U+00FF")
	// tokenCodeType.
	Digits = NewSet(`[0-9]`, "digits")
	// accessKeyIdType.
	AccessKeyIDChars = NewSet(`\w`, "letters, digits and _")
)

// The limits of the STS service model and documentation that more than one
// function or configuration block shares.
const (
	MinARN, MaxARN           = 20, 2048
	MinDuration, MaxDuration = 900, 43200 // roleDurationSecondsType
	DurationWords            = "between 900 (15 minutes) and 43200 (12 hours)"
	MaxPolicyArns            = 10
	MaxPolicyText            = 2048
	MinAccessKeyID           = 16
	MaxAccessKeyID           = 128
)

// ARN checks an arnType member: 20-2048 characters of the model's set. It
// does not check what the ARN names; callers that need a role or a policy
// check that too.
func (l *List) ARN(field, value string) bool {
	okLen := l.Length(field, value, MinARN, MaxARN)
	return l.Chars(field, value, ARNChars) && okLen
}

// SessionName checks a roleSessionNameType member.
func (l *List) SessionName(field, value string) bool {
	okLen := l.Length(field, value, 2, 64)
	return l.Chars(field, value, SessionNameChars) && okLen
}

// Duration checks a roleDurationSecondsType member.
func (l *List) Duration(field string, seconds int) bool {
	return l.Range(field, seconds, MinDuration, MaxDuration, DurationWords)
}

// PolicyArns checks a policyDescriptorListType member: at most 10 ARNs, each
// reported under its own index, and returns how many characters of plain
// text they are, for the limit they share with the inline policy. ok is false
// when an item breaks its own limits.
func (l *List) PolicyArns(field string, arns []string) (plain int, ok bool) {
	l.Count(field, len(arns), MaxPolicyArns, "ARNs")
	ok = true
	for i, p := range arns {
		item := fmt.Sprintf("%s[%d]", field, i)
		plain += len([]rune(p))
		if !l.ARN(item, p) {
			ok = false
		}
		if !strings.HasPrefix(p, "arn:") {
			l.Add(item, "%s is not an ARN; pass a managed policy ARN such as arn:aws:iam::aws:policy/ReadOnlyAccess", Quote(p))
			ok = false
		}
	}
	return plain, ok
}

// SerialNumber checks a serialNumberType member: an MFA device's serial
// number or ARN.
func (l *List) SerialNumber(field, value string) bool {
	okLen := l.Length(field, value, 9, 256)
	return l.Chars(field, value, SerialNumberChars) && okLen
}

// TokenCode checks a tokenCodeType member: the 6 digits an MFA device shows.
func (l *List) TokenCode(field, value string) bool {
	if utf8.RuneCountInString(value) != 6 || !Digits.Contains(value) {
		hint := ""
		if value != "" && utf8.RuneCountInString(value) < 6 && Digits.Contains(value) {
			// Most likely a code that began with 0, read as a number
			// (an unquoted YAML value): the zero is gone for good.
			hint = "; a code that starts with 0 is changed when it is written unquoted in YAML, which reads " +
				"012345 as the octal number 5349 and 012389 as 12389: quote it"
		}
		l.Add(field, "must be exactly 6 digits, the code the MFA device shows%s", hint)
		return false
	}
	return true
}

// AccessKeyID checks an accessKeyIdType member: 16-128 letters, digits and _,
// such as AKIAIOSFODNN7EXAMPLE.
func (l *List) AccessKeyID(field, value string) bool {
	okLen := l.Length(field, value, MinAccessKeyID, MaxAccessKeyID)
	return l.Chars(field, value, AccessKeyIDChars) && okLen
}
