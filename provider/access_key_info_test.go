package provider_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

const getAccessKeyInfo = "aws-identity:sts:getAccessKeyInfo"

// moto answers GetAccessKeyInfo with the account of a key its IAM created,
// and its default account for any other key.
func TestGetAccessKeyInfo(t *testing.T) {
	moto := testenv.StartMoto(t)
	const other = "210987654321"
	key := moto.CreateAccessKey(t, other, "auditee")
	calls := testenv.CountCalls(t, moto.Endpoint)
	s := newServer(t, endpointConfig(calls.Endpoint))

	for keyID, account := range map[string]string{
		key:                     other,
		"AKIAIOSFODNN7EXAMPLE":  testenv.MotoAccountID,
		"ASIA_unknown_key_0001": testenv.MotoAccountID,
	} {
		out, err := invoke(s, getAccessKeyInfo, map[string]property.Value{"accessKeyId": str(keyID)})
		require.NoError(t, err, keyID)
		assert.Equal(t, map[string]string{"account": account}, outputs(out), keyID)
	}
	assert.Equal(t, 3, calls.Count("GetAccessKeyInfo"))
}
