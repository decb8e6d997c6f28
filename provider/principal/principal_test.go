package principal

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	cases := []struct {
		name    string
		arn     string
		want    Principal
		roleARN string
	}{
		{
			name: "assumed role",
			arn:  "arn:aws:sts::123456789012:assumed-role/Audien-Heaven/MatyNoyes",
			want: Principal{Partition: "aws", AccountID: "123456789012", Type: AssumedRole,
				RoleName: "Audien-Heaven", SessionName: "MatyNoyes"},
			roleARN: "arn:aws:iam::123456789012:role/Audien-Heaven",
		},
		{
			name: "SSO role with an email session",
			arn:  "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_abc/jane@example.com",
			want: Principal{Partition: "aws", AccountID: "123456789012", Type: AssumedRole,
				RoleName: "AWSReservedSSO_Admin_abc", SessionName: "jane@example.com"},
			roleARN: "arn:aws:iam::123456789012:role/AWSReservedSSO_Admin_abc",
		},
		{
			name: "China partition",
			arn:  "arn:aws-cn:sts::123456789012:assumed-role/Deployer/ci",
			want: Principal{Partition: "aws-cn", AccountID: "123456789012", Type: AssumedRole,
				RoleName: "Deployer", SessionName: "ci"},
			roleARN: "arn:aws-cn:iam::123456789012:role/Deployer",
		},
		{
			name: "GovCloud partition",
			arn:  "arn:aws-us-gov:sts::123456789012:assumed-role/Deployer/ci",
			want: Principal{Partition: "aws-us-gov", AccountID: "123456789012", Type: AssumedRole,
				RoleName: "Deployer", SessionName: "ci"},
			roleARN: "arn:aws-us-gov:iam::123456789012:role/Deployer",
		},
		{
			name: "IAM user",
			arn:  "arn:aws:iam::123456789012:user/alice",
			want: Principal{Partition: "aws", AccountID: "123456789012", Type: User},
		},
		{
			name: "IAM user with a path",
			arn:  "arn:aws:iam::123456789012:user/division/team/alice",
			want: Principal{Partition: "aws", AccountID: "123456789012", Type: User},
		},
		{
			name: "root",
			arn:  "arn:aws:iam::123456789012:root",
			want: Principal{Partition: "aws", AccountID: "123456789012", Type: Root},
		},
		{
			name: "federated user",
			arn:  "arn:aws:sts::123456789012:federated-user/bob",
			want: Principal{Partition: "aws", AccountID: "123456789012", Type: FederatedUser},
		},
		{
			name: "IAM role",
			arn:  "arn:aws:iam::123456789012:role/some/path/Deployer",
			want: Principal{Partition: "aws", AccountID: "123456789012", Type: Role},
		},
		{
			name: "iam, not sts, assumed-role",
			arn:  "arn:aws:iam::123456789012:assumed-role/Deployer/ci",
			want: Principal{Partition: "aws", AccountID: "123456789012", Type: Other},
		},
		{
			name: "another service",
			arn:  "arn:aws:s3:::my-bucket/key",
			want: Principal{Partition: "aws", Type: Other},
		},
		{
			name: "moto's default sts user",
			arn:  "arn:aws:sts::123456789012:user/moto",
			want: Principal{Partition: "aws", AccountID: "123456789012", Type: Other},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Parse("arn", tc.arn)
			require.NoError(t, err)
			tc.want.ARN = tc.arn
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.roleARN, got.RoleARN())
		})
	}
}

func TestParseRejects(t *testing.T) {
	cases := []struct {
		name, arn, reason string
	}{
		{"empty", "", "it is empty"},
		{"not an ARN", "abcd", "does not have the form"},
		{"truncated", "arn:aws:sts::", "does not have the form"},
		{"truncated assumed role", "arn:aws:sts::123456789012:assumed-role/Deployer", "assumed-role/ROLE_NAME/SESSION_NAME"},
		{"assumed role with an empty session", "arn:aws:sts::123456789012:assumed-role/Deployer/", "assumed-role/ROLE_NAME/SESSION_NAME"},
		{"multiple slashes in resource", "arn:aws:sts::123456789012:assumed-role/a/b/c", "assumed-role/ROLE_NAME/SESSION_NAME"},
		{"short account", "arn:aws:sts::1234:assumed-role/Deployer/ci", "12-digit"},
		{"region on a global service", "arn:aws:iam:us-east-1:123456789012:user/alice", "have no region"},
		{"not a partition", "arn:gcp:sts::123456789012:assumed-role/Deployer/ci", "not an AWS partition"},
		{"white space", " arn:aws:iam::123456789012:user/alice", "white space"},
		{"bad role name", "arn:aws:sts::123456789012:assumed-role/De ployer/ci", "role name"},
		{"bad session name", "arn:aws:sts::123456789012:assumed-role/Deployer/c*i", "session name"},
		{"empty service", "arn:aws:::123456789012:user/x", "service is empty"},
		{"empty resource", "arn:aws:s3:::", "resource is empty"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("arn", tc.arn)
			require.Error(t, err)
			assert.Contains(t, err.Error(), "arn: ")
			assert.Contains(t, err.Error(), tc.reason)
		})
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"arn:aws:sts::123456789012:assumed-role/Audien-Heaven/MatyNoyes",
		"arn:aws:iam::123456789012:user/division/alice",
		"arn:aws:iam::123456789012:root",
		"arn:aws-cn:sts::123456789012:federated-user/bob",
		"arn:aws:s3:::bucket",
		"arn:aws:sts::",
		"",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, err := Parse("arn", s)
		if err != nil {
			return
		}
		if p.ARN != s || p.Partition == "" {
			t.Fatalf("accepted %q but lost its parts: %+v", s, p)
		}
		if p.Type == AssumedRole {
			if p.RoleName == "" || p.SessionName == "" || p.AccountID == "" {
				t.Fatalf("assumed-role %q without role, session or account: %+v", s, p)
			}
			again, err := Parse("arn", p.RoleARN())
			if err != nil || again.Type != Role {
				t.Fatalf("role ARN %q built from %q does not read back as a role: %v", p.RoleARN(), s, err)
			}
		}
	})
}

// The length the message gives is in characters, as it says, not in bytes.
func TestParseCountsCharacters(t *testing.T) {
	_, err := Parse("arn", "arn:aws:iam::123456789012:role/"+strings.Repeat("é", 2100))
	require.Error(t, err)
	assert.Contains(t, err.Error(), "it is 2131 characters long; ARNs are at most 2048")
	assert.Less(t, len([]rune(err.Error())), 300, "the value is quoted cut short")
	// 1100 two-byte characters: within AWS's 2048 characters.
	_, err = Parse("arn", "arn:aws:iam::123456789012:role/"+strings.Repeat("é", 1100))
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "characters long")
}
