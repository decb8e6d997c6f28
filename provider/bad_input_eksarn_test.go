package provider_test

import (
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// The tokens of eks:getClusterAuth and the ARN helpers.
const (
	eksClusterAuth  = "aws-identity:eks:getClusterAuth"
	arnParseFn      = "aws-identity:index:arnParse"
	arnBuildFn      = "aws-identity:index:arnBuild"
	trimIamRolePath = "aws-identity:index:trimIamRolePath"
)

// clusterAuthCases: EKS's ClusterName, 1-100 characters matching
// ^[0-9A-Za-z][A-Za-z0-9\-_]*.
func clusterAuthCases() []badCase {
	return []badCase{
		one("name empty", "name", str(""), lengthIs(1, 100, 0)),
		one("name long", "name", str(strings.Repeat("c", 101)), lengthIs(1, 100, 101)),
		one("name dot", "name", str("my.cluster"), `may contain only letters, digits, - and _; found "."`),
		one("name slash", "name", str("arn:aws:eks:us-east-1:123456789012:cluster/x"), `found ":"`),
		one("name starts with dash", "name", str("-cluster"), `must start with a letter or a digit; found "-"`),
		one("name starts with underscore", "name", str("_cluster"), `must start with a letter or a digit; found "_"`),
		both("name long and bad", "name", str(strings.Repeat("é", 101)), lengthIs(1, 100, 101), `found "\u00e9"`),
		{name: "name missing", args: map[string]property.Value{},
			want: []want{{"name", "Missing required field 'name'"}}, loose: true},
	}
}

// arnHelperCases: a malformed ARN, named with the SDK parser's words.
func arnParseCases() []badCase {
	return []badCase{
		one("arn empty", "arn", str(""), lengthIs(1, 2048, 0)),
		one("arn no prefix", "arn", str("invalid"), "is not an ARN (arn: invalid prefix)"),
		one("arn too few sections", "arn", str("arn:aws:iam::444455556666"), "is not an ARN (arn: not enough sections)"),
		one("arn too long", "arn", str("arn:aws:s3:::"+long2049), lengthIs(1, 2048, 2062)),
		one("arn control character", "arn", str("arn:aws:iam::444455556666:role/a\x00b"), arnChars),
	}
}

func arnBuildCases() []badCase {
	parts := func(partition, service, region, account, resource string) map[string]property.Value {
		return map[string]property.Value{"partition": str(partition), "service": str(service), "region": str(region),
			"accountId": str(account), "resource": str(resource)}
	}
	return []badCase{
		{name: "all empty", args: parts("", "", "", "", ""), want: []want{
			{"partition", "is required"}, {"service", "is required"}, {"resource", "is required"}}},
		{name: "colons", args: parts("aws", "iam", "us:east", "4444:5555", "role/x"), want: []want{
			{"region", "may not contain a colon"}, {"accountId", "may not contain a colon"}}},
		{name: "too long", args: parts("aws", "s3", "", "", long2049), want: []want{
			{"the ARN built", lengthIs(1, 2048, 2062)}}},
	}
}

func trimIamRolePathCases() []badCase {
	return []badCase{
		one("not an ARN", "arn", str("foo"), "is not an ARN (arn: invalid prefix)"),
		both("not IAM", "arn", str("arn:aws:s3:::bucket/foo"), `service must be "iam"`, `resource must begin with "role/"`),
		one("regional", "arn", str("arn:aws:iam:us-east-1:444455556666:role/example"), "region must be empty"),
		one("a policy", "arn", str("arn:aws:iam::444455556666:policy/example"), `resource must begin with "role/"`),
		{name: "everything wrong", args: map[string]property.Value{"arn": str("arn:aws:sqs:eu-west-1:1:queue")},
			want: []want{{"arn", `service must be "iam"`}, {"arn", "region must be empty"}, {"arn", `resource must begin with "role/"`}}},
	}
}

// runEksArn is TestBadInputs' one line for these functions.
func runEksArn(run func(group, token string, cases []badCase)) {
	run("getClusterAuth", eksClusterAuth, clusterAuthCases())
	run("arnParse", arnParseFn, arnParseCases())
	run("arnBuild", arnBuildFn, arnBuildCases())
	run("trimIamRolePath", trimIamRolePath, trimIamRolePathCases())
}
