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

// moto answers AssumeRoleWithWebIdentity for any token, with credentials
// for the role, PackedPolicySize 6, and none of subject, audience, provider
// or source identity.
func TestAssumeRoleWithWebIdentity(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "ci", "/oidc/")
	calls := testenv.CountCalls(t, moto.Endpoint)
	s := providertest.NewServer(t, providertest.NoCredentialsConfig(calls.Endpoint))

	out, err := providertest.Invoke(s, providertest.AssumeRoleWithWebIdentity, map[string]property.Value{
		"roleArn":          providertest.Str(roleArn),
		"roleSessionName":  providertest.Str("job-42"),
		"webIdentityToken": providertest.Str(providertest.WebToken).WithSecret(true),
		"durationSeconds":  providertest.Num(900),
		"policyArns":       providertest.Strs("arn:aws:iam::aws:policy/ReadOnlyAccess"),
		"policy":           providertest.Str(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`),
	})
	require.NoError(t, err)
	creds, exp := providertest.SecretCreds(t, out.Get("credentials"))
	assert.Regexp(t, `^ASIA`, creds["accessKeyId"])
	assert.WithinDuration(t, time.Now().Add(15*time.Minute), exp, 2*time.Minute)
	user := providertest.Outputs(out.Get("assumedRoleUser").AsMap())
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/ci/job-42", user["arn"])
	assert.Equal(t, "ARO123EXAMPLE123:job-42", user["assumedRoleId"], "moto's fixed role ID")
	assert.Equal(t, 6.0, out.Get("packedPolicySize").AsNumber(), "moto reports 6")
	got := providertest.Outputs(out)
	for _, k := range []string{"subjectFromWebIdentityToken", "audience", "provider", "sourceIdentity"} {
		assert.Equal(t, "", got[k], "moto does not answer %s", k)
	}
	assert.Equal(t, 1, calls.Count("AssumeRoleWithWebIdentity"))
	assert.Equal(t, 1, calls.Total(), "no other call: the provider's own credentials were not needed")

	// The credentials act as the role.
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/ci/job-42", providertest.WhoIs(t, moto.Endpoint, creds))

	// Defaults: the session name.
	out, err = providertest.Invoke(s, providertest.AssumeRoleWithWebIdentity, map[string]property.Value{
		"roleArn": providertest.Str(roleArn), "webIdentityToken": providertest.Str(providertest.WebToken).WithSecret(true)})
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/ci/pulumi-aws-identity",
		providertest.Outputs(out.Get("assumedRoleUser").AsMap())["arn"])
}

// Everything STS answers reaches the outputs, every input reaches STS, and
// the request is not signed, even by a provider that has keys.
func TestAssumeRoleWithWebIdentityRequest(t *testing.T) {
	aws := awsfault.Start(t)
	s := providertest.NewServer(t, providertest.FaultConfig(aws.URL, nil))

	out, err := providertest.Invoke(s, providertest.AssumeRoleWithWebIdentity, map[string]property.Value{
		"roleArn":          providertest.Str(providertest.FaultRole),
		"roleSessionName":  providertest.Str("job-7"),
		"webIdentityToken": providertest.Str(providertest.WebToken).WithSecret(true),
		"providerId":       providertest.Str("www.amazon.com"),
		"policyArns":       providertest.Strs("arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"),
		"policy":           providertest.Str(`{"Version":"2012-10-17"}`),
		"durationSeconds":  providertest.Num(43200),
	})
	require.NoError(t, err)
	creds, _ := providertest.SecretCreds(t, out.Get("credentials"))
	assert.Equal(t, map[string]string{"accessKeyId": awsfault.AccessKeyID, "secretAccessKey": awsfault.SecretAccessKey,
		"sessionToken": awsfault.SessionToken, "expiration": creds["expiration"]}, creds)
	got := providertest.Outputs(out)
	assert.Equal(t, awsfault.WebIdentitySubject, got["subjectFromWebIdentityToken"])
	assert.Equal(t, awsfault.WebIdentityAudience, got["audience"])
	assert.Equal(t, awsfault.WebIdentityProvider, got["provider"])
	assert.Equal(t, "alice", got["sourceIdentity"])
	assert.Equal(t, 4.0, out.Get("packedPolicySize").AsNumber())
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/job-7", providertest.Outputs(out.Get("assumedRoleUser").AsMap())["arn"])

	req := aws.Requests("AssumeRoleWithWebIdentity")
	require.Len(t, req, 1)
	for k, want := range map[string]string{
		"RoleArn": providertest.FaultRole, "RoleSessionName": "job-7", "WebIdentityToken": providertest.WebToken, "ProviderId": "www.amazon.com",
		"PolicyArns.member.1.arn": "arn:aws:iam::aws:policy/ReadOnlyAccess",
		"PolicyArns.member.2.arn": "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
		"Policy":                  `{"Version":"2012-10-17"}`, "DurationSeconds": "43200",
	} {
		assert.Equal(t, want, req[0].Get(k), k)
	}
	assert.Equal(t, []bool{false}, aws.Signed("AssumeRoleWithWebIdentity"), "AWS signs no request here; neither does the provider")
	assert.Equal(t, 1, aws.Total(), "and resolves none of its own credentials")
}
