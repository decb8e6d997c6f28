package provider_test

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// Bad inputs of decodeAuthorizationMessage, assumeRoot and
// getWebIdentityToken (limits of the STS service model, 2011-06-15).

const (
	decodeAuthorizationMessage = "aws-identity:sts:decodeAuthorizationMessage"
	assumeRoot                 = "aws-identity:sts:assumeRoot"
	getWebIdentityToken        = "aws-identity:sts:getWebIdentityToken"
)

func decodeAuthorizationMessageCases() []badCase {
	return []badCase{
		one("encodedMessage empty", "encodedMessage", str(""),
			"is empty: pass the encoded message of an authorization failure, or the whole error text"),
		one("encodedMessage too long", "encodedMessage", str(strings.Repeat("A", 10241)), lengthIs(1, 10240, 10241)),
		one("encodedMessage prose", "encodedMessage", str("You are not authorized to perform this operation."),
			`is not an encoded authorization message (it has spaces) and holds no "Encoded authorization failure message:"`),
		one("encodedMessage marker alone", "encodedMessage", str("Encoded authorization failure message: \n"),
			`holds "Encoded authorization failure message:" but no message after it`),
		{name: "encodedMessage missing", args: map[string]property.Value{}, want: []want{{"encodedMessage", "Missing required field 'encodedMessage'"}}, loose: true},
	}
}

func assumeRootCases() []badCase {
	ok := func(args map[string]property.Value) map[string]property.Value {
		m := map[string]property.Value{"targetPrincipal": str("111122223333"),
			"taskPolicyArn": str("arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials")}
		for k, v := range args {
			m[k] = v
		}
		return m
	}
	return []badCase{
		{name: "targetPrincipal short", args: ok(map[string]property.Value{"targetPrincipal": str("12345")}), want: []want{
			{"targetPrincipal", lengthIs(12, 2048, 5)}, {"targetPrincipal", `"12345" is not an AWS account ID: 12 digits, such as 123456789012`}}},
		{name: "targetPrincipal letters", args: ok(map[string]property.Value{"targetPrincipal": str("member-account")}), want: []want{
			{"targetPrincipal", `"member-account" is not an AWS account ID: 12 digits`}}},
		{name: "targetPrincipal role ARN", args: ok(map[string]property.Value{"targetPrincipal": str("arn:aws:iam::111122223333:role/Admin")}),
			want: []want{{"targetPrincipal", "is neither a 12-digit account ID nor an account's root ARN"}}},
		{name: "taskPolicyArn other policy", args: ok(map[string]property.Value{"taskPolicyArn": str("arn:aws:iam::aws:policy/AdministratorAccess")}),
			want: []want{{"taskPolicyArn", "is not a root task policy ARN; pass arn:aws:iam::aws:policy/root-task/ followed by one of"}}},
		{name: "taskPolicyArn name only", args: ok(map[string]property.Value{"taskPolicyArn": str("S3UnlockBucketPolicy")}),
			want: []want{{"taskPolicyArn", "is a policy name, not its ARN; pass arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy"}}},
		{name: "taskPolicyArn control character", args: ok(map[string]property.Value{"taskPolicyArn": str("arn:aws:iam::aws:policy/root-task/\x01")}),
			want: []want{{"taskPolicyArn", arnChars + `; found "\x01"`}}},
		{name: "durationSeconds high", args: ok(map[string]property.Value{"durationSeconds": num(901)}),
			want: []want{{"durationSeconds", "must be between 0 and 900 (15 minutes), but is 901"}}},
		{name: "durationSeconds negative", args: ok(map[string]property.Value{"durationSeconds": num(-1)}),
			want: []want{{"durationSeconds", "but is -1"}}},
		{name: "all at once", args: map[string]property.Value{"targetPrincipal": str("1"), "taskPolicyArn": str(""), "durationSeconds": num(3600)},
			want: []want{{"targetPrincipal", lengthIs(12, 2048, 1)}, {"targetPrincipal", "is not an AWS account ID"},
				{"taskPolicyArn", lengthIs(20, 2048, 0)}, {"durationSeconds", "but is 3600"}}},
	}
}

func webIdentityTokenCases() []badCase {
	ok := func(args map[string]property.Value) map[string]property.Value {
		m := map[string]property.Value{"audience": strs("api://AzureADTokenExchange"), "signingAlgorithm": str("RS256")}
		for k, v := range args {
			m[k] = v
		}
		return m
	}
	return []badCase{
		{name: "audience empty list", args: ok(map[string]property.Value{"audience": strs()}),
			want: []want{{"audience", "must hold at least 1 audience"}}},
		{name: "audience eleven", args: ok(map[string]property.Value{"audience": strs(repeat(11, func(int) string { return "a" })...)}),
			want: []want{{"audience", "may hold at most 10 audiences, but holds 11"}}},
		{name: "audience item empty and long", args: ok(map[string]property.Value{"audience": strs("", strings.Repeat("a", 1001))}),
			want: []want{{"audience[0]", lengthIs(1, 1000, 0)}, {"audience[1]", lengthIs(1, 1000, 1001)}}},
		{name: "signingAlgorithm other", args: ok(map[string]property.Value{"signingAlgorithm": str("HS256")}),
			want: []want{{"signingAlgorithm", `must be RS256 or ES384, but is "HS256"`}}},
		{name: "signingAlgorithm lower case", args: ok(map[string]property.Value{"signingAlgorithm": str("es384")}),
			want: []want{{"signingAlgorithm", `must be RS256 or ES384, but is "es384"`}}},
		{name: "durationSeconds low", args: ok(map[string]property.Value{"durationSeconds": num(59)}),
			want: []want{{"durationSeconds", "must be between 60 (1 minute) and 3600 (1 hour), but is 59"}}},
		{name: "durationSeconds high", args: ok(map[string]property.Value{"durationSeconds": num(3601)}),
			want: []want{{"durationSeconds", "but is 3601"}}},
		{name: "tags bad", args: ok(map[string]property.Value{"tags": strMap(map[string]string{"Team": "a", "team": "b", "k": "v\x00"})}),
			want: []want{{`tags["k"]`, `found "\x00"`}, {`tags["team"]`, `duplicates tag "Team"`}}},
		{name: "all at once", args: map[string]property.Value{"audience": strs(), "signingAlgorithm": str(""), "durationSeconds": num(0)},
			want: []want{{"audience", "must hold at least 1"}, {"signingAlgorithm", `but is ""`}, {"durationSeconds", "but is 0"}}},
	}
}
