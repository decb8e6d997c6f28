package testenv

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/stretchr/testify/require"
)

// CreateAccessKey creates the IAM user user with an access key in account
// and returns the key's ID, for tests of which account owns a key. moto keeps
// one IAM per account and serves the account of the credentials a request is
// signed with, so the user is created with a session of a role in that
// account (moto needs no such role to exist).
func (m *Moto) CreateAccessKey(t testing.TB, account, user string) string {
	t.Helper()
	c := m.AssumeRole(t, "arn:aws:iam::"+account+":role/moto-admin", "create-"+user)
	cfg := m.AWSConfig()
	cfg.Credentials = credentials.NewStaticCredentialsProvider(c.AccessKeyID, c.SecretAccessKey, c.SessionToken)
	client := iam.NewFromConfig(cfg)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	_, err := client.CreateUser(ctx, &iam.CreateUserInput{UserName: aws.String(user)})
	require.NoError(t, err, "moto: CreateUser %s in %s", user, account)
	out, err := client.CreateAccessKey(ctx, &iam.CreateAccessKeyInput{UserName: aws.String(user)})
	require.NoError(t, err, "moto: CreateAccessKey for %s in %s", user, account)
	return aws.ToString(out.AccessKey.AccessKeyId)
}
