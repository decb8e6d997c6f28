package sts_test

import (
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/providertest"
)

// moto 5.2.5 does not serve GetDelegatedAccessToken; the fake STS answers
// it and asserts the request: the token alone, signed.
func TestGetDelegatedAccessToken(t *testing.T) {
	aws := awsfault.Start(t)
	s := providertest.NewServer(t, providertest.FaultConfig(aws.URL, nil))

	out, err := providertest.Invoke(s, getDelegatedAccessToken, map[string]property.Value{
		"tradeInToken": providertest.Str(tradeInToken).WithSecret(true)})
	require.NoError(t, err)
	creds, exp := providertest.SecretCreds(t, out.Get("credentials"))
	assert.Equal(t, awsfault.AccessKeyID, creds["accessKeyId"])
	assert.WithinDuration(t, time.Now().Add(time.Hour), exp, 2*time.Minute)
	assert.Equal(t, awsfault.DelegatedARN, providertest.Outputs(out)["assumedPrincipal"])
	assert.Equal(t, 0.0, out.Get("packedPolicySize").AsNumber(), "AWS does not fill it in")

	req := aws.Requests("GetDelegatedAccessToken")
	require.Len(t, req, 1)
	assert.Equal(t, map[string][]string{"Action": {"GetDelegatedAccessToken"}, "Version": {"2011-06-15"},
		"TradeInToken": {tradeInToken}}, map[string][]string(req[0]))
	assert.Equal(t, []bool{true}, aws.Signed("GetDelegatedAccessToken"))
}

// An expired trade-in token says to get a new one.
func TestGetDelegatedAccessTokenErrorAdvice(t *testing.T) {
	checkAdvice(t, getDelegatedAccessToken, "GetDelegatedAccessToken",
		map[string]property.Value{"tradeInToken": providertest.Str(tradeInToken).WithSecret(true)}, []adviceCase{
			{"an expired trade-in token", awsfault.ExpiredTradeInToken(),
				[]string{"sts:GetDelegatedAccessToken failed: ExpiredTradeInTokenException: The trade-in token has expired. " +
					"The trade-in token has expired and cannot be exchanged any more: get a new one and run again."}},
		})
}
