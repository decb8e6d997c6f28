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

func TestGetWebIdentityTokenRequest(t *testing.T) {
	aws := awsfault.Start(t)
	aws.On("GetWebIdentityToken", awsfault.GetWebIdentityTokenOK(5*time.Minute))
	s := providertest.NewServer(t, providertest.FaultConfig(aws.URL, nil))

	out, err := providertest.Invoke(s, getWebIdentityToken, map[string]property.Value{
		"audience": providertest.Strs("api://AzureADTokenExchange", "https://example.test"), "signingAlgorithm": providertest.Str("ES384"),
		"durationSeconds": providertest.Num(300), "tags": strMap(map[string]string{"team": "platform", "env": "prod"})})
	require.NoError(t, err)
	assert.True(t, out.Get("webIdentityToken").Secret(), "the token is secret")
	assert.Equal(t, awsfault.WebIdentityJWT, out.Get("webIdentityToken").AsString())
	assert.False(t, out.Get("expiration").Secret())
	exp, err := time.Parse(time.RFC3339, out.Get("expiration").AsString())
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now().Add(5*time.Minute), exp, 2*time.Minute)

	req := aws.Requests("GetWebIdentityToken")
	require.Len(t, req, 1)
	assert.Equal(t, "api://AzureADTokenExchange", req[0].Get("Audience.member.1"))
	assert.Equal(t, "https://example.test", req[0].Get("Audience.member.2"))
	assert.Equal(t, "ES384", req[0].Get("SigningAlgorithm"))
	assert.Equal(t, "300", req[0].Get("DurationSeconds"))
	assert.Equal(t, "env", req[0].Get("Tags.member.1.Key"), "tags sorted by key")
	assert.Equal(t, "prod", req[0].Get("Tags.member.1.Value"))
	assert.Equal(t, "team", req[0].Get("Tags.member.2.Key"))
	assert.Equal(t, []bool{true}, aws.Signed("GetWebIdentityToken"))

	_, err = providertest.Invoke(s, getWebIdentityToken, map[string]property.Value{
		"audience": providertest.Strs("a"), "signingAlgorithm": providertest.Str("RS256")})
	require.NoError(t, err)
	req = aws.Requests("GetWebIdentityToken")
	assert.False(t, req[1].Has("DurationSeconds"), "AWS's default when not given")
	assert.False(t, req[1].Has("Tags.member.1.Key"))
}
