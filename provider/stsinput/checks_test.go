package stsinput

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

// One account ID pattern for the provider's account lists and any function
// that takes an account: 12 ASCII digits, and a message that quotes a huge
// value cut short.
func TestAccountID(t *testing.T) {
	for _, ok := range []string{"123456789012", "000000000000"} {
		l := &violation.List{}
		assert.True(t, AccountID(l, "id", ok), ok)
		assert.Empty(t, l.All, ok)
	}
	for id, reason := range map[string]string{
		"12345":                  `"12345" is not an AWS account ID: 12 digits, such as 123456789012`,
		"1234567890123":          `"1234567890123" is not an AWS account ID: 12 digits, such as 123456789012`,
		"١٢٣٤٥٦٧٨٩٠١٢":           `"١٢٣٤٥٦٧٨٩٠١٢" is not an AWS account ID: 12 digits, such as 123456789012`,
		" 123456789012":          `" 123456789012" is not an AWS account ID: 12 digits, such as 123456789012`,
		strings.Repeat("9", 500): `"` + strings.Repeat("9", 40) + `" is not an AWS account ID: 12 digits, such as 123456789012`,
	} {
		l := &violation.List{Prefix: "allowedAccountIds"}
		assert.False(t, AccountID(l, "[0]", id), id)
		assert.Equal(t, []violation.Violation{{Field: "allowedAccountIds[0]", Reason: reason}}, l.All)
	}
}

// The web identity token is checked for its length only, and no message
// quotes it: any character could be part of the secret.
func TestWebIdentityTokenIsNeverQuoted(t *testing.T) {
	for _, token := range []string{"abc", strings.Repeat("s3cret", 4000)} {
		l := &violation.List{}
		WebIdentityToken(l, "webIdentityToken", token)
		if assert.Len(t, l.All, 1, len(token)) {
			assert.NotContains(t, l.All[0].Reason, "s3cret")
			assert.NotContains(t, l.All[0].Reason, "abc")
		}
	}
	l := &violation.List{}
	WebIdentityToken(l, "webIdentityToken", "a\x00b\u202e"+strings.Repeat("x", MaxWebIdentityToken-4))
	assert.Empty(t, l.All, "any character, up to the limit")
}
