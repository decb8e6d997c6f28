package credsources

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// Set-ups where the AWS SDK's chain chooses what a second reading of the
// precedence rules got wrong: getCredentials.source must name what the
// chain chose, the provider that answered.
func TestSourceIsTheChainsChoice(t *testing.T) {
	moto := testenv.StartMoto(t)

	t.Run("a profile's keys and its role_arn", func(t *testing.T) {
		t.Parallel()
		roleArn, _ := moto.CreateRole(t, "keys-then-role", "/")
		rec := record(t, moto.Endpoint)
		e := isolate(t, rec.URL)
		// No source_profile: the SDK assumes the role with the profile's
		// own keys.
		e.writeConfig(t, "[profile p]\nrole_arn = "+roleArn+"\nrole_session_name = own-keys\n")
		e.writeCreds(t, "[p]\naws_access_key_id = "+baseAccessKey+"\naws_secret_access_key = "+baseSecretKey+"\n")
		e.set("AWS_PROFILE=p")
		key := callerIs(t, e.stack(t), assumedRole("keys-then-role", "own-keys"),
			`the shared credentials of profile "p", then its role_arn `+roleArn, baseSecretKey)
		rec.signedWith(t, key)
		calls := rec.of("AssumeRole")
		require.Len(t, calls, 1)
		assert.Equal(t, baseAccessKey, calls[0].AccessKey, "the role is assumed with the profile's keys")
		assert.NotEqual(t, baseAccessKey, key, "the role's keys answered, not the profile's")
	})

	t.Run("AWS_DEFAULT_PROFILE", func(t *testing.T) {
		t.Parallel()
		roleArn, _ := moto.CreateRole(t, "default-profile-env", "/")
		c := moto.AssumeRole(t, roleArn, "from-q")
		rec := record(t, moto.Endpoint)
		e := isolate(t, rec.URL)
		// The default profile is a decoy: AWS_DEFAULT_PROFILE names q, as
		// the AWS CLI and the SDK read it.
		e.writeCreds(t, "[default]\naws_access_key_id = "+badAccessKey+"\naws_secret_access_key = "+badSecretKey+
			"\n\n[q]\naws_access_key_id = "+c.AccessKeyID+"\naws_secret_access_key = "+c.SecretAccessKey+
			"\naws_session_token = "+c.SessionToken+"\n")
		e.set("AWS_DEFAULT_PROFILE=q")
		key := callerIs(t, e.stack(t), assumedRole("default-profile-env", "from-q"), `the shared credentials of profile "q"`,
			append(secretsOf(c), badSecretKey)...)
		assert.Equal(t, c.AccessKeyID, key, "getCredentials answers with the key the source handed out")
		rec.signedBy(t, c.AccessKeyID, "us-east-1")
	})
}
