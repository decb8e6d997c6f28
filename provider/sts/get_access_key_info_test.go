package sts_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/providertest"
)

// moto answers GetAccessKeyInfo with the account of a key its IAM created,
// and its default account for any other key.
func TestGetAccessKeyInfo(t *testing.T) {
	moto := testenv.StartMoto(t)
	const other = "210987654321"
	key := moto.CreateAccessKey(t, other, "auditee")
	calls := testenv.CountCalls(t, moto.Endpoint)
	s := providertest.NewServer(t, providertest.EndpointConfig(calls.Endpoint))

	for keyID, account := range map[string]string{
		key:                     other,
		"AKIAIOSFODNN7EXAMPLE":  testenv.MotoAccountID,
		"ASIA_unknown_key_0001": testenv.MotoAccountID,
	} {
		out, err := providertest.Invoke(s, providertest.GetAccessKeyInfo, map[string]property.Value{"accessKeyId": providertest.Str(keyID)})
		require.NoError(t, err, keyID)
		assert.Equal(t, map[string]string{"account": account}, providertest.Outputs(out), keyID)
	}
	assert.Equal(t, 3, calls.Count("GetAccessKeyInfo"))
}
