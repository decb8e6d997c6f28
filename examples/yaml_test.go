// Package examples runs every runnable example against moto through the real
// Pulumi engine and checks what it outputs.
package examples

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

func program(t *testing.T, path string) string {
	return filepath.Join(testenv.RepoRoot(t), "examples", path)
}

func TestYAMLSessionContext(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "Audien-Heaven", "/example/")
	s := testenv.NewStack(t, program(t, "yaml/session-context"), moto.Env()...)
	s.Up()
	assert.Equal(t, map[string]any{
		"issuerArn":     roleArn,
		"issuerName":    "Audien-Heaven",
		"sessionName":   "MatyNoyes",
		"principalType": "assumed-role",
	}, s.Outputs(false))
	assert.Equal(t, "arn:aws:iam::123456789012:role/example/Audien-Heaven", roleArn)
}

func TestYAMLWhoAmI(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "ci-runner", "/runners/")

	t.Run("as a user", func(t *testing.T) {
		s := testenv.NewStack(t, program(t, "yaml/who-am-i"), moto.Env()...)
		s.Up()
		assert.Equal(t, map[string]any{
			"accountId":     "123456789012",
			"callerArn":     "arn:aws:sts::123456789012:user/moto",
			"principalType": "other",
			"issuerArn":     "arn:aws:sts::123456789012:user/moto",
			"sessionName":   "",
		}, s.Outputs(false))
	})
	t.Run("as an assumed role", func(t *testing.T) {
		env := moto.SessionEnv(t, roleArn, "build-7")
		s := testenv.NewStack(t, program(t, "yaml/who-am-i"), env...)
		s.Up()
		assert.Equal(t, map[string]any{
			"accountId":     "123456789012",
			"callerArn":     "arn:aws:sts::123456789012:assumed-role/ci-runner/build-7",
			"principalType": "assumed-role",
			"issuerArn":     "arn:aws:iam::123456789012:role/runners/ci-runner",
			"sessionName":   "build-7",
		}, s.Outputs(false))
	})
}

func TestYAMLAssumeRole(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "Deployer", "/deploy/")
	s := testenv.NewStack(t, program(t, "yaml/assume-role"), moto.Env()...)
	s.Config("roleArn", roleArn, false)
	s.Config("roleSessionName", "release-1", false)
	up := s.Up()

	// An invoke's result is secret as a whole when any field of it is, so
	// every output taken from assumeRole is masked here.
	masked := s.Outputs(false)
	for _, k := range []string{"assumedRoleArn", "accessKeyId", "secretAccessKey", "sessionToken"} {
		assert.Equal(t, "[secret]", masked[k], k)
	}
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/release-1", masked["callerArnAsRole"],
		"the explicit provider acts as the role")

	shown := s.Outputs(true)
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/release-1", shown["assumedRoleArn"])
	assert.Regexp(t, `^[A-Z0-9]{16,}$`, shown["accessKeyId"])
	state := s.StateFiles()
	for _, k := range []string{"secretAccessKey", "sessionToken"} {
		secret, _ := shown[k].(string)
		require.Greater(t, len(secret), 10, "%s is shown with --show-secrets", k)
		assert.False(t, strings.Contains(state, secret), "%s is in the state file as plain text", k)
		assert.False(t, strings.Contains(up, secret), "%s is in the output of pulumi up", k)
	}
	assert.True(t, strings.Contains(state, `"ciphertext":`), "the state holds encrypted secrets")
}
