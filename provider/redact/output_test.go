package redact

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestOutput(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"plain words", "Error: the session for prod expired", "Error: the session for prod expired"},
		{"a bare token after its name", "refresh token hostileCanaryq2w3e4r5t6y7u8i9o0pZ rejected",
			"refresh token [redacted] rejected"},
		{"a short token with a digit after its name", "api_key: ab12cd34ef", "api_key: [redacted]"},
		{"a word after a secret's name, not a value", "token expired, log in again", "token expired, log in again"},
		{"a long run with a digit", "request 0f8fad5b-d9cb-469f-a165-70867728950e failed", "request [redacted] failed"},
		{"a long run of letters", "got hostilecanaryabcdefghijklmnopqrstuvwxyz", "got [redacted]"},
		{"a long name without digits", "AccessDeniedException: not allowed", "AccessDeniedException: not allowed"},
		{"a path", "reading /home/alice/.config/corp-login/0123456789abcdef0123.json",
			"reading /home/alice/.config/corp-login/0123456789abcdef0123.json"},
		{"an ARN", "no access to arn:aws:iam::123456789012:role/DeployerRoleForProduction20240101",
			"no access to arn:aws:iam::123456789012:role/DeployerRoleForProduction20240101"},
		{"NAME=value", "VAULT_TOKEN=s3cr3t ok", "VAULT_TOKEN=[redacted] ok"},
		{"terminal escapes and control characters", "\x1b[2J\x1b[31mERROR\x1b[0m \x07bell\tand tab", "ERROR bell and tab"},
	} {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, Output(c.in))
		})
	}
}

func TestTail(t *testing.T) {
	assert.Equal(t, "", Tail("\n \n", 4, 300))
	assert.Equal(t, "c | d | e | f", Tail("a\nb\nc\n\nd\r\ne\nf\n", 4, 300))
	long := strings.Repeat("word ", 200)
	got := Tail("first\n"+long+"\nlast", 4, 50)
	assert.True(t, strings.HasPrefix(got, "...ord word"), got)
	assert.True(t, strings.HasSuffix(got, "word | last"), got)
	assert.Len(t, got, len("...")+50)
}
