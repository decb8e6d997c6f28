package redact

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// Each case plants a secret in a shape seen in SDK errors, helper output or
// settings, and checks that it is gone and that the words around it stay.
func TestStringRemovesSecretShapes(t *testing.T) {
	for _, c := range []struct {
		name, in, secret, keeps string
	}{
		{"JSON field", `{"Version": 1, "AccessKeyId": "ASIAX", "SecretAccessKey": "c4nArY/sEcReT+kEy", "Expiration": "2030"}`,
			"c4nArY/sEcReT+kEy", `"Expiration": "2030"`},
		{"JSON session token", `{"SessionToken":"c4nArYt0k3n"}`, "c4nArYt0k3n", `"SessionToken":`},
		{"JSON cut off inside the value", `parse failed: {"Token": "c4nArYt0k3nXYZ`, "c4nArYt0k3nXYZ", `"Token": `},
		{"JSON escaped quote in the value", `{"password": "pa\"c4nArY\"ss"}`, `c4nArY`, `"password"`},
		{"Python dict", `{'secret': 'c4nArYpy'}`, "c4nArYpy", `'secret'`},
		{"XML element", `<Credentials><SecretAccessKey>c4nArYxml</SecretAccessKey>`, "c4nArYxml", "<SecretAccessKey>"},
		{"shell prefix", `VAULT_TOKEN=c4nArYvault /usr/local/bin/helper`, "c4nArYvault", "/usr/local/bin/helper"},
		{"quoted assignment", `aws_secret_access_key = "c4nArY q"`, "c4nArY", "aws_secret_access_key"},
		{"option", `helper --password=c4nArYopt --user alice`, "c4nArYopt", "--user alice"},
		{"yaml password", `password: c4nArYyaml`, "c4nArYyaml", "password"},
		{"authorization header", "Authorization: AWS4-HMAC-SHA256 Credential=AKIA/c4nArYsig", "c4nArYsig", "Authorization"},
		{"bearer", "sent Bearer c4nArYbearer.x.y", "c4nArYbearer", "sent Bearer"},
		{"URL userinfo", "proxyconnect tcp: dial http://alice:c4nArYpw@proxy:3128", "c4nArYpw", "proxy:3128"},
		{"mistyped URL userinfo", "http//alice:c4nArYpw@proxy:3128", "c4nArYpw", "proxy:3128"},
		{"URL token as user", "https://c4nArYghp@github.example/x", "c4nArYghp", "github.example/x"},
		{"URL query", `Get "https://portal.example/federation/credentials?role_name=r&token=c4nArYq": EOF`, "c4nArYq",
			"https://portal.example/federation/credentials?"},
		{"JWT", "token eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjNG5BcllqIn0.c4nArYsig rejected", "c4nArYsig", "rejected"},
		{"base64 secret key", "key Zq3Hn8+vR2kPw0XbY7cL/aJ5tE9sGd1fUi4Mo6Nr was refused", "Zq3Hn8+vR2kPw0XbY7cL", "was refused"},
		{"session token", "token FwoGZXIvYXdzEBYaDHqa0AP1/5HnEpLTYyLBAWwqJ8Ngp0ZU rejected", "FwoGZXIvYXdzEBYaDHqa0AP1", " rejected"},
		{"PEM private key", "-----BEGIN RSA PRIVATE KEY-----\nMIIc4nArY\n-----END RSA PRIVATE KEY----- end", "MIIc4nArY", " end"},
	} {
		t.Run(c.name, func(t *testing.T) {
			got := String(c.in)
			assert.NotContains(t, got, c.secret)
			assert.Contains(t, got, c.keeps)
			assert.Contains(t, got, Mark)
		})
	}
}

// What is not a secret stays readable: ARNs (with long role names), request
// IDs, AWS's explanations.
func TestStringKeepsOrdinaryText(t *testing.T) {
	for _, s := range []string{
		"User: arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_AdministratorAccess_0123456789abcdef/alice@example.com " +
			"is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/DeployerRoleForProductionAccount2024",
		"operation error STS: AssumeRole, https response error StatusCode: 403, RequestID: 00000000-0000-4000-8000-000000000001",
		"The security token included in the request is expired",
		"failed to refresh cached SSO token: the SSO session has expired or is invalid",
		"dial tcp 127.0.0.1:5000: connect: connection refused",
		"the program /tmp/TestCredentialProcessFailuresInOurWordsa_line_after_the_JSON852176413/001/helper failed",
		"AWSReservedSSO_AdministratorAccess_0123456789abcdef and DeployerRoleForProductionAccount2024 and a_file_name_0123456789_abcdef",
	} {
		assert.Equal(t, s, String(s))
	}
}

func TestRemember(t *testing.T) {
	Remember("c4nArYremembered0000", "testing") // "testing" (moto's secret key) is too short to keep
	assert.Equal(t, "a "+Mark+" b testing", Known("a c4nArYremembered0000 b testing"))
	Remember("c4nArYremembered0000") // twice is once
	Remember("c4nArYremembered0000XL")
	assert.Equal(t, Mark+" and "+Mark, Known("c4nArYremembered0000XL and c4nArYremembered0000"),
		"the longer value is removed whole")
	assert.Equal(t, "x "+Mark, String("x c4nArYremembered0000"))
}

func TestRememberIsBounded(t *testing.T) {
	Remember("c4nArYoldest0000")
	for i := range maxSeen {
		Remember("filler-" + strings.Repeat("x", i%7) + string(rune('a'+i%26)) + strings.Repeat("y", i))
	}
	seen.RLock()
	n := len(seen.values)
	seen.RUnlock()
	assert.LessOrEqual(t, n, maxSeen)
	assert.Equal(t, "c4nArYoldest0000", Known("c4nArYoldest0000"), "the oldest value went first")
}

func TestCutAndQuote(t *testing.T) {
	assert.Equal(t, "日本", Cut("日本", 2))
	assert.Equal(t, "日本... (3 characters)", Cut("日本語", 2), "characters, not bytes")
	assert.Equal(t, `"ab"... (1000000 characters)`, Quote(strings.Repeat("ab", 500000), 2))
	assert.Equal(t, `"a\x00"`, Quote("a\x00", 5))
}

func TestURL(t *testing.T) {
	assert.Equal(t, "http://proxy:3128", URL("http://alice:c4nArY@proxy:3128?token=c4nArY#x"))
	assert.Equal(t, "https://sts.example/path", URL("https://sts.example/path?X-Amz-Signature=c4nArY"))
	assert.Equal(t, "http//"+Mark+"@proxy:3128", URL("http//alice:c4nArY@proxy:3128"))
	assert.Equal(t, "%zz "+Mark+"@h", URL("%zz a:c4nArY@h"))
}

func TestProgram(t *testing.T) {
	for in, want := range map[string]string{
		"VAULT_TOKEN=c4nArY /usr/local/bin/helper --x":    "/usr/local/bin/helper",
		`A=1 B="c4nArY two" 'helper one' --secret c4nArY`: "helper one",
		"env -i VAULT_TOKEN=c4nArY helper":                "helper",
		"aws-vault export --format=json prod":             "aws-vault",
		`/opt/my\ tools/helper arg`:                       "/opt/my tools/helper",
		" ":                                               "",
		"":                                                "",
		"VAULT_TOKEN=c4nArY":                              "",
		"/bin/helper?token=c4nArYZZ":                      "/bin/helper?token=" + Mark,
		"echo '{\"Version\":1}'; VAULT_TOKEN=c4nArY true": "echo",
		strings.Repeat("h", 300) + " x":                   strings.Repeat("h", 200) + "... (300 characters)",
	} {
		assert.Equal(t, want, Program(in), "Program(%q)", in)
	}
}
