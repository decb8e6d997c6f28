package index_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/providertest"
)

const (
	arnParse        = "aws-identity:index:arnParse"
	arnBuild        = "aws-identity:index:arnBuild"
	trimIamRolePath = "aws-identity:index:trimIamRolePath"
	callerIdentity  = providertest.CallerIdentity
)

// arnCase is one call and what it must answer: outputs, or an error that
// holds every one of errs.
type arnCase struct {
	name  string
	token string
	args  map[string]string
	want  map[string]string
	errs  []string
}

// terraformCases are terraform-provider-aws's published test cases of its
// arn_parse, arn_build and trim_iam_role_path functions
// (internal/function/*_test.go), named after the Terraform tests, as data.
var terraformCases = []arnCase{
	{name: "TestARNParseFunction_known", token: arnParse,
		args: map[string]string{"arn": "arn:aws:iam::444455556666:role/example"},
		want: map[string]string{"partition": "aws", "service": "iam", "region": "", "accountId": "444455556666", "resource": "role/example"}},
	{name: "TestARNParseFunction_invalid", token: arnParse,
		args: map[string]string{"arn": "invalid"}, errs: []string{"arn: invalid prefix"}},
	{name: "TestARNBuildFunction_known", token: arnBuild,
		args: map[string]string{"partition": "aws", "service": "iam", "region": "", "accountId": "444455556666", "resource": "role/example"},
		want: map[string]string{"arn": "arn:aws:iam::444455556666:role/example"}},
	{name: "TestTrimIAMRolePathFunction_valid", token: trimIamRolePath,
		args: map[string]string{"arn": "arn:aws:iam::444455556666:role/example"},
		want: map[string]string{"arn": "arn:aws:iam::444455556666:role/example"}},
	{name: "TestTrimIAMRolePathFunction_validWithPath", token: trimIamRolePath,
		args: map[string]string{"arn": "arn:aws:iam::444455556666:role/with/some/path/parts/example"},
		want: map[string]string{"arn": "arn:aws:iam::444455556666:role/example"}},
	{name: "TestTrimIAMRolePathFunction_invalidARN", token: trimIamRolePath,
		args: map[string]string{"arn": "foo"}, errs: []string{"invalid prefix"}},
	{name: "TestTrimIAMRolePathFunction_invalidService", token: trimIamRolePath,
		args: map[string]string{"arn": "arn:aws:s3:::bucket/foo"}, errs: []string{`service must be "iam"`}},
	{name: "TestTrimIAMRolePathFunction_invalidRegion", token: trimIamRolePath,
		args: map[string]string{"arn": "arn:aws:iam:us-east-1:444455556666:role/example"}, errs: []string{"region must be empty"}},
	{name: "TestTrimIAMRolePathFunction_invalidResource", token: trimIamRolePath,
		args: map[string]string{"arn": "arn:aws:iam::444455556666:policy/example"}, errs: []string{`resource must begin with "role/"`}},
}

// ownCases are what this provider adds: the partitions, short ARNs, every
// problem at once, and the round trip.
var ownCases = []arnCase{
	{name: "parse an S3 bucket shorter than STS's 20 characters", token: arnParse,
		args: map[string]string{"arn": "arn:aws:s3:::b"},
		want: map[string]string{"partition": "aws", "service": "s3", "region": "", "accountId": "", "resource": "b"}},
	{name: "parse keeps colons in the resource", token: arnParse,
		args: map[string]string{"arn": "arn:aws-cn:logs:cn-north-1:123456789012:log-group:/app:*"},
		want: map[string]string{"partition": "aws-cn", "service": "logs", "region": "cn-north-1", "accountId": "123456789012", "resource": "log-group:/app:*"}},
	{name: "parse too few sections", token: arnParse,
		args: map[string]string{"arn": "arn:aws:iam::444455556666"}, errs: []string{"arn: not enough sections"}},
	{name: "parse empty", token: arnParse, args: map[string]string{"arn": ""}, errs: []string{"arn: must be 1 to 2048 characters long, but is 0"}},
	{name: "build in GovCloud", token: arnBuild,
		args: map[string]string{"partition": "aws-us-gov", "service": "sts", "region": "", "accountId": "123456789012", "resource": "assumed-role/Deployer/ci"},
		want: map[string]string{"arn": "arn:aws-us-gov:sts::123456789012:assumed-role/Deployer/ci"}},
	{name: "build reports every problem", token: arnBuild,
		args: map[string]string{"partition": "", "service": "i:am", "region": "", "accountId": "", "resource": ""},
		errs: []string{"(3 problems)", "partition: is required", "service: may not contain a colon", "resource: is required"}},
	{name: "trim reports every problem", token: trimIamRolePath,
		args: map[string]string{"arn": "arn:aws:s3:eu-west-1::bucket"},
		errs: []string{"(3 problems)", `service must be "iam"`, "region must be empty", `resource must begin with "role/"`}},
	{name: "trim a role with no name", token: trimIamRolePath,
		args: map[string]string{"arn": "arn:aws:iam::444455556666:role/path/"}, errs: []string{"end with the role's name"}},
}

func args(m map[string]string) map[string]property.Value {
	out := map[string]property.Value{}
	for k, v := range m {
		out[k] = providertest.Str(v)
	}
	return out
}

// The ARN helpers read no configuration: a provider with no credentials at
// all, and one whose credential settings cannot work, answer them alike,
// while getCallerIdentity on the same provider fails.
func TestArnHelpers(t *testing.T) {
	for name, cfg := range map[string]property.Map{
		"nothing configured": property.NewMap(nil),
		"broken credentials": property.NewMap(map[string]property.Value{
			"profile": providertest.Str("no-such-profile"), "region": providertest.Str("us-east-1"),
		}),
	} {
		t.Run(name, func(t *testing.T) {
			s := providertest.NewServer(t, cfg)
			for _, c := range append(append([]arnCase{}, terraformCases...), ownCases...) {
				t.Run(c.name, func(t *testing.T) {
					out, err := providertest.Invoke(s, c.token, args(c.args))
					if c.errs != nil {
						require.Error(t, err)
						for _, e := range c.errs {
							assert.Contains(t, err.Error(), e)
						}
						return
					}
					require.NoError(t, err)
					assert.Equal(t, c.want, providertest.Outputs(out))
				})
			}
			_, err := providertest.Invoke(s, callerIdentity, nil)
			assert.Error(t, err, "getCallerIdentity needs credentials; the helpers did not")
		})
	}
}

// arnBuild and arnParse undo each other.
func TestArnRoundTrip(t *testing.T) {
	s := providertest.NewServer(t, property.NewMap(nil))
	for _, a := range []string{
		"arn:aws:iam::444455556666:role/with/some/path/parts/example",
		"arn:aws:s3:::bucket/key:with:colons",
		"arn:aws-cn:eks:cn-north-1:123456789012:cluster/demo",
	} {
		parts, err := providertest.Invoke(s, arnParse, args(map[string]string{"arn": a}))
		require.NoError(t, err)
		built, err := providertest.Invoke(s, arnBuild, args(providertest.Outputs(parts)))
		require.NoError(t, err)
		assert.Equal(t, a, providertest.Outputs(built)["arn"])
	}
}
