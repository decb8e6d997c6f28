package sts_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/providertest"
)

// A well-formed answer without credentials (AWS never sends one; a broken
// proxy or emulator might) is an error naming the call, never empty
// credentials handed on.
func TestCredentialFunctionsRefuseEmptyAnswers(t *testing.T) {
	for _, c := range []struct {
		token, action string
		args          map[string]property.Value
		want          string
	}{
		{assumeRoleWithSaml, "AssumeRoleWithSAML", map[string]property.Value{
			"roleArn": providertest.Str(providertest.FaultRole), "principalArn": providertest.Str(samlProvider),
			"samlAssertion": providertest.Str(samlAssertion(providertest.FaultRole, "alice", 900)).WithSecret(true),
		}, "sts:AssumeRoleWithSAML answered without credentials for " + providertest.FaultRole},
		{getFederationToken, "GetFederationToken", map[string]property.Value{"name": providertest.Str("bob")},
			`sts:GetFederationToken answered without credentials for federated user "bob"`},
		{getDelegatedAccessToken, "GetDelegatedAccessToken",
			map[string]property.Value{"tradeInToken": providertest.Str(tradeInToken).WithSecret(true)},
			"sts:GetDelegatedAccessToken answered without credentials; check that the STS endpoint is AWS's or a faithful emulator"},
	} {
		t.Run(c.action, func(t *testing.T) {
			aws := awsfault.Start(t)
			aws.On(c.action, awsfault.Empty())
			s := providertest.NewServer(t, providertest.FaultConfig(aws.URL, nil))
			_, err := providertest.Invoke(s, c.token, c.args)
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
		})
	}
}
