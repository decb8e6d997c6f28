package provider_test

import (
	"fmt"
	"strings"
	"testing"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Every input of every function and every provider configuration field,
// with at least one violating value per rule. Each case lists every problem
// it expects (field and words of the reason): all must be reported, in one
// answer, each on its own line naming its field, and nothing more. No case
// may reach AWS: the server's endpoints are a closed port.

// want is one expected problem: the field it names and words of its reason.
type want struct{ field, reason string }

type badCase struct {
	name string
	args map[string]property.Value
	want []want
	// loose: type errors from the engine's schema check; only the wants are
	// asserted, not their number.
	loose bool
}

const roleArn = "arn:aws:iam::123456789012:role/Deployer"

var (
	long2049 = strings.Repeat("a", 2049)
	lengthIs = func(lo, hi, n int) string {
		return fmt.Sprintf("must be %d to %d characters long, but is %d", lo, hi, n)
	}
	// badSecret must never appear in any message.
	badSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYbadInputSecret"
)

func repeat(n int, f func(i int) string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = f(i)
	}
	return out
}

func strMap(kv map[string]string) property.Value {
	m := map[string]property.Value{}
	for k, v := range kv {
		m[k] = str(v)
	}
	return property.New(m)
}

func ctxs(pairs ...[2]string) property.Value {
	vs := make([]property.Value, len(pairs))
	for i, c := range pairs {
		vs[i] = property.New(map[string]property.Value{"providerArn": str(c[0]), "contextAssertion": str(c[1])})
	}
	return property.New(vs)
}

func one(name, field string, v property.Value, reason string) badCase {
	return badCase{name: name, args: map[string]property.Value{field: v}, want: []want{{field, reason}}}
}

func at(name, arg string, v property.Value, field, reason string) badCase {
	return badCase{name: name, args: map[string]property.Value{arg: v}, want: []want{{field, reason}}}
}

// both is a value that breaks two rules of its field: both are reported.
func both(name, field string, v property.Value, reason1, reason2 string) badCase {
	return badCase{name: name, args: map[string]property.Value{field: v}, want: []want{{field, reason1}, {field, reason2}}}
}

const (
	arnChars  = "may contain only tab, line breaks and printable characters (no control characters)"
	notAnArn  = "is not an ARN"
	mfaDevice = "arn:aws:iam::123456789012:mfa/alice"
)

// roleArnCases: an arnType of 20-2048 characters of AWS's set, naming an IAM role.
func roleArnCases() []badCase {
	return []badCase{
		both("roleArn empty", "roleArn", str(""), lengthIs(20, 2048, 0), "is not an ARN (it is empty"),
		both("roleArn too short", "roleArn", str("arn:aws:iam::1:role"), lengthIs(20, 2048, 19), `account "1" is not a 12-digit`),
		both("roleArn too long", "roleArn", str("arn:aws:iam::123456789012:role/"+long2049), lengthIs(20, 2048, 2080), "ARNs are at most 2048"),
		one("roleArn not an ARN", "roleArn", str("Deployer role in prod account"), "is not an ARN (it does not have the form"),
		one("roleArn a user", "roleArn", str("arn:aws:iam::123456789012:user/alice"), "is not an IAM role ARN; pass one"),
		one("roleArn a session", "roleArn", str("arn:aws:sts::123456789012:assumed-role/Deployer/ci"), "is not an IAM role ARN"),
		one("roleArn no role name", "roleArn", str("arn:aws:iam::123456789012:role/"), "is not an IAM role ARN"),
		one("roleArn short account", "roleArn", str("arn:aws:iam::12345:role/Deployer"), `account "12345" is not a 12-digit`),
		one("roleArn with region", "roleArn", str("arn:aws:iam:us-east-1:123456789012:role/Deployer"), "iam ARNs have no region"),
		one("roleArn bad partition", "roleArn", str("arn:amazon:iam::123456789012:role/Deployer"), `partition "amazon" is not an AWS partition`),
		one("roleArn white space", "roleArn", str(roleArn+" "), "leading or trailing white space"),
		one("roleArn non-ASCII name", "roleArn", str("arn:aws:iam::123456789012:role/Déployeur"), `role name "Déployeur" must be 1-64`),
		one("roleArn line break", "roleArn", str("arn:aws:iam::123456789012:role/Deploy\ner"), "role name"),
		both("roleArn control character", "roleArn", str("arn:aws:iam::123456789012:role/Deploy\x00er"), arnChars+`; found "\x00"`, "role name"),
		both("roleArn escape character", "roleArn", str("arn:aws:iam::123456789012:role/\x1bDeployer"), `found "\x1b"`, "role name"),
		one("roleArn name too long", "roleArn", str("arn:aws:iam::123456789012:role/"+strings.Repeat("r", 65)), "must be 1-64"),
	}
}

// sessionNameCases: a roleSessionNameType, 2-64 of [\w+=,.@-].
func sessionNameCases() []badCase {
	return []badCase{
		one("roleSessionName empty", "roleSessionName", str(""), lengthIs(2, 64, 0)),
		one("roleSessionName short", "roleSessionName", str("a"), lengthIs(2, 64, 1)),
		one("roleSessionName long", "roleSessionName", str(strings.Repeat("s", 65)), lengthIs(2, 64, 65)),
		one("roleSessionName space", "roleSessionName", str("deploy 42"), `may contain only letters, digits and +=,.@_-; found " "`),
		one("roleSessionName non-ASCII", "roleSessionName", str("sesión"), `found "\u00f3"`),
		one("roleSessionName slash", "roleSessionName", str("ci/42"), `found "/"`),
		one("roleSessionName tab", "roleSessionName", str("ci\t42"), `found "\t"`),
		both("roleSessionName short and bad", "roleSessionName", str("/"), lengthIs(2, 64, 1), `found "/"`),
		both("roleSessionName long and bad", "roleSessionName", str(strings.Repeat("s ", 40)), lengthIs(2, 64, 80), `found " "`),
	}
}

// roleDurationCases: a roleDurationSecondsType, 900-43200.
func roleDurationCases() []badCase {
	return []badCase{
		one("durationSeconds low", "durationSeconds", num(899), "must be between 900 (15 minutes) and 43200 (12 hours), but is 899"),
		one("durationSeconds high", "durationSeconds", num(43201), "but is 43201"),
		one("durationSeconds zero", "durationSeconds", num(0), "but is 0"),
		one("durationSeconds negative", "durationSeconds", num(-3600), "but is -3600"),
	}
}

// sessionPolicyCases: policyArns, at most 10 arnTypes naming policies, and
// policy, 1-2048 of tab, line breaks and U+0020-U+00FF, JSON; together at
// most 2048 characters of plain text.
func sessionPolicyCases() []badCase {
	policy1500 := `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::` +
		strings.Repeat("b", 1500-90) + `"}]}`
	arns60 := repeat(10, func(i int) string { return fmt.Sprintf("arn:aws:iam::123456789012:policy/%026d", i) })
	return []badCase{
		one("policyArns 11", "policyArns", strs(repeat(11, func(i int) string {
			return fmt.Sprintf("arn:aws:iam::aws:policy/P%d", i)
		})...), "may hold at most 10 ARNs, but holds 11"),
		at("policyArns short", "policyArns", strs("arn:aws:iam::aws:p"), "policyArns[0]", lengthIs(20, 2048, 18)),
		{name: "policyArns empty", args: map[string]property.Value{"policyArns": strs("")},
			want: []want{{"policyArns[0]", lengthIs(20, 2048, 0)}, {"policyArns[0]", `"" is not an ARN`}}},
		{name: "policyArns not ARNs", args: map[string]property.Value{"policyArns": strs("arn:aws:iam::aws:policy/ReadOnlyAccess", "ReadOnlyAccess-policy-name")},
			want: []want{{"policyArns[1]", `"ReadOnlyAccess-policy-name" is not an ARN; pass a managed policy ARN`}}},
		at("policyArns long", "policyArns", strs("arn:aws:iam::aws:policy/"+long2049), "policyArns[0]", lengthIs(20, 2048, 2073)),
		{name: "policyArns control characters", args: map[string]property.Value{"policyArns": strs(
			"arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/Read\x07Only", "arn:aws:iam::aws:policy/\x7fAdmin")},
			want: []want{{"policyArns[1]", arnChars + `; found "\a"`}, {"policyArns[2]", `found "\x7f"`}}},
		{name: "policyArns 11 and one bad", args: map[string]property.Value{"policyArns": strs(append(repeat(10, func(i int) string {
			return fmt.Sprintf("arn:aws:iam::aws:policy/P%d", i)
		}), "ReadOnly")...)},
			want: []want{{"policyArns", "may hold at most 10 ARNs, but holds 11"}, {"policyArns[10]", lengthIs(20, 2048, 8)},
				{"policyArns[10]", `"ReadOnly" is not an ARN`}}},

		both("policy empty", "policy", str(""), lengthIs(1, 2048, 0), "is not valid JSON"),
		one("policy not JSON", "policy", str("Allow s3:*"), "is not valid JSON; pass an IAM policy document"),
		one("policy too long", "policy", str(`"`+strings.Repeat("x", 2047)+`"`), lengthIs(1, 2048, 2049)),
		one("policy non-Latin-1", "policy", str(`{"Sid":"日本"}`), `may contain only tab, line breaks and characters U+0020 to U+00FF; found "\u65e5"`),
		{name: "policy control character", args: map[string]property.Value{"policy": str("{\"a\":\"\x01\"}")},
			want: []want{{"policy", `found "\x01"`}, {"policy", "is not valid JSON"}}},
		{name: "policy too long, non-Latin-1 and not JSON", args: map[string]property.Value{"policy": str(strings.Repeat("日", 2049))},
			want: []want{{"policy", lengthIs(1, 2048, 2049)}, {"policy", `found "\u65e5"`}, {"policy", "is not valid JSON"}}},
		{name: "policy with policyArns over 2048", args: map[string]property.Value{"policy": str(policy1500), "policyArns": strs(arns60...)},
			want: []want{{"policy", "together with policyArns is 2108 characters of plain text; AWS allows at most 2048"}}},
	}
}

// mfaCases: serialNumber, 9-256 of [\w+=/:,.@-], and tokenCode, exactly 6
// digits, given together.
func mfaCases() []badCase {
	return []badCase{
		{name: "serialNumber short", args: map[string]property.Value{"serialNumber": str("GAHT1234"), "tokenCode": str("123456")},
			want: []want{{"serialNumber", lengthIs(9, 256, 8)}}},
		{name: "serialNumber long", args: map[string]property.Value{"serialNumber": str(strings.Repeat("9", 257)), "tokenCode": str("123456")},
			want: []want{{"serialNumber", lengthIs(9, 256, 257)}}},
		{name: "serialNumber space", args: map[string]property.Value{"serialNumber": str("arn:aws:iam::123456789012:mfa/al ice"), "tokenCode": str("123456")},
			want: []want{{"serialNumber", `may contain only letters, digits and +=/:,.@_-; found " "`}}},
		{name: "serialNumber short and bad", args: map[string]property.Value{"serialNumber": str("mfa#1"), "tokenCode": str("123456")},
			want: []want{{"serialNumber", lengthIs(9, 256, 5)}, {"serialNumber", `found "#"`}}},
		at("serialNumber without tokenCode", "serialNumber", str(mfaDevice), "tokenCode", "is required with serialNumber"),

		{name: "tokenCode short", args: map[string]property.Value{"serialNumber": str(mfaDevice), "tokenCode": str("12345")},
			want: []want{{"tokenCode", "must be exactly 6 digits, the code the MFA device shows; a code that starts " +
				"with 0 is changed when it is written unquoted in YAML, which reads 012345 as the octal number 5349 and " +
				"012389 as 12389: quote it"}}},
		{name: "tokenCode long", args: map[string]property.Value{"serialNumber": str(mfaDevice), "tokenCode": str("1234567")},
			want: []want{{"tokenCode", "must be exactly 6 digits"}}},
		{name: "tokenCode letters", args: map[string]property.Value{"serialNumber": str(mfaDevice), "tokenCode": str("12a456")},
			want: []want{{"tokenCode", "must be exactly 6 digits"}}},
		{name: "tokenCode non-ASCII digits", args: map[string]property.Value{"serialNumber": str(mfaDevice), "tokenCode": str("١٢٣٤٥٦")},
			want: []want{{"tokenCode", "must be exactly 6 digits"}}},
		{name: "tokenCode empty", args: map[string]property.Value{"serialNumber": str(mfaDevice), "tokenCode": str("")},
			want: []want{{"tokenCode", "must be exactly 6 digits"}}},
		at("tokenCode without serialNumber", "tokenCode", str("123456"), "serialNumber", "is required with tokenCode"),
		{name: "tokenCode bad without serialNumber", args: map[string]property.Value{"tokenCode": str("12")},
			want: []want{{"tokenCode", "must be exactly 6 digits"}, {"serialNumber", "is required with tokenCode"}}},
	}
}

// assumeRoleCases are the AssumeRole rules, used for the function and for
// the provider's assumeRole block. roleArn is added when a case lacks it.
func assumeRoleCases() []badCase {
	goodCtx := [2]string{"arn:aws:iam::aws:contextProvider/IdentityCenter", "signed-assertion"}
	manyTags := map[string]string{}
	for i := 0; i < 51; i++ {
		manyTags[fmt.Sprintf("k%02d", i)] = "v"
	}
	fiftyTags := map[string]string{}
	for i := 0; i < 50; i++ {
		fiftyTags[fmt.Sprintf("k%02d", i)] = "v"
	}
	var cases []badCase
	for _, shared := range [][]badCase{roleArnCases(), sessionNameCases(), roleDurationCases(), sessionPolicyCases(), mfaCases()} {
		cases = append(cases, shared...)
	}
	cases = append(cases, []badCase{
		// tags: at most 50; keys 1-128, values 0-256, AWS's character set; unique ignoring case.
		one("tags 51", "tags", strMap(manyTags), "may hold at most 50 session tags, but holds 51"),
		at("tags empty key", "tags", strMap(map[string]string{"": "v"}), `tags[""] key`, lengthIs(1, 128, 0)),
		at("tags long key", "tags", strMap(map[string]string{strings.Repeat("k", 129): "v"}), `tags["`+strings.Repeat("k", 129)+`"] key`, lengthIs(1, 128, 129)),
		at("tags long value", "tags", strMap(map[string]string{"team": strings.Repeat("v", 257)}), `tags["team"]`, lengthIs(0, 256, 257)),
		{name: "tags bad characters", args: map[string]property.Value{"tags": strMap(map[string]string{"cost*centre": "ok", "team": "a;b", "owner": "🚀"})},
			want: []want{
				{`tags["cost*centre"] key`, `may contain only letters, digits, spaces and _.:/=+-@; found "*"`},
				{`tags["owner"]`, `found "\U0001f680"`},
				{`tags["team"]`, `found ";"`},
			}},
		at("tags duplicate ignoring case", "tags", strMap(map[string]string{"Team": "a", "team": "b"}), `tags["team"]`, `duplicates tag "Team": AWS compares tag keys ignoring case`),

		// transitiveTagKeys: keys of tags, at most 50.
		{name: "transitiveTagKeys not a tag", args: map[string]property.Value{"tags": strMap(map[string]string{"team": "x"}), "transitiveTagKeys": strs("team", "env")},
			want: []want{{"transitiveTagKeys[1]", `"env" is not a key of tags; only session tags can be transitive`}}},
		at("transitiveTagKeys without tags", "transitiveTagKeys", strs("team"), "transitiveTagKeys[0]", `"team" is not a key of tags`),
		{name: "transitiveTagKeys 51", args: map[string]property.Value{"tags": strMap(fiftyTags), "transitiveTagKeys": strs(repeat(51, func(i int) string { return fmt.Sprintf("k%02d", i%50) })...)},
			want: []want{{"transitiveTagKeys", "may hold at most 50 keys, but holds 51"}}},

		// externalId: 2-1224 of [\w+=,.@:/-].
		one("externalId short", "externalId", str("x"), lengthIs(2, 1224, 1)),
		one("externalId long", "externalId", str(strings.Repeat("e", 1225)), lengthIs(2, 1224, 1225)),
		one("externalId space", "externalId", str("shared secret"), `may contain only letters, digits and +=,.@:/_-; found " "`),
		one("externalId non-ASCII", "externalId", str("idé-42"), `found "\u00e9"`),

		// sourceIdentity: 2-64 of [\w+=,.@-], not starting with aws:.
		one("sourceIdentity short", "sourceIdentity", str("a"), lengthIs(2, 64, 1)),
		one("sourceIdentity long", "sourceIdentity", str(strings.Repeat("i", 65)), lengthIs(2, 64, 65)),
		both("sourceIdentity aws:", "sourceIdentity", str("aws:alice"), `must not start with "aws:", which AWS reserves`, `found ":"`),
		both("sourceIdentity AWS:", "sourceIdentity", str("AWS:alice"), `must not start with "aws:"`, `found ":"`),
		both("sourceIdentity short and bad", "sourceIdentity", str("é"), lengthIs(2, 64, 1), `found "\u00e9"`),
		one("sourceIdentity space", "sourceIdentity", str("alice smith"), `found " "`),
		one("sourceIdentity non-ASCII", "sourceIdentity", str("zoë"), `found "\u00eb"`),

		// providedContexts: at most 5, providerArn 20-2048, contextAssertion 4-2048.
		one("providedContexts 6", "providedContexts", ctxs(goodCtx, goodCtx, goodCtx, goodCtx, goodCtx, goodCtx), "may hold at most 5 contexts, but holds 6"),
		{name: "providedContexts bad entries", args: map[string]property.Value{"providedContexts": ctxs(
			[2]string{"arn:short", "abc"}, goodCtx, [2]string{"arn:aws:iam::aws:contextProvider/" + long2049, strings.Repeat("c", 2049)})},
			want: []want{
				{"providedContexts[0].providerArn", lengthIs(20, 2048, 9)},
				{"providedContexts[0].contextAssertion", lengthIs(4, 2048, 3)},
				{"providedContexts[2].providerArn", lengthIs(20, 2048, 2082)},
				{"providedContexts[2].contextAssertion", lengthIs(4, 2048, 2049)},
			}},
		{name: "providedContexts control character", args: map[string]property.Value{"providedContexts": ctxs(
			[2]string{"arn:aws:iam::aws:contextProvider/\x00IdentityCenter", "signed-assertion"})},
			want: []want{{"providedContexts[0].providerArn", arnChars + `; found "\x00"`}}},

		// Wrong types and missing required inputs, caught by the schema check.
		{name: "durationSeconds a string", args: map[string]property.Value{"durationSeconds": str("1h")},
			want: []want{{"durationSeconds", "must be a 'int'; got 'string'"}}, loose: true},
		{name: "tags a list", args: map[string]property.Value{"tags": strs("team=x")},
			want: []want{{"tags", "must be a 'map[string]string'"}}, loose: true},
	}...)

	// Everything wrong at once: one answer lists all of it.
	all := badCase{name: "every field wrong at once", args: map[string]property.Value{
		"roleArn":           str("arn:aws:iam::123456789012:user/alice"),
		"roleSessionName":   str("x"),
		"durationSeconds":   num(60),
		"policyArns":        strs("nope-not-an-arn-at-all"),
		"policy":            str("{"),
		"tags":              strMap(map[string]string{"a*": "b"}),
		"transitiveTagKeys": strs("zzz"),
		"externalId":        str("e"),
		"serialNumber":      str("short"),
		"tokenCode":         str("12"),
		"sourceIdentity":    str("aws:x"),
		"providedContexts":  ctxs([2]string{"p", "c"}),
	}, want: []want{
		{"roleArn", "is not an IAM role ARN"}, {"roleSessionName", lengthIs(2, 64, 1)},
		{"durationSeconds", "but is 60"}, {"policyArns[0]", "is not an ARN"}, {"policy", "is not valid JSON"},
		{`tags["a*"] key`, `found "*"`}, {"transitiveTagKeys[0]", "is not a key of tags"},
		{"externalId", lengthIs(2, 1224, 1)}, {"serialNumber", lengthIs(9, 256, 5)},
		{"tokenCode", "exactly 6 digits"}, {"sourceIdentity", `must not start with "aws:"`}, {"sourceIdentity", `found ":"`},
		{"providedContexts[0].providerArn", lengthIs(20, 2048, 1)},
		{"providedContexts[0].contextAssertion", lengthIs(4, 2048, 1)},
	}}
	cases = append(cases, all)
	for i := range cases {
		if _, ok := cases[i].args["roleArn"]; !ok {
			cases[i].args["roleArn"] = str(roleArn)
		}
	}
	return cases
}

// sessionTokenCases are GetSessionToken's rules: its own duration
// (durationSecondsType, 900-129600) and the MFA pair.
func sessionTokenCases() []badCase {
	cases := []badCase{
		one("durationSeconds low", "durationSeconds", num(899), "must be between 900 (15 minutes) and 129600 (36 hours), but is 899"),
		one("durationSeconds high", "durationSeconds", num(129601), "but is 129601"),
		one("durationSeconds zero", "durationSeconds", num(0), "but is 0"),
		one("durationSeconds negative", "durationSeconds", num(-1), "but is -1"),
		{name: "durationSeconds a string", args: map[string]property.Value{"durationSeconds": str("36h")},
			want: []want{{"durationSeconds", "must be a 'int'; got 'string'"}}, loose: true},
		// A number where the schema says string is the text typed (coerce.go),
		// then checked as such.
		{name: "tokenCode a number", args: map[string]property.Value{"serialNumber": str(mfaDevice), "tokenCode": num(12345)},
			want: []want{{"tokenCode", "must be exactly 6 digits"}}},
		{name: "every field wrong at once", args: map[string]property.Value{
			"durationSeconds": num(60), "serialNumber": str("x#"), "tokenCode": str("abc"),
		}, want: []want{
			{"durationSeconds", "but is 60"}, {"serialNumber", lengthIs(9, 256, 2)}, {"serialNumber", `found "#"`},
			{"tokenCode", "exactly 6 digits"},
		}},
	}
	return append(mfaCases(), cases...)
}

// webIdentityCases are AssumeRoleWithWebIdentity's rules: those it shares
// with AssumeRole, the token (clientTokenType, 4-20000, its length only: no
// message may quote it) and providerId (urlType, 4-2048). roleArn and
// webIdentityToken are added when a case lacks them.
func webIdentityCases() []badCase {
	var cases []badCase
	for _, shared := range [][]badCase{roleArnCases(), sessionNameCases(), roleDurationCases(), sessionPolicyCases()} {
		cases = append(cases, shared...)
	}
	cases = append(cases, []badCase{
		one("webIdentityToken empty", "webIdentityToken", str("").WithSecret(true), lengthIs(4, 20000, 0)),
		one("webIdentityToken short", "webIdentityToken", str("eyJ").WithSecret(true), lengthIs(4, 20000, 3)),
		one("webIdentityToken long", "webIdentityToken", str(strings.Repeat(badSecret, 500)).WithSecret(true), lengthIs(4, 20000, 22000)),
		one("webIdentityToken long, not marked secret", "webIdentityToken", str(strings.Repeat(badSecret, 455)), lengthIs(4, 20000, 20020)),
		one("providerId empty", "providerId", str(""), lengthIs(4, 2048, 0)),
		one("providerId short", "providerId", str("fb"), lengthIs(4, 2048, 2)),
		one("providerId long", "providerId", str("www."+long2049+".com"), lengthIs(4, 2048, 2057)),
		{name: "webIdentityToken missing", args: map[string]property.Value{"roleArn": str(roleArn)},
			want: []want{{"webIdentityToken", "Missing required field 'webIdentityToken'"}}, loose: true},
		{name: "roleArn missing", args: map[string]property.Value{"webIdentityToken": str("header.payload.sig")},
			want: []want{{"roleArn", "Missing required field 'roleArn'"}}, loose: true},
		{name: "policyArns a string", args: map[string]property.Value{"policyArns": str("arn:aws:iam::aws:policy/ReadOnlyAccess")},
			want: []want{{"policyArns", "must be a '[]string'"}}, loose: true},
		{name: "every field wrong at once", args: map[string]property.Value{
			"roleArn": str("arn:aws:iam::123456789012:user/alice"), "roleSessionName": str("x"),
			"webIdentityToken": str(badSecret[:2]).WithSecret(true), "providerId": str("x"),
			"policyArns": strs("nope-not-an-arn-at-all"), "policy": str("{"), "durationSeconds": num(60),
		}, want: []want{
			{"roleArn", "is not an IAM role ARN"}, {"roleSessionName", lengthIs(2, 64, 1)},
			{"webIdentityToken", lengthIs(4, 20000, 2)}, {"providerId", lengthIs(4, 2048, 1)},
			{"policyArns[0]", "is not an ARN"}, {"policy", "is not valid JSON"}, {"durationSeconds", "but is 60"},
		}},
	}...)
	for i := range cases {
		if _, ok := cases[i].args["roleArn"]; !ok && cases[i].name != "roleArn missing" {
			cases[i].args["roleArn"] = str(roleArn)
		}
		if _, ok := cases[i].args["webIdentityToken"]; !ok && cases[i].name != "webIdentityToken missing" {
			cases[i].args["webIdentityToken"] = str("header.payload.signature").WithSecret(true)
		}
	}
	return cases
}

// accessKeyInfoCases: accessKeyIdType, 16-128 of [\w].
func accessKeyInfoCases() []badCase {
	return []badCase{
		one("accessKeyId empty", "accessKeyId", str(""), lengthIs(16, 128, 0)),
		one("accessKeyId short", "accessKeyId", str("AKIAIOSFODNN7"), lengthIs(16, 128, 13)),
		one("accessKeyId long", "accessKeyId", str("AKIA"+strings.Repeat("X", 125)), lengthIs(16, 128, 129)),
		one("accessKeyId space", "accessKeyId", str("AKIA IOSFODNN7EXAMPLE"), `may contain only letters, digits and _; found " "`),
		one("accessKeyId dash", "accessKeyId", str("AKIA-IOSFODNN7EXAMPLE"), `found "-"`),
		one("accessKeyId non-ASCII", "accessKeyId", str("AKIAIOSFODNN7EXAMPLÉ"), `found "\u00c9"`),
		one("accessKeyId trailing newline", "accessKeyId", str("AKIAIOSFODNN7EXAMPLE\n"), `found "\n"`),
		both("accessKeyId short and bad", "accessKeyId", str("AKIA/x"), lengthIs(16, 128, 6), `found "/"`),
		{name: "accessKeyId missing", args: map[string]property.Value{},
			want: []want{{"accessKeyId", "Missing required field 'accessKeyId'"}}, loose: true},
		one("accessKeyId a number", "accessKeyId", num(42), lengthIs(16, 128, 2)),
	}
}

func sessionContextCases() []badCase {
	arnCase := func(name, value, reason string) badCase {
		return badCase{name: name, args: map[string]property.Value{"arn": str(value)}, want: []want{{"arn", reason}}}
	}
	const session = "arn:aws:sts::123456789012:assumed-role/Deployer/ci"
	return []badCase{
		arnCase("arn empty", "", "it is empty; pass an ARN such as"),
		arnCase("arn not an ARN", "Deployer", "it does not have the form arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE"),
		arnCase("arn too long", "arn:aws:sts::123456789012:assumed-role/R/"+strings.Repeat("s", 3000), "ARNs are at most 2048"),
		arnCase("arn white space", "\t"+session, "leading or trailing white space"),
		arnCase("arn trailing newline", session+"\n", "leading or trailing white space"),
		arnCase("arn bad partition", "arn:azure:sts::123456789012:assumed-role/R/s", `partition "azure" is not an AWS partition`),
		arnCase("arn no service", "arn:aws:::123456789012:thing", "the service is empty"),
		arnCase("arn no resource", "arn:aws:sts::123456789012:", "the resource is empty"),
		arnCase("arn bad account", "arn:aws:sts::12345678901:assumed-role/R/s", `account "12345678901" is not a 12-digit AWS account ID`),
		arnCase("arn letters in account", "arn:aws:sts::12345678901x:assumed-role/R/s", "is not a 12-digit"),
		arnCase("arn with region", "arn:aws:sts:eu-west-1:123456789012:assumed-role/R/s", `sts ARNs have no region, but this one has "eu-west-1"`),
		arnCase("arn session missing", "arn:aws:sts::123456789012:assumed-role/Deployer", "ends in assumed-role/ROLE_NAME/SESSION_NAME"),
		arnCase("arn session empty", "arn:aws:sts::123456789012:assumed-role/Deployer/", "ends in assumed-role/ROLE_NAME/SESSION_NAME"),
		arnCase("arn extra segment", session+"/more", "ends in assumed-role/ROLE_NAME/SESSION_NAME"),
		arnCase("arn non-ASCII role", "arn:aws:sts::123456789012:assumed-role/Rôle/ci", `role name "Rôle" must be 1-64`),
		arnCase("arn long role", "arn:aws:sts::123456789012:assumed-role/"+strings.Repeat("r", 65)+"/ci", "must be 1-64"),
		arnCase("arn non-ASCII session", "arn:aws:sts::123456789012:assumed-role/Deployer/sessiön", `session name "sessiön" must be 1-64`),
		arnCase("arn session with space", "arn:aws:sts::123456789012:assumed-role/Deployer/c i", `session name "c i"`),
		arnCase("arn IAM role non-ASCII", "arn:aws:iam::123456789012:role/Rôle", `role name "Rôle" must be 1-64`),
		arnCase("arn pass-through with NUL", "arn:aws:s3:::bucket\x00name", arnChars+`; found "\x00"`),
		arnCase("arn pass-through with DEL", "arn:aws:iam::123456789012:user/al\x7fice", `found "\x7f"`),
		{name: "arn session with control character", args: map[string]property.Value{
			"arn": str("arn:aws:sts::123456789012:assumed-role/Deployer/c\x01i")},
			want: []want{{"arn", `session name "c\x01i"`}, {"arn", arnChars + `; found "\x01"`}}},
		{name: "lookupTimeoutSeconds negative", args: map[string]property.Value{"arn": str(session), "lookupTimeoutSeconds": num(-1)},
			want: []want{{"lookupTimeoutSeconds", "must be between 0 and 300, but is -1"}}},
		{name: "lookupTimeoutSeconds high", args: map[string]property.Value{"arn": str(session), "lookupTimeoutSeconds": num(301)},
			want: []want{{"lookupTimeoutSeconds", "must be between 0 and 300, but is 301"}}},
		one("arn a number", "arn", num(42), `"42" is not a valid principal ARN`),
		{name: "arn missing", args: map[string]property.Value{}, want: []want{{"arn", "Missing required field 'arn'"}}, loose: true},
		{name: "lookupRole a string", args: map[string]property.Value{"arn": str(session), "lookupRole": str("yes")},
			want: []want{{"lookupRole", "must be a 'bool'"}}, loose: true},
	}
}

func configCases() []badCase {
	endpoint := func(sts string) property.Value {
		return property.New(map[string]property.Value{"sts": str(sts)})
	}
	cases := []badCase{
		one("region words", "region", str("the moon"), `"the moon" is not an AWS region name such as us-east-1`),
		one("region upper case", "region", str("US-EAST-1"), `"US-EAST-1" is not an AWS region name`),
		one("region empty", "region", str(""), `"" is not an AWS region name`),
		one("region trailing space", "region", str("us-east-1 "), "is not an AWS region name"),
		one("region non-ASCII", "region", str("éu-west-1"), "is not an AWS region name"),
		one("region long", "region", str(strings.Repeat("us-east-", 300)+"1"), "is not an AWS region name"),
		one("profile empty", "profile", str(""), "is empty; remove it to use AWS_PROFILE"),
		{name: "sharedConfigFiles empty entry", args: map[string]property.Value{"sharedConfigFiles": strs("/etc/aws/config", "")},
			want: []want{{"sharedConfigFiles[1]", "is empty; give a file path"}}},
		{name: "sharedCredentialsFiles empty entry", args: map[string]property.Value{"sharedCredentialsFiles": strs("")},
			want: []want{{"sharedCredentialsFiles[0]", "is empty; give a file path"}}},
		at("accessKey alone", "accessKey", str("AKIAIOSFODNN7EXAMPLE"), "secretKey", "is required with accessKey"),
		{name: "secretKey alone", args: map[string]property.Value{"secretKey": str(badSecret).WithSecret(true)},
			want: []want{{"accessKey", "is required with secretKey"}}},
		{name: "token alone", args: map[string]property.Value{"token": str(badSecret + "token").WithSecret(true)},
			want: []want{{"token", "is a session token and needs accessKey and secretKey too"}}},
		{name: "token with secretKey only", args: map[string]property.Value{
			"secretKey": str(badSecret).WithSecret(true), "token": str(badSecret + "token").WithSecret(true)},
			want: []want{{"accessKey", "is required with secretKey"}, {"token", "needs accessKey and secretKey"}}},
		{name: "accessKey with profile", args: map[string]property.Value{
			"accessKey": str("AKIAIOSFODNN7EXAMPLE"), "secretKey": str(badSecret).WithSecret(true), "profile": str("prod")},
			want: []want{{"profile", "cannot be used together with accessKey; choose one source of credentials"}}},
		at("endpoints.sts ftp", "endpoints", endpoint("ftp://127.0.0.1:21"), "endpoints.sts", `is not an http(s) URL such as http://127.0.0.1:5000`),
		at("endpoints.sts no scheme", "endpoints", endpoint("127.0.0.1:5000"), "endpoints.sts", `"127.0.0.1:5000" is not an http(s) URL`),
		at("endpoints.sts no host", "endpoints", endpoint("http://"), "endpoints.sts", `"http://" is not an http(s) URL`),
		at("endpoints.sts words", "endpoints", endpoint("local moto"), "endpoints.sts", `"local moto" is not an http(s) URL`),
		{name: "endpoints.iam empty", args: map[string]property.Value{"endpoints": property.New(map[string]property.Value{"iam": str("")})},
			want: []want{{"endpoints.iam", `"" is not an http(s) URL`}}},
		one("maxRetries negative", "maxRetries", num(-1), "must be between 0 and 100, but is -1"),
		one("maxRetries high", "maxRetries", num(101), "must be between 0 and 100, but is 101"),
		one("requestTimeoutSeconds zero", "requestTimeoutSeconds", num(0), "must be between 1 and 3600, but is 0"),
		one("requestTimeoutSeconds high", "requestTimeoutSeconds", num(3601), "must be between 1 and 3600, but is 3601"),
		{name: "maxRetries a string", args: map[string]property.Value{"maxRetries": str("three")},
			want: []want{{"maxRetries", "must be a 'int'; got 'string'"}}, loose: true},
		{name: "sharedConfigFiles a string", args: map[string]property.Value{"sharedConfigFiles": str("/etc/aws/config")},
			want: []want{{"sharedConfigFiles", "must be a '[]string'"}}, loose: true},
		{name: "every field wrong at once", args: map[string]property.Value{
			"region": str("Mars"), "profile": str(""), "sharedConfigFiles": strs(""), "sharedCredentialsFiles": strs(""),
			"token": str(badSecret).WithSecret(true), "secretKey": str(badSecret).WithSecret(true),
			"endpoints":  property.New(map[string]property.Value{"sts": str("sts"), "iam": str("iam")}),
			"maxRetries": num(1000), "requestTimeoutSeconds": num(-5),
			"assumeRole": property.New(map[string]property.Value{"roleArn": str("role"), "tokenCode": str("1")}),
		}, want: []want{
			{"region", "is not an AWS region name"}, {"profile", "is empty"}, {"sharedConfigFiles[0]", "is empty"},
			{"sharedCredentialsFiles[0]", "is empty"}, {"accessKey", "is required with secretKey"},
			{"token", "needs accessKey"}, {"endpoints.sts", "is not an http(s) URL"}, {"endpoints.iam", "is not an http(s) URL"},
			{"maxRetries", "but is 1000"}, {"requestTimeoutSeconds", "but is -5"},
			{"assumeRole.roleArn", lengthIs(20, 2048, 4)}, {"assumeRole.roleArn", "is not an ARN"},
			{"assumeRole.tokenCode", "is a one-time MFA code"},
		}},
	}
	// The assumeRole block has the same rules as the function, named under
	// assumeRole, but for MFA: the provider refuses any code, and a serial
	// number without one (see TestConfigRefusesMFACode).
	for _, c := range assumeRoleCases() {
		var ws []want
		for _, w := range c.want {
			switch {
			case c.loose: // reported as a decoding failure of the whole block
				ws = append(ws, want{"assumeRole", w.field}, want{"assumeRole", w.reason})
			case w.field != "tokenCode" && w.field != "serialNumber":
				ws = append(ws, want{"assumeRole." + w.field, w.reason})
			}
		}
		_, code := c.args["tokenCode"]
		_, serial := c.args["serialNumber"]
		switch {
		case c.loose:
		case code:
			ws = append(ws, want{"assumeRole.tokenCode", "is a one-time MFA code"})
		case serial:
			ws = append(ws, want{"assumeRole.serialNumber", "needs a new MFA code at each use"})
		}
		cases = append(cases, badCase{name: "assumeRole " + c.name, args: map[string]property.Value{
			"assumeRole": property.New(c.args)}, want: ws, loose: c.loose})
	}
	return cases
}

// checkMessage asserts that msg holds one line per wanted problem, each
// starting with its field, and (unless loose) no other problem.
func checkMessage(t *testing.T, c badCase, lines []string) {
	t.Helper()
	for _, l := range lines {
		assert.NotContains(t, l, badSecret, "a secret value leaked into a message")
		assert.Less(t, len(l), 1200, "a message line should not repeat a huge input: %.200s...", l)
	}
	if c.loose {
		joined := strings.Join(lines, "\n")
		for _, w := range c.want {
			assert.Contains(t, joined, w.field)
			assert.Contains(t, joined, w.reason)
		}
		return
	}
	for _, w := range c.want {
		found := false
		for _, l := range lines {
			l = strings.TrimPrefix(strings.TrimSpace(l), "- ")
			if (strings.HasPrefix(l, w.field+": ") || strings.HasPrefix(l, w.field+" ")) && strings.Contains(l, w.reason) {
				found = true
				break
			}
		}
		assert.True(t, found, "no line names %s and says %q; got:\n%s", w.field, w.reason, strings.Join(lines, "\n"))
	}
	{
		assert.Len(t, lines, len(c.want), "every problem, and only those, in one answer:\n%s", strings.Join(lines, "\n"))
	}
}

// problemLines splits an invoke's error into one line per problem.
func problemLines(msg string) []string {
	var out []string
	for _, l := range strings.Split(msg, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "invalid arguments to ") {
			continue
		}
		out = append(out, l)
	}
	return out
}

func TestBadInputs(t *testing.T) {
	// A closed port: any case that got past validation would fail loudly
	// with "could not reach", not with a validation message.
	closed := "http://127.0.0.1:9"
	cfg := property.NewMap(map[string]property.Value{
		"region": str("us-east-1"), "maxRetries": num(0),
		"accessKey": str("AKIAIOSFODNN7EXAMPLE"), "secretKey": str(badSecret).WithSecret(true),
		"endpoints": property.New(map[string]property.Value{"sts": str(closed), "iam": str(closed)}),
	})
	s := newServer(t, cfg)
	tried := 0

	run := func(group, token string, cases []badCase) {
		for _, c := range cases {
			t.Run(group+"/"+c.name, func(t *testing.T) {
				tried += len(c.want)
				var (
					msg string
					err error
				)
				require.NotPanics(t, func() { _, err = invokeAll(s, token, c.args) })
				require.Error(t, err, "accepted a bad input")
				msg = err.Error()
				assert.NotContains(t, msg, "could not reach", "validation let it through to AWS")
				if !c.loose {
					assert.True(t, strings.HasPrefix(msg, "invalid arguments to "+token) || token == sessionContext,
						"answer should say the arguments are invalid: %s", msg)
				}
				checkMessage(t, c, problemLines(msg))
			})
		}
	}
	run("assumeRole", assumeRole, assumeRoleCases())
	run("getSessionContext", sessionContext, sessionContextCases())
	run("getSessionToken", getSessionToken, sessionTokenCases())
	run("assumeRoleWithWebIdentity", assumeRoleWithWebIdentity, webIdentityCases())
	run("getAccessKeyInfo", getAccessKeyInfo, accessKeyInfoCases())
	run("decodeAuthorizationMessage", decodeAuthorizationMessage, decodeAuthorizationMessageCases())
	run("assumeRoot", assumeRoot, assumeRootCases())
	run("getWebIdentityToken", getWebIdentityToken, webIdentityTokenCases())
	run("assumeRoleWithSaml", assumeRoleWithSaml, samlCases())
	run("getFederationToken", getFederationToken, federationCases())
	run("getDelegatedAccessToken", getDelegatedAccessToken, delegatedCases())
	run("getConsoleSigninUrl", consoleSigninURL, consoleSigninCases())
	runEksArn(run)

	// getCallerIdentity and getCredentials have no inputs: unknown ones are
	// refused or ignored, never a crash.
	for _, token := range []string{callerIdentity, getCredentials} {
		t.Run(token+"/unknown input", func(t *testing.T) {
			tried++
			require.NotPanics(t, func() {
				_, err := invokeAll(s, token, map[string]property.Value{"roleArn": str(strings.Repeat("ü", 5000))})
				if err != nil {
					assert.NotContains(t, err.Error(), strings.Repeat("ü", 1000))
				}
			})
		})
	}

	for _, c := range configCases() {
		t.Run("config/"+c.name, func(t *testing.T) {
			tried += len(c.want)
			var resp p.CheckResponse
			var err error
			require.NotPanics(t, func() {
				resp, err = s.CheckConfig(p.CheckRequest{Urn: "urn:pulumi:dev::proj::pulumi:providers:aws-identity::default",
					Inputs: property.NewMap(c.args)})
			})
			require.NoError(t, err)
			lines := make([]string, len(resp.Failures))
			for i, f := range resp.Failures {
				lines[i] = f.Property + ": " + f.Reason
			}
			require.NotEmpty(t, lines, "accepted a bad configuration")
			checkMessage(t, c, lines)

			// Configure, for callers that skip CheckConfig, refuses it too.
			if !c.loose {
				other := newServer(t, property.Map{})
				cerr := other.Configure(p.ConfigureRequest{Args: property.NewMap(c.args)})
				require.Error(t, cerr)
				assert.NotContains(t, cerr.Error(), badSecret)
				assert.Contains(t, cerr.Error(), "invalid provider configuration")
			}
		})
	}
	fmt.Printf("bad inputs tried: %d\n", tried)
}
