package provider_test

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

const (
	assumeRoleWithSaml      = "aws-identity:sts:assumeRoleWithSaml"
	getFederationToken      = "aws-identity:sts:getFederationToken"
	getDelegatedAccessToken = "aws-identity:sts:getDelegatedAccessToken"
)

// withDefaults fills the required inputs a case does not set, so that each
// case reports only its own problems.
func withDefaults(cases []badCase, defaults map[string]property.Value, unless ...string) []badCase {
	for i := range cases {
		for k, v := range defaults {
			if _, ok := cases[i].args[k]; !ok && !strings.Contains(strings.Join(unless, "\n"), cases[i].name) {
				cases[i].args[k] = v
			}
		}
	}
	return cases
}

// samlCases: the role, the SAML provider (an arnType naming
// saml-provider/NAME), the assertion (SAMLAssertionType, 4-100000, base64),
// session policies and a roleDurationSecondsType.
func samlCases() []badCase {
	var cases []badCase
	for _, shared := range [][]badCase{roleArnCases(), roleDurationCases(), sessionPolicyCases()} {
		cases = append(cases, shared...)
	}
	secret := func(s string) property.Value { return str(s).WithSecret(true) }
	cases = append(cases, []badCase{
		both("principalArn empty", "principalArn", str(""), lengthIs(20, 2048, 0), "is not an ARN (it is empty"),
		one("principalArn a role", "principalArn", str(roleArn), `is not an IAM SAML provider ARN; pass one such as arn:aws:iam::123456789012:saml-provider/Okta`),
		one("principalArn an OIDC provider", "principalArn", str("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"),
			"is not an IAM SAML provider ARN"),
		one("principalArn no name", "principalArn", str("arn:aws:iam::123456789012:saml-provider/"), "is not an IAM SAML provider ARN"),
		one("principalArn another service", "principalArn", str("arn:aws:sso:::saml-provider/Okta-provider"), "is not an IAM SAML provider ARN"),
		one("principalArn short account", "principalArn", str("arn:aws:iam::1234:saml-provider/Okta"), `account "1234" is not a 12-digit`),
		one("principalArn control character", "principalArn", str("arn:aws:iam::123456789012:saml-provider/Ok\x00ta"), arnChars+`; found "\x00"`),
		both("samlAssertion short", "samlAssertion", secret("PD8"), lengthIs(4, 100000, 3), "is not base64"),
		one("samlAssertion empty", "samlAssertion", secret(""), lengthIs(4, 100000, 0)),
		one("samlAssertion long", "samlAssertion", secret(strings.Repeat("QUFB", 25001)), lengthIs(4, 100000, 100004)),
		one("samlAssertion URL-encoded", "samlAssertion", secret("PHNhbWxwOlJlc3BvbnNl%2BeG1s%3D"),
			"is not base64, which the identity provider's SAMLResponse is; it looks URL-encoded: URL-decode the SAMLResponse value first"),
		one("samlAssertion the XML itself", "samlAssertion", secret(`<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"/>`),
			"it looks like the XML itself: base64-encode it"),
		one("samlAssertion with a secret-looking word", "samlAssertion", secret(badSecret+"!"), "is not base64"),
		{name: "samlAssertion missing", args: map[string]property.Value{"roleArn": str(roleArn), "principalArn": str("arn:aws:iam::123456789012:saml-provider/Okta")},
			want: []want{{"samlAssertion", "Missing required field 'samlAssertion'"}}, loose: true},
		{name: "principalArn missing", args: map[string]property.Value{"roleArn": str(roleArn), "samlAssertion": secret("QUFBQQ==")},
			want: []want{{"principalArn", "Missing required field 'principalArn'"}}, loose: true},
		{name: "every field wrong at once", args: map[string]property.Value{
			"roleArn": str("arn:aws:iam::123456789012:user/alice"), "principalArn": str(roleArn),
			"samlAssertion": secret("%3C"), "policyArns": strs("nope-not-an-arn-at-all"), "policy": str("{"),
			"durationSeconds": num(43201),
		}, want: []want{
			{"roleArn", "is not an IAM role ARN"}, {"principalArn", "is not an IAM SAML provider ARN"},
			{"samlAssertion", lengthIs(4, 100000, 3)}, {"samlAssertion", "it looks URL-encoded"},
			{"policyArns[0]", "is not an ARN"}, {"policy", "is not valid JSON"}, {"durationSeconds", "but is 43201"},
		}},
	}...)
	return withDefaults(cases, map[string]property.Value{
		"roleArn": str(roleArn), "principalArn": str("arn:aws:iam::123456789012:saml-provider/Okta"),
		"samlAssertion": secret("PHNhbWxwOlJlc3BvbnNlLz4="),
	}, "samlAssertion missing", "principalArn missing")
}

// federationCases: name (userNameType, 2-32 of [\w+=,.@-]), session
// policies, durationSecondsType (900-129600) and tags.
func federationCases() []badCase {
	cases := sessionPolicyCases()
	fiftyOne := map[string]string{}
	for i := range 51 {
		fiftyOne[fmt.Sprintf("tag%02d", i)] = "x"
	}
	cases = append(cases, []badCase{
		one("name empty", "name", str(""), lengthIs(2, 32, 0)),
		one("name short", "name", str("b"), lengthIs(2, 32, 1)),
		one("name long", "name", str(strings.Repeat("n", 33)), lengthIs(2, 32, 33)),
		one("name space", "name", str("report reader"), `may contain only letters, digits and +=,.@_-; found " "`),
		one("name slash", "name", str("reports/reader"), `found "/"`),
		one("name non-ASCII", "name", str("lectör"), `found "\u00f6"`),
		both("name short and bad", "name", str(":"), lengthIs(2, 32, 1), `found ":"`),
		one("durationSeconds low", "durationSeconds", num(899), "must be between 900 (15 minutes) and 129600 (36 hours), but is 899"),
		one("durationSeconds high", "durationSeconds", num(129601), "but is 129601"),
		one("durationSeconds negative", "durationSeconds", num(-1), "but is -1"),
		one("tags 51", "tags", strMap(fiftyOne), "may hold at most 50 session tags, but holds 51"),
		at("tags bad key", "tags", strMap(map[string]string{"cost;center": "42"}), `tags["cost;center"] key`, `found ";"`),
		at("tags long value", "tags", strMap(map[string]string{"team": strings.Repeat("f", 257)}), `tags["team"]`, lengthIs(0, 256, 257)),
		at("tags duplicate ignoring case", "tags", strMap(map[string]string{"Team": "a", "TEAM": "b"}), `tags["Team"]`,
			`duplicates tag "TEAM": AWS compares tag keys ignoring case`),
		{name: "name missing", args: map[string]property.Value{},
			want: []want{{"name", "Missing required field 'name'"}}, loose: true},
		{name: "every field wrong at once", args: map[string]property.Value{
			"name": str("a b"), "policyArns": strs("ReadOnlyAccess-policy-name"), "policy": str("[1,"),
			"durationSeconds": num(200000), "tags": strMap(map[string]string{"": "x"}),
		}, want: []want{
			{"name", `found " "`}, {"policyArns[0]", "is not an ARN"}, {"policy", "is not valid JSON"},
			{"durationSeconds", "but is 200000"}, {`tags[""] key`, lengthIs(1, 128, 0)},
		}},
	}...)
	return withDefaults(cases, map[string]property.Value{"name": str("report-reader")}, "name missing")
}

// delegatedCases: tradeInTokenType has no limit in AWS's model but that it
// is given.
func delegatedCases() []badCase {
	return []badCase{
		one("tradeInToken empty", "tradeInToken", str("").WithSecret(true), "must not be empty"),
		one("tradeInToken empty, not marked secret", "tradeInToken", str(""), "must not be empty"),
		{name: "tradeInToken missing", args: map[string]property.Value{},
			want: []want{{"tradeInToken", "Missing required field 'tradeInToken'"}}, loose: true},
		// A number is taken as the text typed (YAML's plain config), but a
		// list is no token.
		{name: "tradeInToken a list", args: map[string]property.Value{"tradeInToken": strs("a", "b")},
			want: []want{{"tradeInToken", "must be a 'string'"}}, loose: true},
	}
}
