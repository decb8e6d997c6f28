package stderrfilter

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/redact"
)

func TestCopyKeepsOnlyTheProvidersOwnLines(t *testing.T) {
	const canary = "hq7Zk2PqYx81LmN0aBcDcanary"
	redact.Remember("seenSecretValue123")
	in := strings.Join([]string{
		"I1201 03:44:39.123456    1234 provider.go:12] configured the provider",
		"debug: refresh token " + canary + " rejected",
		"W1201 03:44:40.000001   77 chain.go:9] retrying with seenSecretValue123",
		"Enter MFA code for arn:aws:iam::123456789012:mfa/alice: " + canary,
		"I1201 nonsense " + canary,
		strings.Repeat("x", 3*maxLine) + canary,
		"E1201 03:44:41.000002   77 chain.go:10] last line without a newline",
	}, "\n")
	var out bytes.Buffer
	Copy(&out, strings.NewReader(in))
	got := out.String()
	assert.NotContains(t, got, canary)
	assert.NotContains(t, got, "seenSecretValue123")
	assert.Equal(t, "I1201 03:44:39.123456    1234 provider.go:12] configured the provider\n"+
		"W1201 03:44:40.000001   77 chain.go:9] retrying with "+redact.Mark+"\n"+
		"E1201 03:44:41.000002   77 chain.go:10] last line without a newline\n", got)
}

// A glog line longer than the limit is cut, not dropped or held whole.
func TestCopyCutsLongLines(t *testing.T) {
	long := "I1201 03:44:39.123456    1234 provider.go:12] " + strings.Repeat("a ", maxLine)
	var out bytes.Buffer
	Copy(&out, strings.NewReader(long+"\nI1201 03:44:39.123456    1234 provider.go:13] next\n"))
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	assert.Len(t, lines, 2)
	assert.LessOrEqual(t, len(lines[0]), maxLine)
	assert.True(t, strings.HasSuffix(lines[1], "] next"))
}
