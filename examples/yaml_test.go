// Package examples runs every runnable example against moto through the real
// Pulumi engine and checks what it outputs.
package examples

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
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

func TestYAMLSessionToken(t *testing.T) {
	moto := testenv.StartMoto(t)
	s := testenv.NewStack(t, program(t, "yaml/session-token"), moto.Env()...)
	s.Config("serialNumber", "arn:aws:iam::123456789012:mfa/alice", false)
	// Secret, as the example says: a plain number-like value reaches the
	// function as a number. The leading zero must survive.
	s.Config("tokenCode", "012345", true)
	s.Config("durationSeconds", "900", false)
	up := s.Up()

	masked := s.Outputs(false)
	for _, k := range []string{"accessKeyId", "expiration", "secretAccessKey", "sessionToken"} {
		assert.Equal(t, "[secret]", masked[k], "%s: the YAML host makes an invoke's whole result secret", k)
	}
	// moto accepts the credentials; it does not track them, so it answers
	// with its default user, as for any key it did not issue to a role.
	assert.Equal(t, "arn:aws:sts::123456789012:user/moto", masked["callerArnWithMfa"],
		"the explicit provider calls with the session's credentials")

	shown := s.Outputs(true)
	assert.Equal(t, "AKIAIOSFODNN7EXAMPLE", shown["accessKeyId"], "moto's GetSessionToken key")
	requireExpiresIn(t, shown["expiration"], 900*time.Second)
	state := s.StateFiles()
	for _, k := range []string{"secretAccessKey", "sessionToken"} {
		secret, _ := shown[k].(string)
		require.Greater(t, len(secret), 30, "%s is shown with --show-secrets", k)
		assert.NotContains(t, state, secret, "%s is in the state file as plain text", k)
		assert.NotContains(t, up, secret, "%s is in the output of pulumi up", k)
	}
	assert.Contains(t, state, `"ciphertext":`, "the state holds encrypted secrets")
}

// requireExpiresIn checks that an RFC 3339 time is in the future and at most
// d away (with a minute for clock and rounding).
func requireExpiresIn(t *testing.T, v any, d time.Duration) {
	t.Helper()
	s, _ := v.(string)
	at, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err, "expiration %q", s)
	left := time.Until(at)
	assert.True(t, left > d-5*time.Minute && left <= d+time.Minute, "expiration %s is %s away, want about %s", s, left, d)
}

// credentialFunctions calls every credential function from YAML: getCredentials
// of the default provider and of an explicit one, getSessionToken,
// assumeRoleWithWebIdentity (and getCallerIdentity with the credentials of
// both), and getAccessKeyInfo.
const credentialFunctions = `name: credential-functions
runtime: yaml
config:
  roleArn:
    type: string
  webIdentityToken:
    type: string
    secret: true
  otherAccessKey:
    type: string
  otherSecretKey:
    type: string
    secret: true
  auditedKeyId:
    type: string
variables:
  creds:
    fn::invoke:
      function: aws-identity:index:getCredentials
      arguments: {}
  otherCreds:
    fn::invoke:
      function: aws-identity:index:getCredentials
      arguments: {}
      options:
        provider: ${other}
  envCreds:
    fn::invoke:
      function: aws-identity:index:getCredentials
      arguments: {}
      options:
        provider: ${fromEnvironment}
  mfa:
    fn::invoke:
      function: aws-identity:sts:getSessionToken
      arguments:
        durationSeconds: 900
  meWithSessionToken:
    fn::invoke:
      function: aws-identity:index:getCallerIdentity
      arguments: {}
      options:
        provider: ${withSessionToken}
  oidc:
    fn::invoke:
      function: aws-identity:sts:assumeRoleWithWebIdentity
      arguments:
        roleArn: ${roleArn}
        roleSessionName: github-actions-42
        webIdentityToken: ${webIdentityToken}
        durationSeconds: 900
  meAsWebIdentity:
    fn::invoke:
      function: aws-identity:index:getCallerIdentity
      arguments: {}
      options:
        provider: ${asWebIdentity}
  keyOwner:
    fn::invoke:
      function: aws-identity:sts:getAccessKeyInfo
      arguments:
        accessKeyId: ${auditedKeyId}
  unknownKeyOwner:
    fn::invoke:
      function: aws-identity:sts:getAccessKeyInfo
      arguments:
        accessKeyId: AKIAUNKNOWNKEY000001
resources:
  other:
    type: pulumi:providers:aws-identity
    properties:
      accessKey: ${otherAccessKey}
      secretKey: ${otherSecretKey}
  # An explicit provider reads no stack configuration: its credentials come
  # from the standard chain, here the environment.
  fromEnvironment:
    type: pulumi:providers:aws-identity
    properties:
      region: us-east-1
  withSessionToken:
    type: pulumi:providers:aws-identity
    properties:
      accessKey: ${mfa.credentials.accessKeyId}
      secretKey: ${mfa.credentials.secretAccessKey}
      token: ${mfa.credentials.sessionToken}
  asWebIdentity:
    type: pulumi:providers:aws-identity
    properties:
      accessKey: ${oidc.credentials.accessKeyId}
      secretKey: ${oidc.credentials.secretAccessKey}
      token: ${oidc.credentials.sessionToken}
outputs:
  credsAccessKeyId: ${creds.accessKeyId}
  credsSecretAccessKey: ${creds.secretAccessKey}
  credsSessionToken: ${creds.sessionToken}
  credsExpiration: ${creds.expiration}
  credsSource: ${creds.source}
  otherAccessKeyId: ${otherCreds.accessKeyId}
  otherSecretAccessKey: ${otherCreds.secretAccessKey}
  otherSessionToken: ${otherCreds.sessionToken}
  otherSource: ${otherCreds.source}
  envAccessKeyId: ${envCreds.accessKeyId}
  envSource: ${envCreds.source}
  mfaAccessKeyId: ${mfa.credentials.accessKeyId}
  mfaSecretAccessKey: ${mfa.credentials.secretAccessKey}
  mfaSessionToken: ${mfa.credentials.sessionToken}
  mfaExpiration: ${mfa.expiration}
  mfaCredentialsExpiration: ${mfa.credentials.expiration}
  callerArnWithSessionToken: ${meWithSessionToken.arn}
  oidcAccessKeyId: ${oidc.credentials.accessKeyId}
  oidcSecretAccessKey: ${oidc.credentials.secretAccessKey}
  oidcSessionToken: ${oidc.credentials.sessionToken}
  oidcExpiration: ${oidc.credentials.expiration}
  oidcAssumedRoleUser: ${oidc.assumedRoleUser}
  oidcPackedPolicySize: ${oidc.packedPolicySize}
  oidcSubject: ${oidc.subjectFromWebIdentityToken}
  oidcAudience: ${oidc.audience}
  oidcProvider: ${oidc.provider}
  oidcSourceIdentity: ${oidc.sourceIdentity}
  callerArnAsWebIdentity: ${meAsWebIdentity.arn}
  keyOwnerAccount: ${keyOwner.account}
  unknownKeyOwnerAccount: ${unknownKeyOwner.account}
`

// Recognizable values for the credential functions' test; moto accepts any key.
const (
	yamlAccessKey      = "AKIAYAMLDEFAULT00001"
	yamlSecretKey      = "yamlDefaultSecretKey/0000000000000000000"
	yamlToken          = "yamlDefaultSessionToken/000000000000000000000"
	yamlOtherAccessKey = "AKIAYAMLEXPLICIT0001"
	yamlOtherSecretKey = "yamlExplicitSecretKey/000000000000000000"
	yamlWebIdentity    = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOmV4YW1wbGUifQ.yamlWebIdentityTokenSignature"
)

func TestYAMLCredentialFunctions(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "github-deployer", "/oidc/")
	auditedKeyID := moto.CreateAccessKey(t, "111111111111", "auditor")

	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), []byte(credentialFunctions), 0o644))
	s := testenv.NewStack(t, dir, moto.Env()...)
	s.Config("roleArn", roleArn, false)
	s.Config("webIdentityToken", yamlWebIdentity, true)
	s.Config("otherAccessKey", yamlOtherAccessKey, false)
	s.Config("otherSecretKey", yamlOtherSecretKey, true)
	s.Config("auditedKeyId", auditedKeyID, false)
	// The default provider's credentials come from its configuration, in
	// place of the environment's testing/testing.
	s.Config("aws-identity:accessKey", yamlAccessKey, false)
	s.Config("aws-identity:secretKey", yamlSecretKey, true)
	s.Config("aws-identity:token", yamlToken, true)
	up := s.Up()

	shown := s.Outputs(true)
	const session = "arn:aws:sts::123456789012:assumed-role/github-deployer/github-actions-42"

	// getCredentials: what the provider was configured with; an explicit
	// provider's own.
	assert.Equal(t, yamlAccessKey, shown["credsAccessKeyId"])
	assert.Equal(t, yamlSecretKey, shown["credsSecretAccessKey"])
	assert.Equal(t, yamlToken, shown["credsSessionToken"])
	assert.Equal(t, "", shown["credsExpiration"], "static keys do not expire")
	assert.Equal(t, "the provider's accessKey and secretKey", shown["credsSource"])
	assert.Equal(t, yamlOtherAccessKey, shown["otherAccessKeyId"])
	assert.Equal(t, yamlOtherSecretKey, shown["otherSecretAccessKey"])
	assert.Equal(t, "", shown["otherSessionToken"], "long-term keys have no session token")
	assert.Equal(t, shown["credsSource"], shown["otherSource"], "both from a provider's configuration")
	assert.Equal(t, testenv.MotoAccessKey, shown["envAccessKeyId"], "moto.Env()'s AWS_ACCESS_KEY_ID")
	assert.Equal(t, "the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", shown["envSource"])

	// getSessionToken: moto's credentials, which moto accepts.
	assert.Equal(t, "AKIAIOSFODNN7EXAMPLE", shown["mfaAccessKeyId"], "moto's GetSessionToken key")
	requireExpiresIn(t, shown["mfaExpiration"], 900*time.Second)
	assert.Equal(t, shown["mfaExpiration"], shown["mfaCredentialsExpiration"])
	assert.Equal(t, "arn:aws:sts::123456789012:user/moto", shown["callerArnWithSessionToken"])

	// assumeRoleWithWebIdentity: a session of the role, whose credentials
	// moto knows as that session's.
	assert.Equal(t, map[string]any{"arn": session, "assumedRoleId": "ARO123EXAMPLE123:github-actions-42"},
		shown["oidcAssumedRoleUser"])
	assert.Equal(t, session, shown["callerArnAsWebIdentity"], "the explicit provider acts as the role")
	assert.Regexp(t, `^ASIA[A-Z0-9]{16}$`, shown["oidcAccessKeyId"])
	requireExpiresIn(t, shown["oidcExpiration"], 900*time.Second)
	assert.Equal(t, float64(6), shown["oidcPackedPolicySize"])
	// moto answers without these; AWS fills them from the token.
	for _, k := range []string{"oidcSubject", "oidcAudience", "oidcProvider", "oidcSourceIdentity"} {
		assert.Equal(t, "", shown[k], k)
	}

	// getAccessKeyInfo: the account that owns the key; moto answers its own
	// account for a key it does not know.
	assert.Equal(t, "111111111111", shown["keyOwnerAccount"])
	assert.Equal(t, "123456789012", shown["unknownKeyOwnerAccount"])

	// Secrets: masked, and in plain text neither in the state nor in what
	// pulumi up printed.
	masked := s.Outputs(false)
	state := s.StateFiles()
	secrets := map[string]string{"webIdentityToken": yamlWebIdentity}
	for _, k := range []string{"credsSecretAccessKey", "credsSessionToken", "otherSecretAccessKey",
		"mfaSecretAccessKey", "mfaSessionToken", "oidcSecretAccessKey", "oidcSessionToken"} {
		assert.Equal(t, "[secret]", masked[k], k)
		secrets[k], _ = shown[k].(string)
	}
	for k, v := range secrets {
		require.Greater(t, len(v), 20, k)
		assert.NotContains(t, state, v, "%s is in the state file as plain text", k)
		assert.NotContains(t, up, v, "%s is in the output of pulumi up", k)
	}
	for _, k := range []string{"keyOwnerAccount", "callerArnAsWebIdentity", "callerArnWithSessionToken"} {
		assert.NotEqual(t, "[secret]", masked[k], "%s is not secret", k)
	}
}

// webIdentityClaims calls assumeRoleWithWebIdentity alone.
const webIdentityClaims = `name: web-identity-claims
runtime: yaml
config:
  roleArn:
    type: string
  webIdentityToken:
    type: string
    secret: true
variables:
  web:
    fn::invoke:
      function: aws-identity:sts:assumeRoleWithWebIdentity
      arguments:
        roleArn: ${roleArn}
        roleSessionName: gha-run-7
        webIdentityToken: ${webIdentityToken}
outputs:
  assumedRoleUser: ${web.assumedRoleUser}
  accessKeyId: ${web.credentials.accessKeyId}
  subjectFromWebIdentityToken: ${web.subjectFromWebIdentityToken}
  audience: ${web.audience}
  provider: ${web.provider}
  packedPolicySize: ${web.packedPolicySize}
  sourceIdentity: ${web.sourceIdentity}
`

// TestYAMLWebIdentityClaims runs assumeRoleWithWebIdentity through the engine
// against the local AWS fake server, which answers as STS does with what it
// read from the token (moto answers without it), with no AWS credentials
// anywhere: STS does not sign this call, and the provider must not need any.
func TestYAMLWebIdentityClaims(t *testing.T) {
	sts := awsfault.Start(t)
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "Pulumi.yaml"), []byte(webIdentityClaims), 0o644))
	s := testenv.NewStack(t, dir,
		"AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=", "AWS_SESSION_TOKEN=", "AWS_PROFILE=",
		"AWS_CONFIG_FILE="+os.DevNull, "AWS_SHARED_CREDENTIALS_FILE="+os.DevNull,
		"AWS_WEB_IDENTITY_TOKEN_FILE=", "AWS_ROLE_ARN=", "AWS_REGION=us-east-1",
		"AWS_ENDPOINT_URL_STS="+sts.URL, "AWS_ENDPOINT_URL_IAM="+sts.URL)
	s.Config("roleArn", "arn:aws:iam::123456789012:role/gha/deployer", false)
	s.Config("webIdentityToken", yamlWebIdentity, true)
	s.Up()

	shown := s.Outputs(true)
	assert.Equal(t, map[string]any{
		"assumedRoleUser": map[string]any{
			"arn":           "arn:aws:sts::123456789012:assumed-role/deployer/gha-run-7",
			"assumedRoleId": "AROAFAULTSERVER00001:gha-run-7",
		},
		"accessKeyId":                 awsfault.AccessKeyID,
		"subjectFromWebIdentityToken": awsfault.WebIdentitySubject,
		"audience":                    awsfault.WebIdentityAudience,
		"provider":                    awsfault.WebIdentityProvider,
		"packedPolicySize":            float64(4),
		"sourceIdentity":              "alice",
	}, shown)
	requests := sts.Requests("AssumeRoleWithWebIdentity")
	require.NotEmpty(t, requests)
	for i, r := range requests {
		assert.Equal(t, yamlWebIdentity, r.Get("WebIdentityToken"), "request %d carries the token", i)
		assert.Equal(t, "gha-run-7", r.Get("RoleSessionName"))
	}
	for i, signed := range sts.Signed("AssumeRoleWithWebIdentity") {
		assert.False(t, signed, "request %d is signed: STS signs no AssumeRoleWithWebIdentity", i)
	}
	assert.Equal(t, len(requests), sts.Total(), "no other call, such as for credentials")
}
