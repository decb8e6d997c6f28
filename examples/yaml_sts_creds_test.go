package examples

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// assertSecretsKept checks that the named outputs are masked (the YAML host
// makes an invoke's whole result secret when any field of it is), that the
// credentials' secrets are shown with --show-secrets and are in neither the
// state file nor the output of `up`, nor is any secret input given.
func assertSecretsKept(t *testing.T, s *testenv.Stack, up string, masked []string, inputs ...string) map[string]any {
	t.Helper()
	hidden, shown, state := s.Outputs(false), s.Outputs(true), s.StateFiles()
	for _, k := range masked {
		assert.Equal(t, "[secret]", hidden[k], k)
	}
	for _, k := range []string{"secretAccessKey", "sessionToken"} {
		secret, _ := shown[k].(string)
		require.Greater(t, len(secret), 10, "%s is shown with --show-secrets", k)
		inputs = append(inputs, secret)
	}
	for i, secret := range inputs {
		assert.False(t, strings.Contains(state, secret), "secret %d is in the state file as plain text", i)
		assert.False(t, strings.Contains(up, secret), "secret %d is in the output of pulumi up", i)
	}
	assert.True(t, strings.Contains(state, `"ciphertext":`), "the state holds encrypted secrets")
	return shown
}

// assumeRoleWithSaml through the engine against moto: the assertion is
// secret, the credentials act as the role (moto takes the role and session
// from the assertion).
func TestYAMLAssumeRoleWithSaml(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "Admins", "/saml/")
	const provider = "arn:aws:iam::123456789012:saml-provider/Okta"
	assertion := testenv.SAMLAssertion(roleArn, provider, "alice", 900)
	s := testenv.NewStack(t, program(t, "yaml/saml-role"), moto.Env()...)
	s.Config("roleArn", roleArn, false)
	s.Config("principalArn", provider, false)
	s.Config("samlAssertion", assertion, true)
	up := s.Up()

	shown := assertSecretsKept(t, s, up, []string{"secretAccessKey", "sessionToken", "assumedRoleArn", "issuer"}, assertion)
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Admins/alice", shown["assumedRoleArn"])
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Admins/alice", s.Outputs(false)["callerArnAsRole"],
		"the explicit provider acts as the role")
	assert.Equal(t, "http://localhost:3000/", shown["issuer"], "moto's fixed issuer")
	assert.Equal(t, "https://signin.aws.amazon.com/saml", shown["audience"])
}

// getFederationToken through the engine against moto, with a session policy
// and a tag, signed with the stack's IAM user keys.
func TestYAMLGetFederationToken(t *testing.T) {
	moto := testenv.StartMoto(t)
	s := testenv.NewStack(t, program(t, "yaml/federation-token"), moto.Env()...)
	s.Config("durationSeconds", "7200", false)
	up := s.Up()

	shown := assertSecretsKept(t, s, up, []string{"secretAccessKey", "sessionToken", "federatedUserArn", "expiration"})
	assert.Equal(t, "arn:aws:sts::123456789012:federated-user/report-reader", shown["federatedUserArn"])
	assert.Equal(t, "123456789012:report-reader", shown["federatedUserId"])
	assert.Equal(t, "AKIAIOSFODNN7EXAMPLE", shown["accessKeyId"], "moto's fixed key")
	requireExpiresIn(t, shown["expiration"], 2*time.Hour)
}

// getDelegatedAccessToken through the engine: moto 5.2.5 does not serve it,
// so the fake STS answers, and shows the request was signed and carried
// the token.
func TestYAMLGetDelegatedAccessToken(t *testing.T) {
	aws := awsfault.Start(t)
	const token = "tradeInToken-yaml-0123456789abcdef"
	env := []string{
		"AWS_ACCESS_KEY_ID=AKIAFAULTYAML0000001", "AWS_SECRET_ACCESS_KEY=faultYamlSecret", "AWS_SESSION_TOKEN=",
		"AWS_REGION=us-east-1", "AWS_ENDPOINT_URL_STS=" + aws.URL, "AWS_ENDPOINT_URL_IAM=" + aws.URL,
		"AWS_EC2_METADATA_DISABLED=true", "AWS_PROFILE=", "AWS_CONFIG_FILE=" + os.DevNull,
		"AWS_SHARED_CREDENTIALS_FILE=" + os.DevNull, "AWS_MAX_ATTEMPTS=1",
	}
	s := testenv.NewStack(t, program(t, "yaml/delegated-access"), env...)
	s.Config("tradeInToken", token, true)
	up := s.Up()

	shown := assertSecretsKept(t, s, up, []string{"secretAccessKey", "sessionToken", "assumedPrincipal", "accessKeyId"}, token)
	assert.Equal(t, awsfault.DelegatedARN, shown["assumedPrincipal"])
	assert.Equal(t, awsfault.AccessKeyID, shown["accessKeyId"])
	reqs := aws.Requests("GetDelegatedAccessToken")
	require.NotEmpty(t, reqs)
	for i, r := range reqs {
		assert.Equal(t, token, r.Get("TradeInToken"))
		assert.True(t, aws.Signed("GetDelegatedAccessToken")[i], "signed with the provider's credentials")
	}
}
