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

// moto serves GetFederationToken: it honours name and durationSeconds,
// ignores the session policies and tags, and reports PackedPolicySize 6.
func TestGetFederationToken(t *testing.T) {
	moto := testenv.StartMoto(t)
	calls := testenv.CountCalls(t, moto.Endpoint)
	s := providertest.NewServer(t, providertest.EndpointConfig(calls.Endpoint))

	out, err := providertest.Invoke(s, getFederationToken, map[string]property.Value{
		"name":            providertest.Str("report-reader"),
		"policy":          providertest.Str(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`),
		"durationSeconds": providertest.Num(7200),
		"tags":            tagMap(map[string]string{"team": "finance"}),
	})
	require.NoError(t, err)
	_, exp := providertest.SecretCreds(t, out.Get("credentials"))
	assert.WithinDuration(t, time.Now().Add(2*time.Hour), exp, 2*time.Minute)
	assert.Equal(t, map[string]string{"arn": "arn:aws:sts::123456789012:federated-user/report-reader",
		"federatedUserId": "123456789012:report-reader"}, providertest.Outputs(out.Get("federatedUser").AsMap()))
	assert.Equal(t, 6.0, out.Get("packedPolicySize").AsNumber(), "moto reports 6")
	assert.Equal(t, 1, calls.Count("GetFederationToken"))

	// AWS's default duration, 12 hours, when none is given.
	out, err = providertest.Invoke(s, getFederationToken, map[string]property.Value{"name": providertest.Str("no-policy")})
	require.NoError(t, err)
	_, exp = providertest.SecretCreds(t, out.Get("credentials"))
	assert.WithinDuration(t, time.Now().Add(12*time.Hour), exp, 2*time.Minute)
}

// Every input reaches STS, and the request is signed with the provider's
// credentials, as AWS requires.
func TestGetFederationTokenRequest(t *testing.T) {
	aws := awsfault.Start(t)
	s := providertest.NewServer(t, providertest.FaultConfig(aws.URL, nil))

	out, err := providertest.Invoke(s, getFederationToken, map[string]property.Value{
		"name":            providertest.Str("bob"),
		"policyArns":      providertest.Strs("arn:aws:iam::123456789012:policy/reports"),
		"policy":          providertest.Str(`{"Version":"2012-10-17"}`),
		"durationSeconds": providertest.Num(129600),
		"tags":            tagMap(map[string]string{"team": "finance", "cost-center": "42"}),
	})
	require.NoError(t, err)
	creds, _ := providertest.SecretCreds(t, out.Get("credentials"))
	assert.Equal(t, awsfault.AccessKeyID, creds["accessKeyId"])
	assert.Equal(t, "arn:aws:sts::123456789012:federated-user/bob", providertest.Outputs(out.Get("federatedUser").AsMap())["arn"])
	assert.Equal(t, 7.0, out.Get("packedPolicySize").AsNumber())

	req := aws.Requests("GetFederationToken")
	require.Len(t, req, 1)
	assert.Equal(t, map[string][]string{
		"Action": {"GetFederationToken"}, "Version": {"2011-06-15"}, "Name": {"bob"},
		"PolicyArns.member.1.arn": {"arn:aws:iam::123456789012:policy/reports"},
		"Policy":                  {`{"Version":"2012-10-17"}`}, "DurationSeconds": {"129600"},
		"Tags.member.1.Key": {"cost-center"}, "Tags.member.1.Value": {"42"},
		"Tags.member.2.Key": {"team"}, "Tags.member.2.Value": {"finance"},
	}, map[string][]string(req[0]))
	assert.Equal(t, []bool{true}, aws.Signed("GetFederationToken"), "signed with the IAM user's keys")
}

// AWS's refusals of GetFederationToken come back as advice: temporary
// credentials, a missing permission, a duration.
func TestGetFederationTokenErrorAdvice(t *testing.T) {
	checkAdvice(t, getFederationToken, "GetFederationToken", map[string]property.Value{"name": providertest.Str("bob")}, []adviceCase{
		{"temporary credentials", awsfault.SessionCredentialsRefused(),
			[]string{"sts:GetFederationToken failed: AccessDenied: Cannot call GetFederationToken with session credentials. " +
				"GetFederationToken needs the long-term access keys of an IAM user (or of the root user), but the " +
				"provider's credentials are temporary (a role, SSO or another session): configure the IAM user's " +
				"keys (see getCredentials for where the provider's come from), or use assumeRole."}},
		{"not allowed", awsfault.Fail(403, "AccessDenied",
			"User: arn:aws:iam::123456789012:user/bob is not authorized to perform: sts:GetFederationToken"),
			[]string{"The IAM user's policies must allow sts:GetFederationToken"}},
		{"a duration AWS refuses", awsfault.Fail(400, "ValidationError", "The requested DurationSeconds exceeds the allowed maximum"),
			[]string{"the root user's sessions last at most 3600 seconds"}},
	})
}
