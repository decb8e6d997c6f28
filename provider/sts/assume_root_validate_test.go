package sts

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

const task = "arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy"

func TestAssumeRootValidate(t *testing.T) {
	d := func(n int) *int { return &n }
	for _, c := range []struct {
		name string
		args AssumeRootArgs
		want []string
	}{
		{"account ID", AssumeRootArgs{TargetPrincipal: "111122223333", TaskPolicyArn: task}, nil},
		{"root ARN", AssumeRootArgs{TargetPrincipal: "arn:aws:iam::111122223333:root", TaskPolicyArn: task}, nil},
		{"GovCloud task", AssumeRootArgs{TargetPrincipal: "111122223333",
			TaskPolicyArn: "arn:aws-us-gov:iam::aws:policy/root-task/IAMAuditRootUserCredentials"}, nil},
		{"durations at the bounds", AssumeRootArgs{TargetPrincipal: "111122223333", TaskPolicyArn: task, DurationSeconds: d(0)}, nil},
		{"900", AssumeRootArgs{TargetPrincipal: "111122223333", TaskPolicyArn: task, DurationSeconds: d(900)}, nil},
		{"everything wrong", AssumeRootArgs{TargetPrincipal: "1234", TaskPolicyArn: "IAMAuditRootUserCredentials", DurationSeconds: d(901)}, []string{
			"targetPrincipal: must be 12 to 2048 characters long, but is 4",
			`targetPrincipal: "1234" is not an AWS account ID: 12 digits, such as 123456789012`,
			`taskPolicyArn: "IAMAuditRootUserCredentials" is a policy name, not its ARN; pass arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials`,
			"durationSeconds: must be between 0 and 900 (15 minutes), but is 901"}},
		{"short name", AssumeRootArgs{TargetPrincipal: "111122223333", TaskPolicyArn: "Audit"}, []string{
			"taskPolicyArn: must be 20 to 2048 characters long, but is 5", `taskPolicyArn: "Audit" is a policy name, not its ARN`}},
		{"eleven digits and a letter", AssumeRootArgs{TargetPrincipal: "11112222333x", TaskPolicyArn: task},
			[]string{`targetPrincipal: "11112222333x" is not an AWS account ID: 12 digits`}},
		{"a role ARN", AssumeRootArgs{TargetPrincipal: "arn:aws:iam::111122223333:role/Admin", TaskPolicyArn: task},
			[]string{"targetPrincipal: \"arn:aws:iam::111122223333:role/Admin\" is neither a 12-digit account ID nor an account's root ARN"}},
		{"a customer managed policy", AssumeRootArgs{TargetPrincipal: "111122223333", TaskPolicyArn: "arn:aws:iam::111122223333:policy/root-task/Mine"},
			[]string{"taskPolicyArn: \"arn:aws:iam::111122223333:policy/root-task/Mine\" is not a root task policy ARN; pass " +
				"arn:aws:iam::aws:policy/root-task/ followed by one of IAMAuditRootUserCredentials, IAMCreateRootUserPassword, " +
				"IAMDeleteRootUserCredentials, S3UnlockBucketPolicy, SQSUnlockQueuePolicy"}},
		{"an AWS managed policy not for root tasks", AssumeRootArgs{TargetPrincipal: "111122223333", TaskPolicyArn: "arn:aws:iam::aws:policy/AdministratorAccess"},
			[]string{"is not a root task policy ARN"}},
		{"no task name", AssumeRootArgs{TargetPrincipal: "111122223333", TaskPolicyArn: "arn:aws:iam::aws:policy/root-task/"},
			[]string{"is not a root task policy ARN"}},
		{"control character", AssumeRootArgs{TargetPrincipal: "111122223333", TaskPolicyArn: task + "\x00"},
			[]string{`taskPolicyArn: may contain only tab, line breaks and printable characters (no control characters); found "\x00"`}},
		{"negative duration", AssumeRootArgs{TargetPrincipal: "111122223333", TaskPolicyArn: task, DurationSeconds: d(-1)},
			[]string{"durationSeconds: must be between 0 and 900 (15 minutes), but is -1"}},
		{"huge principal", AssumeRootArgs{TargetPrincipal: strings.Repeat("1", 3000), TaskPolicyArn: task},
			[]string{"must be 12 to 2048 characters long, but is 3000", "is not an AWS account ID: 12 digits"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			vs := c.args.Validate()
			assert.Len(t, vs, len(c.want), "%v", vs)
			for i := range min(len(vs), len(c.want)) {
				assert.Contains(t, vs[i].Error(), c.want[i])
			}
		})
	}
}

func TestAssumeRootInput(t *testing.T) {
	n := 600
	in := (&AssumeRootArgs{TargetPrincipal: "111122223333", TaskPolicyArn: task, DurationSeconds: &n}).Input()
	assert.Equal(t, "111122223333", *in.TargetPrincipal)
	assert.Equal(t, task, *in.TaskPolicyArn.Arn)
	assert.Equal(t, int32(600), *in.DurationSeconds)
	assert.Nil(t, (&AssumeRootArgs{}).Input().DurationSeconds, "AWS's default when not given")
}
