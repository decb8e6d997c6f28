package sts_test

import (
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/providertest"
)

// moto answers GetSessionToken with fixed credentials (AWS's documentation
// example key), checks no MFA, and sets the expiry from durationSeconds.
func TestGetSessionToken(t *testing.T) {
	moto := testenv.StartMoto(t)
	calls := testenv.CountCalls(t, moto.Endpoint)
	s := providertest.NewServer(t, providertest.EndpointConfig(calls.Endpoint))

	out, err := providertest.Invoke(s, providertest.GetSessionToken, map[string]property.Value{
		"durationSeconds": providertest.Num(900),
		"serialNumber":    providertest.Str("arn:aws:iam::123456789012:mfa/alice"),
		"tokenCode":       providertest.Str("123456"),
	})
	require.NoError(t, err)
	creds, exp := providertest.SecretCreds(t, out.Get("credentials"))
	assert.Equal(t, "AKIAIOSFODNN7EXAMPLE", creds["accessKeyId"], "moto's fixed answer")
	assert.Equal(t, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYzEXAMPLEKEY", creds["secretAccessKey"])
	assert.Regexp(t, `^AQoEXAMPLE`, creds["sessionToken"])
	assert.WithinDuration(t, time.Now().Add(15*time.Minute), exp, 2*time.Minute)
	assert.Equal(t, creds["expiration"], out.Get("expiration").AsString(), "expiration repeats credentials.expiration")
	assert.False(t, out.Get("expiration").Secret())
	assert.Equal(t, 1, calls.Count("GetSessionToken"))

	// AWS's default lifetime is 12 hours.
	out, err = providertest.Invoke(s, providertest.GetSessionToken, nil)
	require.NoError(t, err)
	_, exp = providertest.SecretCreds(t, out.Get("credentials"))
	assert.WithinDuration(t, time.Now().Add(12*time.Hour), exp, 2*time.Minute)
	assert.Equal(t, 2, calls.Count("GetSessionToken"), "every invoke asks anew: the credentials are new each time")
}

// What reaches AWS is exactly what was given, signed with the provider's keys.
func TestGetSessionTokenRequest(t *testing.T) {
	aws := awsfault.Start(t)
	s := providertest.NewServer(t, providertest.FaultConfig(aws.URL, nil))

	out, err := providertest.Invoke(s, providertest.GetSessionToken, map[string]property.Value{
		"durationSeconds": providertest.Num(129600), "serialNumber": providertest.Str("GAHT12345678"), "tokenCode": providertest.Str("012345"),
	})
	require.NoError(t, err)
	creds, exp := providertest.SecretCreds(t, out.Get("credentials"))
	assert.Equal(t, awsfault.SecretAccessKey, creds["secretAccessKey"])
	assert.WithinDuration(t, time.Now().Add(36*time.Hour), exp, 2*time.Minute)
	req := aws.Requests("GetSessionToken")
	require.Len(t, req, 1)
	assert.Equal(t, "129600", req[0].Get("DurationSeconds"))
	assert.Equal(t, "GAHT12345678", req[0].Get("SerialNumber"))
	assert.Equal(t, "012345", req[0].Get("TokenCode"), "the leading zero is kept")
	assert.Equal(t, []bool{true}, aws.Signed("GetSessionToken"))

	_, err = providertest.Invoke(s, providertest.GetSessionToken, nil)
	require.NoError(t, err)
	req = aws.Requests("GetSessionToken")
	for _, k := range []string{"DurationSeconds", "SerialNumber", "TokenCode"} {
		assert.False(t, req[1].Has(k), "%s not sent when not given", k)
	}
}
