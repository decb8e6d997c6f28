package stsinput

import (
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const roleArn = "arn:aws:iam::123456789012:role/Deployer"

// Every function that assumes a role answers through NewRoleSession, and an
// answer missing a part is the same error for each, naming the call and role.
func TestNewRoleSession(t *testing.T) {
	expires := time.Date(2026, 12, 1, 6, 0, 0, 0, time.FixedZone("CET", 3600))
	creds := &ststypes.Credentials{AccessKeyId: aws.String("ASIAEXAMPLE"), SecretAccessKey: aws.String("s3cret"),
		SessionToken: aws.String("t0ken"), Expiration: aws.Time(expires)}
	user := &ststypes.AssumedRoleUser{Arn: aws.String("arn:aws:sts::123456789012:assumed-role/Deployer/ci"),
		AssumedRoleId: aws.String("AROAEXAMPLE:ci")}

	rs, err := NewRoleSession("sts:AssumeRole", roleArn, creds, user, aws.Int32(6), aws.String("alice"))
	require.NoError(t, err)
	assert.Equal(t, RoleSession{
		Credentials: Credentials{AccessKeyID: "ASIAEXAMPLE", SecretAccessKey: "s3cret", SessionToken: "t0ken",
			Expiration: "2026-12-01T05:00:00Z"},
		AssumedRoleUser:  AssumedRoleUser{Arn: *user.Arn, AssumedRoleID: "AROAEXAMPLE:ci"},
		PackedPolicySize: 6,
		SourceIdentity:   "alice",
	}, rs, "expiration in UTC")

	rs, err = NewRoleSession("sts:AssumeRole", roleArn, creds, user, nil, nil)
	require.NoError(t, err)
	assert.Zero(t, rs.PackedPolicySize)
	assert.Empty(t, rs.SourceIdentity)

	const want = "sts:AssumeRoleWithWebIdentity answered without credentials for " + roleArn +
		"; check that the STS endpoint is AWS's or a faithful emulator"
	for name, c := range map[string]struct {
		creds *ststypes.Credentials
		user  *ststypes.AssumedRoleUser
	}{
		"no credentials":   {nil, user},
		"no access key ID": {&ststypes.Credentials{SecretAccessKey: aws.String("s3cret")}, user},
		"no user":          {creds, nil},
	} {
		_, err := NewRoleSession("sts:AssumeRoleWithWebIdentity", roleArn, c.creds, c.user, nil, nil)
		assert.EqualError(t, err, want, name)
	}
	assert.EqualError(t, NoCredentials("sts:GetSessionToken", ""), "sts:GetSessionToken answered without "+
		"credentials; check that the STS endpoint is AWS's or a faithful emulator", "no role to name")
}
