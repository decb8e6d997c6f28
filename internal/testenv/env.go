package testenv

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/stretchr/testify/require"
)

// PulumiEnv is the environment (KEY=VALUE) for the Pulumi CLI, or an
// Automation API program, on a private local file backend and PULUMI_HOME
// in dir, with the provider from bin/ and the tools from .tools/bin first on
// PATH. It returns the environment and the backend's folder.
func PulumiEnv(t testing.TB, dir string) (env []string, state string) {
	t.Helper()
	state = filepath.Join(dir, "state")
	require.NoError(t, os.MkdirAll(state, 0o755))
	sep := string(os.PathListSeparator)
	return []string{
		"PATH=" + filepath.Join(RepoRoot(t), "bin") + sep + ToolsBin(t) + sep + os.Getenv("PATH"),
		"PULUMI_HOME=" + filepath.Join(dir, "home"),
		"PULUMI_BACKEND_URL=file://" + state,
		"PULUMI_CONFIG_PASSPHRASE=" + Passphrase,
		"PULUMI_SKIP_UPDATE_CHECK=1",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true",
		"AWS_EC2_METADATA_DISABLED=true",
	}, state
}

// AssumeRole returns credentials for a new session of roleArn from moto's
// STS, for running a program as that role.
func (m *Moto) AssumeRole(t testing.TB, roleArn, session string) aws.Credentials {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := sts.NewFromConfig(m.AWSConfig()).AssumeRole(ctx, &sts.AssumeRoleInput{
		RoleArn: aws.String(roleArn), RoleSessionName: aws.String(session),
	})
	require.NoError(t, err, "moto: AssumeRole %s", roleArn)
	c := out.Credentials
	return aws.Credentials{AccessKeyID: aws.ToString(c.AccessKeyId), SecretAccessKey: aws.ToString(c.SecretAccessKey),
		SessionToken: aws.ToString(c.SessionToken), CanExpire: true, Expires: aws.ToTime(c.Expiration)}
}

// SessionEnv is Env with the credentials of a new session of roleArn in
// place of the test keys: a program run with it runs as that role.
func (m *Moto) SessionEnv(t testing.TB, roleArn, session string) []string {
	t.Helper()
	c := m.AssumeRole(t, roleArn, session)
	return append(m.Env(), "AWS_ACCESS_KEY_ID="+c.AccessKeyID,
		"AWS_SECRET_ACCESS_KEY="+c.SecretAccessKey, "AWS_SESSION_TOKEN="+c.SessionToken)
}
