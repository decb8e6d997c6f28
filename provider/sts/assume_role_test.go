package sts_test

import (
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/providertest"
)

func TestAssumeRole(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "Deployer", "/ci/")
	calls := testenv.CountCalls(t, moto.Endpoint)
	s := providertest.NewServer(t, providertest.EndpointConfig(calls.Endpoint))

	out, err := providertest.Invoke(s, providertest.AssumeRole, map[string]property.Value{
		"roleArn":           providertest.Str(roleArn),
		"roleSessionName":   providertest.Str("deploy-42"),
		"durationSeconds":   property.New(900.0),
		"policy":            providertest.Str(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`),
		"policyArns":        property.New([]property.Value{providertest.Str("arn:aws:iam::aws:policy/ReadOnlyAccess")}),
		"tags":              property.New(map[string]property.Value{"team": providertest.Str("platform"), "env": providertest.Str("prod")}),
		"transitiveTagKeys": property.New([]property.Value{providertest.Str("team")}),
		"externalId":        providertest.Str("shared-secret-id"),
		"serialNumber":      providertest.Str("arn:aws:iam::123456789012:mfa/alice"),
		"tokenCode":         providertest.Str("123456"),
		"sourceIdentity":    providertest.Str("alice"),
		"providedContexts": property.New([]property.Value{property.New(map[string]property.Value{
			"providerArn":      providertest.Str("arn:aws:iam::aws:contextProvider/IdentityCenter"),
			"contextAssertion": providertest.Str("signed-assertion"),
		})}),
	})
	require.NoError(t, err)
	assert.Equal(t, 1, calls.Count("AssumeRole"))

	creds := out.Get("credentials").AsMap()
	assert.Regexp(t, `^[A-Z0-9]{16,}$`, creds.Get("accessKeyId").AsString())
	assert.False(t, creds.Get("accessKeyId").Secret(), "the access key ID is not secret")
	for _, k := range []string{"secretAccessKey", "sessionToken"} {
		assert.True(t, creds.Get(k).Secret(), "%s must be secret", k)
		assert.NotEmpty(t, creds.Get(k).AsString())
	}
	exp, err := time.Parse(time.RFC3339, creds.Get("expiration").AsString())
	require.NoError(t, err, "expiration is RFC 3339")
	assert.WithinDuration(t, time.Now().Add(15*time.Minute), exp, 2*time.Minute)

	user := out.Get("assumedRoleUser").AsMap()
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/deploy-42", user.Get("arn").AsString())
	assert.Regexp(t, `^[A-Z0-9]+:deploy-42$`, user.Get("assumedRoleId").AsString())
	assert.Equal(t, 6.0, out.Get("packedPolicySize").AsNumber(), "moto reports 6")
}

func TestAssumeRoleRejectsBadInputBeforeCallingAWS(t *testing.T) {
	moto := testenv.StartMoto(t)
	calls := testenv.CountCalls(t, moto.Endpoint)
	s := providertest.NewServer(t, providertest.EndpointConfig(calls.Endpoint))

	_, err := providertest.Invoke(s, providertest.AssumeRole, map[string]property.Value{
		"roleArn":         providertest.Str("arn:aws:iam::123456789012:user/alice"),
		"roleSessionName": providertest.Str("has space"),
		"durationSeconds": property.New(60.0),
		"tokenCode":       providertest.Str("12345"),
		"sourceIdentity":  providertest.Str("aws:me"),
	})
	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, "invalid arguments to aws-identity:sts:assumeRole (7 problems)")
	for _, want := range []string{
		`roleArn: "arn:aws:iam::123456789012:user/alice" is not an IAM role ARN`,
		`roleSessionName: may contain only letters, digits and +=,.@_-; found " "`,
		"durationSeconds: must be between 900 (15 minutes) and 43200 (12 hours), but is 60",
		"tokenCode: must be exactly 6 digits",
		"serialNumber: is required with tokenCode",
		`sourceIdentity: must not start with "aws:"`,
		`sourceIdentity: may contain only letters, digits and +=,.@_-; found ":"`, // both rules it breaks
	} {
		assert.Contains(t, msg, want)
	}
	assert.Zero(t, calls.Total(), "nothing reached AWS")
}
