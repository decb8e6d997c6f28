package credsources

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// Keys that only the failure cases use; moto never sees them.
const (
	badAccessKey = "AKIACREDSOURCESBAD01"
	badSecretKey = "credSourcesBadSecret/MustNeverBeShown000"
	badToken     = "credSourcesBadToken/MustNeverBeShown0000000000000"
)

// The provider's accessKey, secretKey and token settings.
func staticConfigKeys(t *testing.T, moto *testenv.Moto) {
	roleArn, _ := moto.CreateRole(t, "static-keys", "/")
	t.Run("success", func(t *testing.T) {
		t.Parallel()
		c := moto.AssumeRole(t, roleArn, "from-config")
		rec := record(t, moto.Endpoint)
		s := isolate(t, rec.URL).stack(t)
		s.Config("aws-identity:accessKey", c.AccessKeyID, false)
		s.Config("aws-identity:secretKey", c.SecretAccessKey, true)
		s.Config("aws-identity:token", c.SessionToken, true)
		key := callerIs(t, s, assumedRole("static-keys", "from-config"), "the provider's accessKey and secretKey",
			secretsOf(c)...)
		assert.Equal(t, c.AccessKeyID, key, "getCredentials answers with the key the source handed out")
		rec.signedBy(t, c.AccessKeyID, "us-east-1")
	})
	t.Run("failure", func(t *testing.T) {
		t.Parallel()
		fault := awsfault.Start(t)
		fault.On("GetCallerIdentity", awsfault.InvalidClientTokenId())
		s := isolate(t, fault.URL).stack(t)
		s.Config("aws-identity:accessKey", badAccessKey, false)
		s.Config("aws-identity:secretKey", badSecretKey, true)
		s.Config("aws-identity:token", badToken, true)
		out := failsWith(t, s, badSecretKey, badToken)
		assert.Contains(t, out, "sts:GetCallerIdentity failed: InvalidClientTokenId: "+
			"The security token included in the request is invalid.")
		assert.Contains(t, out, "AWS did not accept the base AWS credentials (from the provider's accessKey and secretKey)")
	})
}

// AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY and AWS_SESSION_TOKEN, with the
// region from AWS_REGION.
func environmentKeys(t *testing.T, moto *testenv.Moto) {
	roleArn, _ := moto.CreateRole(t, "env-keys", "/")
	t.Run("success", func(t *testing.T) {
		t.Parallel()
		c := moto.AssumeRole(t, roleArn, "from-env")
		rec := record(t, moto.Endpoint)
		e := isolate(t, rec.URL)
		e.set("AWS_ACCESS_KEY_ID="+c.AccessKeyID, "AWS_SECRET_ACCESS_KEY="+c.SecretAccessKey,
			"AWS_SESSION_TOKEN="+c.SessionToken, "AWS_REGION=eu-west-3")
		key := callerIs(t, e.stack(t), assumedRole("env-keys", "from-env"),
			"the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", secretsOf(c)...)
		assert.Equal(t, c.AccessKeyID, key, "getCredentials answers with the key the source handed out")
		rec.signedBy(t, c.AccessKeyID, "eu-west-3")
	})
	t.Run("failure", func(t *testing.T) {
		t.Parallel()
		fault := awsfault.Start(t)
		fault.On("GetCallerIdentity", awsfault.ExpiredToken())
		e := isolate(t, fault.URL)
		e.set("AWS_ACCESS_KEY_ID="+badAccessKey, "AWS_SECRET_ACCESS_KEY="+badSecretKey, "AWS_SESSION_TOKEN="+badToken)
		out := failsWith(t, e.stack(t), badSecretKey, badToken)
		assert.Contains(t, out, "sts:GetCallerIdentity failed: ExpiredToken: The security token included in the request is expired")
		assert.Contains(t, out, "The base AWS credentials (from the environment variables AWS_ACCESS_KEY_ID and "+
			"AWS_SECRET_ACCESS_KEY) have expired")
	})
}

// A profile of the shared credentials file, chosen with AWS_PROFILE.
func sharedCredentialsProfile(t *testing.T, moto *testenv.Moto) {
	roleArn, _ := moto.CreateRole(t, "shared-creds", "/")
	t.Run("success", func(t *testing.T) {
		t.Parallel()
		c := moto.AssumeRole(t, roleArn, "from-file")
		rec := record(t, moto.Endpoint)
		e := isolate(t, rec.URL)
		// The default profile is a decoy: only the named one may be used.
		e.writeCreds(t, "[default]\naws_access_key_id = "+badAccessKey+"\naws_secret_access_key = "+badSecretKey+
			"\n\n[ci]\naws_access_key_id = "+c.AccessKeyID+"\naws_secret_access_key = "+c.SecretAccessKey+
			"\naws_session_token = "+c.SessionToken+"\n")
		e.set("AWS_PROFILE=ci")
		key := callerIs(t, e.stack(t), assumedRole("shared-creds", "from-file"), `the shared credentials of profile "ci"`,
			secretsOf(c)...)
		assert.Equal(t, c.AccessKeyID, key, "getCredentials answers with the key the source handed out")
		rec.signedBy(t, c.AccessKeyID, "us-east-1")
	})
	t.Run("success from ~/.aws/credentials", func(t *testing.T) {
		t.Parallel()
		c := moto.AssumeRole(t, roleArn, "from-home")
		rec := record(t, moto.Endpoint)
		e := isolate(t, rec.URL)
		e.file(t, "home/.aws/credentials", "[ci]\naws_access_key_id = "+c.AccessKeyID+"\naws_secret_access_key = "+
			c.SecretAccessKey+"\naws_session_token = "+c.SessionToken+"\n", 0o600)
		e.set("AWS_CONFIG_FILE=", "AWS_SHARED_CREDENTIALS_FILE=", "AWS_PROFILE=ci")
		key := callerIs(t, e.stack(t), assumedRole("shared-creds", "from-home"), `the shared credentials of profile "ci"`,
			secretsOf(c)...)
		assert.Equal(t, c.AccessKeyID, key, "getCredentials answers with the key the source handed out")
		rec.signedBy(t, c.AccessKeyID, "us-east-1")
	})
	t.Run("failure", func(t *testing.T) {
		t.Parallel()
		rec := record(t, moto.Endpoint)
		e := isolate(t, rec.URL)
		e.writeCreds(t, "[default]\naws_access_key_id = "+badAccessKey+"\naws_secret_access_key = "+badSecretKey+"\n")
		e.set("AWS_PROFILE=cii")
		out := failsWith(t, e.stack(t), badSecretKey)
		assert.Regexp(t, `profile\W+cii`, out, "the message names the missing profile")
		assert.Empty(t, rec.of("GetCallerIdentity"), "no call is made without credentials")
	})
}
