package credsources

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// The base profile's keys: moto accepts any, and the recorder shows that
// AssumeRole was signed with them.
const (
	baseAccessKey = "AKIACREDSOURCESBASE1"
	baseSecretKey = "credSourcesBaseSecret/MustNeverBeShown00"
)

// A config profile with role_arn and source_profile, external_id,
// role_session_name and duration_seconds, and no region anywhere: the SDK
// assumes the role itself, in us-east-1, at the provider's STS endpoint.
func roleArnProfile(t *testing.T, moto *testenv.Moto) {
	roleArn, _ := moto.CreateRole(t, "deployer", "/deploy/")
	profiles := func(e *isolated, source string) {
		e.writeConfig(t, "[profile deployer]\nrole_arn = "+roleArn+"\nsource_profile = "+source+
			"\nexternal_id = ext-4242\nrole_session_name = release-42\nduration_seconds = 1800\n")
		e.writeCreds(t, "[base]\naws_access_key_id = "+baseAccessKey+"\naws_secret_access_key = "+baseSecretKey+"\n")
		e.set("AWS_PROFILE=deployer")
	}
	// proved checks the chain's own AssumeRole: at the recorder, in
	// us-east-1, with the profile's parameters, signed with the base keys;
	// and that getCallerIdentity was signed with the role's keys.
	proved := func(t *testing.T, rec *recorder) {
		t.Helper()
		calls := rec.of("AssumeRole")
		require.Len(t, calls, 1, "the profile's role is assumed once, at the configured endpoint")
		ar := calls[0]
		assert.Equal(t, baseAccessKey, ar.AccessKey, "AssumeRole is signed with source_profile's keys")
		assert.Equal(t, "us-east-1", ar.Region, "with no region anywhere, the chain's STS call is in us-east-1")
		assert.Equal(t, roleArn, ar.Form.Get("RoleArn"))
		assert.Equal(t, "ext-4242", ar.Form.Get("ExternalId"))
		assert.Equal(t, "release-42", ar.Form.Get("RoleSessionName"))
		assert.Equal(t, "1800", ar.Form.Get("DurationSeconds"))
		for _, c := range rec.of("GetCallerIdentity") {
			assert.True(t, strings.HasPrefix(c.AccessKey, "ASIA") && c.AccessKey != baseAccessKey,
				"getCallerIdentity is signed with the role's temporary keys, not %s", c.AccessKey)
			assert.Equal(t, "us-east-1", c.Region)
		}
		assert.NotEmpty(t, rec.of("GetCallerIdentity"))
	}

	t.Run("success with AWS_ENDPOINT_URL", func(t *testing.T) {
		t.Parallel()
		rec := record(t, moto.Endpoint)
		e := isolate(t, rec.URL)
		profiles(e, "base")
		rec.signedWith(t, callerIs(t, e.stack(t), assumedRole("deployer", "release-42"), `profile "deployer" (role_arn `+roleArn+`, source_profile base)`, baseSecretKey))
		proved(t, rec)
	})
	t.Run("success with endpoints.sts", func(t *testing.T) {
		t.Parallel()
		rec := record(t, moto.Endpoint)
		e := isolate(t, awsfault.ClosedPort(t)) // nothing may go to AWS_ENDPOINT_URL here
		profiles(e, "base")
		s := e.stack(t)
		s.ConfigJSON("aws-identity:endpoints.sts", rec.URL)
		rec.signedWith(t, callerIs(t, s, assumedRole("deployer", "release-42"), `profile "deployer" (role_arn `+roleArn+`, source_profile base)`, baseSecretKey))
		proved(t, rec)
	})
	t.Run("success with the provider's profile and shared files settings", func(t *testing.T) {
		t.Parallel()
		rec := record(t, moto.Endpoint)
		e := isolate(t, rec.URL)
		profiles(e, "base")
		// The files and the profile are the provider's settings only.
		e.set("AWS_CONFIG_FILE=", "AWS_SHARED_CREDENTIALS_FILE=", "AWS_PROFILE=")
		s := e.stack(t)
		s.Config("aws-identity:profile", "deployer", false)
		s.ConfigJSON("aws-identity:sharedConfigFiles[0]", e.ConfigFile)
		s.ConfigJSON("aws-identity:sharedCredentialsFiles[0]", e.CredsFile)
		rec.signedWith(t, callerIs(t, s, assumedRole("deployer", "release-42"), `profile "deployer" (role_arn `+roleArn+`, source_profile base)`, baseSecretKey))
		proved(t, rec)
	})
	denied := func(t *testing.T, settings bool) {
		t.Parallel()
		fault := awsfault.Start(t)
		fault.On("AssumeRole", awsfault.AccessDenied())
		e := isolate(t, fault.URL)
		profiles(e, "base")
		if settings {
			e.set("AWS_CONFIG_FILE=", "AWS_SHARED_CREDENTIALS_FILE=", "AWS_PROFILE=")
		}
		s := e.stack(t)
		if settings {
			s.Config("aws-identity:profile", "deployer", false)
			s.ConfigJSON("aws-identity:sharedConfigFiles[0]", e.ConfigFile)
			s.ConfigJSON("aws-identity:sharedCredentialsFiles[0]", e.CredsFile)
		}
		out := failsWith(t, s, baseSecretKey)
		assert.Contains(t, out, `getting credentials from profile "deployer" (role_arn `+roleArn+
			`, source_profile base): assuming role_arn `+roleArn+`: sts:AssumeRole failed: AccessDenied: User: `)
		assert.Contains(t, out, "Check that the role's trust policy allows this caller as principal")
		assert.Zero(t, fault.Calls("GetCallerIdentity"), "nothing is called without credentials")
	}
	t.Run("failure: AssumeRole denied", func(t *testing.T) { denied(t, false) })
	t.Run("failure: AssumeRole denied, provider's settings", func(t *testing.T) { denied(t, true) })
	t.Run("failure: source profile missing", func(t *testing.T) {
		t.Parallel()
		rec := record(t, moto.Endpoint)
		e := isolate(t, rec.URL)
		profiles(e, "bsae")
		out := failsWith(t, e.stack(t), baseSecretKey)
		assert.Contains(t, out, roleArn, "the message names the role")
		assert.Contains(t, out, `the source_profile "bsae" of the AWS profile with role_arn `+roleArn+` is not in`)
		assert.Empty(t, rec.all(), "no call is made without credentials")
	})
}
