package examples

import (
	"context"
	"net/url"
	"sort"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsiam "github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/federationfake"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// The sign-in token the fake federation endpoint hands out: a secret, as
// the URL carrying it is.
const yamlSigninToken = "yaml-fake-signin-token-4b1d"

// who am I, my alias, and a console URL for the role I just assumed, from
// YAML through the real engine: moto for STS and IAM, the fake federation
// endpoint for the sign-in token.
func TestYAMLConsoleSignin(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "ReadOnly", "/")
	_, err := awsiam.NewFromConfig(moto.AWSConfig()).CreateAccountAlias(context.Background(),
		&awsiam.CreateAccountAliasInput{AccountAlias: aws.String("acme-yaml")})
	require.NoError(t, err)
	fake := federationfake.Start(t, yamlSigninToken)
	fake.AcceptAnyTemporary()

	s := testenv.NewStack(t, program(t, "yaml/console-signin"), moto.Env()...)
	s.Config("roleArn", roleArn, false)
	s.ConfigJSON("aws-identity:endpoints.federation", fake.URL)
	up := s.Up()

	masked := s.Outputs(false)
	assert.Equal(t, "arn:aws:sts::123456789012:user/moto", masked["callerArn"])
	assert.Equal(t, "123456789012", masked["accountId"])
	assert.Equal(t, "acme-yaml", masked["accountAlias"])
	for _, k := range []string{"consoleUrl", "signinExpiration", "roleSecretAccessKey", "roleSessionToken"} {
		assert.Equal(t, "[secret]", masked[k], k)
	}

	shown := s.Outputs(true)
	consoleURL, _ := shown["consoleUrl"].(string)
	u, err := url.Parse(consoleURL)
	require.NoError(t, err)
	assert.Equal(t, fake.URL, u.Scheme+"://"+u.Host+u.Path)
	q := u.Query()
	var keys []string
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	assert.Equal(t, []string{"Action", "Destination", "Issuer", "SigninToken"}, keys, "nothing but the sign-in token and the login parameters")
	assert.Equal(t, "login", q.Get("Action"))
	assert.Equal(t, yamlSigninToken, q.Get("SigninToken"))
	assert.Equal(t, "https://console.aws.amazon.com/iam/home", q.Get("Destination"))
	assert.Equal(t, "https://sso.example.com/", q.Get("Issuer"))
	requireExpiresIn(t, shown["signinExpiration"], 15*time.Minute)

	// What the federation endpoint received: the role's credentials, as
	// the Session JSON, and the session's duration.
	reqs := fake.Requests()
	require.Len(t, reqs, 1, "up --skip-preview: one getSigninToken")
	secret, _ := shown["roleSecretAccessKey"].(string)
	token, _ := shown["roleSessionToken"].(string)
	assert.Equal(t, federationfake.Session{SessionID: shown["roleAccessKeyId"].(string), SessionKey: secret, SessionToken: token},
		reqs[0].Session)
	require.NotNil(t, reqs[0].SessionDuration)
	assert.Equal(t, 3600, *reqs[0].SessionDuration)
	require.Greater(t, len(secret), 10)
	require.Greater(t, len(token), 10)
	assert.NotContains(t, consoleURL, secret)
	assert.NotContains(t, consoleURL, token)

	// No secret in plain text anywhere the program leaves a trace.
	export := s.Run("stack", "export")
	state := s.StateFiles()
	for what, text := range map[string]string{"pulumi up": up, "pulumi stack export": export, "the state files": state} {
		for name, v := range map[string]string{"secret key": secret, "session token": token,
			"sign-in token": yamlSigninToken, "console URL": consoleURL} {
			assert.NotContains(t, text, v, "the %s is in %s as plain text", name, what)
		}
	}
	assert.Contains(t, export, `"ciphertext":`, "the state holds encrypted secrets")
}
