package provider_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	consoleSigninURL = "aws-identity:index:getConsoleSigninUrl"
	accountAlias     = "aws-identity:iam:getAccountAlias"
)

func consoleCreds(kv map[string]string) property.Value {
	m := map[string]property.Value{}
	for k, v := range kv {
		m[k] = str(v).WithSecret(k != "accessKeyId")
	}
	return property.New(m)
}

// consoleSigninCases: getConsoleSigninUrl's inputs. Secret values are
// badSecret, which no message may hold.
func consoleSigninCases() []badCase {
	const temp = "ASIAIOSFODNN7EXAMPLE"
	const absolute = "must be an absolute http(s) URL of a console page"
	const longTerm = "the federation endpoint accepts only temporary credentials"
	return []badCase{
		one("destination empty", "destination", str(""), lengthIs(1, 2048, 0)),
		one("destination relative", "destination", str("/s3/home"), absolute),
		one("destination not http", "destination", str("ftp://console.aws.amazon.com/"), absolute),
		one("destination too long", "destination", str("https://console.aws.amazon.com/"+long2049), lengthIs(1, 2048, 2080)),
		one("issuer empty", "issuer", str(""), lengthIs(1, 2048, 0)),
		one("issuer control character", "issuer", str("https://sso.example.com/\x00"), "must not hold control characters"),
		one("issuer too long", "issuer", str(long2049), lengthIs(1, 2048, 2049)),
		one("sessionDuration short", "sessionDuration", num(899), "must be between 900 and 43200, but is 899"),
		one("sessionDuration long", "sessionDuration", num(43201), "must be between 900 and 43200, but is 43201"),
		at("credentials long-term keys", "credentials",
			consoleCreds(map[string]string{"accessKeyId": "AKIAIOSFODNN7EXAMPLE", "secretAccessKey": badSecret}),
			"credentials.sessionToken", "is missing: "+longTerm),
		at("credentials AKIA with a token", "credentials",
			consoleCreds(map[string]string{"accessKeyId": "AKIAIOSFODNN7EXAMPLE", "secretAccessKey": badSecret, "sessionToken": badSecret}),
			"credentials.accessKeyId", "is an IAM user's long-term key (AKIA...): "+longTerm),
		at("credentials secret empty", "credentials",
			consoleCreds(map[string]string{"accessKeyId": temp, "secretAccessKey": "", "sessionToken": badSecret}),
			"credentials.secretAccessKey", "is empty"),
		at("credentials key ID not one", "credentials",
			consoleCreds(map[string]string{"accessKeyId": "ASIA/" + badSecret, "secretAccessKey": badSecret, "sessionToken": badSecret}),
			"credentials.accessKeyId", "is not an AWS access key ID (16 to 128 letters and digits)"),
		{name: "everything at once", args: map[string]property.Value{
			"destination":     str("console"),
			"issuer":          str(""),
			"sessionDuration": num(60),
			"credentials":     consoleCreds(map[string]string{"accessKeyId": "", "secretAccessKey": ""}),
		}, want: []want{
			{"destination", absolute},
			{"issuer", lengthIs(1, 2048, 0)},
			{"sessionDuration", "must be between 900 and 43200, but is 60"},
			{"credentials.accessKeyId", "is empty"},
			{"credentials.secretAccessKey", "is empty"},
			{"credentials.sessionToken", "is missing: " + longTerm},
		}},
		one("federatedUserName short", "federatedUserName", str("a"), lengthIs(2, 32, 1)),
		one("federatedUserName long", "federatedUserName", str(strings.Repeat("a", 33)), lengthIs(2, 32, 33)),
		one("federatedUserName space", "federatedUserName", str("alice b"), `may contain only letters, digits and +=,.@_-; found " "`),
		{name: "federatedUserName with credentials", args: map[string]property.Value{
			"federatedUserName": str("alice"),
			"credentials": consoleCreds(map[string]string{"accessKeyId": temp, "secretAccessKey": badSecret,
				"sessionToken": badSecret}),
		}, want: []want{{"federatedUserName", "cannot be used together with credentials"}}},
		one("policy without federatedUserName", "policy", str(`{"Version":"2012-10-17"}`),
			"is the federated user's: give federatedUserName too"),
		one("policyArns without federatedUserName", "policyArns", strs("arn:aws:iam::aws:policy/ReadOnlyAccess"),
			"is the federated user's: give federatedUserName too"),
		{name: "federatedUserName with a bad policy", args: map[string]property.Value{
			"federatedUserName": str("alice"), "policy": str("{not json"),
		}, want: []want{{"policy", "is not valid JSON"}}},
		{name: "sessionDuration a string", args: map[string]property.Value{"sessionDuration": str("1h")},
			want: []want{{"sessionDuration", "must be a 'int'"}}, loose: true},
		{name: "credentials missing accessKeyId", args: map[string]property.Value{
			"credentials": consoleCreds(map[string]string{"secretAccessKey": badSecret, "sessionToken": badSecret})},
			want: []want{{"accessKeyId", "Missing required field 'accessKeyId'"}}, loose: true},
	}
}

// getAccountAlias has no inputs: an unknown one is refused or ignored,
// never a crash, and never reaches AWS unchecked.
func TestBadInputsAccountAlias(t *testing.T) {
	closed := "http://127.0.0.1:9"
	s := newServer(t, property.NewMap(map[string]property.Value{
		"region": str("us-east-1"), "maxRetries": num(0),
		"accessKey": str("AKIAIOSFODNN7EXAMPLE"), "secretKey": str(badSecret).WithSecret(true),
		"endpoints": property.New(map[string]property.Value{"sts": str(closed), "iam": str(closed)}),
	}))
	require.NotPanics(t, func() {
		_, err := invokeAll(s, accountAlias, map[string]property.Value{"roleArn": str(strings.Repeat("ü", 5000))})
		if err != nil {
			assert.NotContains(t, err.Error(), strings.Repeat("ü", 1000))
			assert.NotContains(t, err.Error(), badSecret)
		}
	})
}
