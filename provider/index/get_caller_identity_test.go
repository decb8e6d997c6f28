package index_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/providertest"
)

func TestGetCallerIdentity(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "Deployer", "/ci/")
	calls := testenv.CountCalls(t, moto.Endpoint)
	s := providertest.NewServer(t, providertest.EndpointConfig(calls.Endpoint))

	want := map[string]string{"accountId": providertest.Account, "id": providertest.Account, "partition": "aws",
		"arn": "arn:aws:sts::123456789012:user/moto", "userId": "AKIAIOSFODNN7EXAMPLE"}
	for i := 0; i < 3; i++ {
		out, err := providertest.Invoke(s, providertest.CallerIdentity, nil)
		require.NoError(t, err)
		assert.Equal(t, want, providertest.Outputs(out))
	}
	assert.Equal(t, 1, calls.Count("GetCallerIdentity"), "asked once per provider process")

	// Chained: credentials from assumeRole, given to a second provider.
	out, err := providertest.Invoke(s, providertest.AssumeRole, map[string]property.Value{"roleArn": providertest.Str(roleArn), "roleSessionName": providertest.Str("chain")})
	require.NoError(t, err)
	creds := out.Get("credentials").AsMap()
	cfg := providertest.EndpointConfig(calls.Endpoint).
		Set("accessKey", creds.Get("accessKeyId")).
		Set("secretKey", creds.Get("secretAccessKey")).
		Set("token", creds.Get("sessionToken"))
	asRole := providertest.NewServer(t, cfg)
	me, err := providertest.Invoke(asRole, providertest.CallerIdentity, nil)
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/chain", providertest.Outputs(me)["arn"])

	// ... and who-am-i → which role: the chain users write.
	sc, err := providertest.Invoke(asRole, providertest.SessionContext, map[string]property.Value{"arn": providertest.Str(providertest.Outputs(me)["arn"])})
	require.NoError(t, err)
	assert.Equal(t, roleArn, providertest.Outputs(sc)["issuerArn"])
	assert.Equal(t, "chain", providertest.Outputs(sc)["sessionName"])
}
