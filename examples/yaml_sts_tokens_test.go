package examples

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

const stsTokensEncoded = "9n5dGRjbvKrN-4IbL8Lw_cWxZSVgoHx2Kbyy7p3xHpfYj3vRbUb2xTu-q0YAH-bi6mo3tX3s"

const stsTokensDecoded = `{"allowed":false,"explicitDeny":true,"matchedStatements":{"items":[` +
	`{"statementId":"DenyOutsideEU","effect":"DENY","actions":{"items":[{"value":"ec2:*"}]},"resources":{"items":[{"value":"*"}]}}]},` +
	`"context":{"principal":{"id":"AIDAEXAMPLE","name":"alice","arn":"arn:aws:iam::123456789012:user/alice"},` +
	`"action":"ec2:RunInstances","resource":"arn:aws:ec2:us-east-1:123456789012:instance/*","conditions":{"items":[]}}}`

// stsTokensEnv is an environment with static keys, the STS endpoint given,
// and a proxy on a closed local port: nothing may leave 127.0.0.1.
func stsTokensEnv(extra ...string) []string {
	return append([]string{
		"AWS_ACCESS_KEY_ID=AKIASTSTOKENSYAML001", "AWS_SECRET_ACCESS_KEY=ststokensYamlSecretKey000000000000000000",
		"AWS_SESSION_TOKEN=", "AWS_PROFILE=", "AWS_CONFIG_FILE=" + os.DevNull, "AWS_SHARED_CREDENTIALS_FILE=" + os.DevNull,
		"AWS_WEB_IDENTITY_TOKEN_FILE=", "AWS_ROLE_ARN=", "HTTPS_PROXY=http://127.0.0.1:9",
	}, extra...)
}

// The three functions through the real engine, against the fake STS.
func TestYAMLSTSTokens(t *testing.T) {
	sts := awsfault.Start(t)
	sts.On("DecodeAuthorizationMessage", awsfault.Decoded(stsTokensDecoded))
	sts.On("AssumeRoot", awsfault.AssumeRootOK(15*60e9))
	sts.On("GetWebIdentityToken", awsfault.GetWebIdentityTokenOK(5*60e9))
	s := testenv.NewStack(t, program(t, "yaml/sts-tokens"),
		stsTokensEnv("AWS_REGION=eu-west-1", "AWS_ENDPOINT_URL_STS="+sts.URL, "AWS_ENDPOINT_URL_IAM="+sts.URL)...)
	s.Config("errorText", "An error occurred (UnauthorizedOperation) when calling the RunInstances operation: "+
		"You are not authorized to perform this operation. Encoded authorization failure message: "+stsTokensEncoded+".", false)
	s.Up()

	masked := s.Outputs(false)
	assert.Equal(t, false, masked["allowed"])
	assert.Equal(t, true, masked["explicitDeny"])
	assert.Equal(t, "ec2:RunInstances", masked["action"])
	assert.Equal(t, "arn:aws:iam::123456789012:user/alice", masked["principalArn"])
	assert.Equal(t, "DenyOutsideEU", masked["deniedBy"])
	assert.Equal(t, "", masked["note"])
	for _, k := range []string{"rootAccessKeyId", "rootSecretAccessKey", "rootSourceIdentity", "token", "tokenExpiration"} {
		assert.Equal(t, "[secret]", masked[k], k)
	}
	shown := s.Outputs(true)
	assert.Equal(t, awsfault.AccessKeyID, shown["rootAccessKeyId"])
	assert.Equal(t, awsfault.SecretAccessKey, shown["rootSecretAccessKey"])
	assert.Equal(t, awsfault.RootSourceIdentity, shown["rootSourceIdentity"])
	assert.Equal(t, awsfault.WebIdentityJWT, shown["token"])

	state := s.StateFiles()
	for _, secret := range []string{awsfault.SecretAccessKey, awsfault.SessionToken, awsfault.WebIdentityJWT} {
		assert.NotContains(t, state, secret, "a secret in plain text in the state")
	}

	for _, r := range sts.Requests("DecodeAuthorizationMessage") {
		assert.Equal(t, stsTokensEncoded, r.Get("EncodedMessage"), "the message alone, without the full stop")
	}
	for _, r := range sts.Requests("AssumeRoot") {
		assert.Equal(t, "111122223333", r.Get("TargetPrincipal"), "quoted in the program, a string")
		assert.Equal(t, "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials", r.Get("TaskPolicyArn.arn"))
		assert.Equal(t, "900", r.Get("DurationSeconds"))
	}
	for _, r := range sts.Requests("GetWebIdentityToken") {
		assert.Equal(t, "api://AzureADTokenExchange", r.Get("Audience.member.1"))
		assert.Equal(t, "ES384", r.Get("SigningAlgorithm"))
		assert.Equal(t, "platform", r.Get("Tags.member.1.Value"))
	}
	for _, action := range []string{"DecodeAuthorizationMessage", "AssumeRoot", "GetWebIdentityToken"} {
		signed := sts.Signed(action)
		require.NotEmpty(t, signed, action)
		for i, ok := range signed {
			assert.True(t, ok, "%s request %d is signed", action, i)
		}
	}
}

const stsTokensGlobal = `name: sts-tokens-global
runtime: yaml
variables:
  root:
    fn::invoke:
      function: aws-identity:sts:assumeRoot
      arguments:
        targetPrincipal: "111122223333"
        taskPolicyArn: arn:aws:iam::aws:policy/root-task/S3UnlockBucketPolicy
  jwt:
    fn::invoke:
      function: aws-identity:sts:getWebIdentityToken
      arguments:
        audience: [sts-tokens-test]
        signingAlgorithm: RS256
outputs:
  rootKey: ${root.credentials.accessKeyId}
  token: ${jwt.webIdentityToken}
`

// With the region aws-global, assumeRoot and getWebIdentityToken fail
// before any request, naming stsRegion. With stsRegion set, the same
// program gets past that check and tries the regional endpoint, which the
// test's proxy (a closed port on 127.0.0.1) refuses: nothing leaves the
// machine either way.
func TestYAMLSTSTokensGlobalEndpoint(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), []byte(stsTokensGlobal), 0o644))
	s := testenv.NewStack(t, dir, stsTokensEnv("AWS_REGION=aws-global", "AWS_MAX_ATTEMPTS=1")...)
	out, err := s.Try("up", "--yes", "--skip-preview")
	require.Error(t, err, "up should fail:\n%s", out)
	assert.Contains(t, out, "which AWS does not serve at STS's global endpoint, but the provider would call https://sts.amazonaws.com")
	assert.Contains(t, out, "set the provider's stsRegion to a region")
	assert.NotContains(t, out, "could not reach", "no request was sent")
	assert.NotContains(t, out, "ststokensYamlSecretKey")

	s.Config("aws-identity:stsRegion", "eu-west-1", false)
	out, err = s.Try("up", "--yes", "--skip-preview")
	require.Error(t, err, "the regional endpoint is not reachable from the test:\n%s", out)
	assert.NotContains(t, out, "global endpoint")
	assert.Contains(t, out, "could not reach https://sts.eu-west-1.amazonaws.com")
}
