package provider_test

import (
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

const (
	assumeRoleWithWebIdentity = "aws-identity:sts:assumeRoleWithWebIdentity"
	webToken                  = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOm9jdG8tb3JnL2FwcCJ9.c2lnbmF0dXJlU2VjcmV0"
)

// A provider with no credentials at all: assumeRoleWithWebIdentity needs
// none, since AWS signs no request.
func noCredentialsConfig(endpoint string) property.Map {
	return property.NewMap(map[string]property.Value{
		"region":    str("us-east-1"),
		"endpoints": property.New(map[string]property.Value{"sts": str(endpoint), "iam": str(endpoint)}),
	})
}

// moto answers AssumeRoleWithWebIdentity for any token, with credentials
// for the role, PackedPolicySize 6, and none of subject, audience, provider
// or source identity.
func TestAssumeRoleWithWebIdentity(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "ci", "/oidc/")
	calls := testenv.CountCalls(t, moto.Endpoint)
	s := newServer(t, noCredentialsConfig(calls.Endpoint))

	out, err := invoke(s, assumeRoleWithWebIdentity, map[string]property.Value{
		"roleArn":          str(roleArn),
		"roleSessionName":  str("job-42"),
		"webIdentityToken": str(webToken).WithSecret(true),
		"durationSeconds":  num(900),
		"policyArns":       strs("arn:aws:iam::aws:policy/ReadOnlyAccess"),
		"policy":           str(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}`),
	})
	require.NoError(t, err)
	creds, exp := secretCreds(t, out.Get("credentials"))
	assert.Regexp(t, `^ASIA`, creds["accessKeyId"])
	assert.WithinDuration(t, time.Now().Add(15*time.Minute), exp, 2*time.Minute)
	user := outputs(out.Get("assumedRoleUser").AsMap())
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/ci/job-42", user["arn"])
	assert.Equal(t, "ARO123EXAMPLE123:job-42", user["assumedRoleId"], "moto's fixed role ID")
	assert.Equal(t, 6.0, out.Get("packedPolicySize").AsNumber(), "moto reports 6")
	got := outputs(out)
	for _, k := range []string{"subjectFromWebIdentityToken", "audience", "provider", "sourceIdentity"} {
		assert.Equal(t, "", got[k], "moto does not answer %s", k)
	}
	assert.Equal(t, 1, calls.Count("AssumeRoleWithWebIdentity"))
	assert.Equal(t, 1, calls.Total(), "no other call: the provider's own credentials were not needed")

	// The credentials act as the role.
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/ci/job-42", whoIs(t, moto.Endpoint, creds))

	// Defaults: the session name.
	out, err = invoke(s, assumeRoleWithWebIdentity, map[string]property.Value{
		"roleArn": str(roleArn), "webIdentityToken": str(webToken).WithSecret(true)})
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/ci/pulumi-aws-identity",
		outputs(out.Get("assumedRoleUser").AsMap())["arn"])
}

// Everything STS answers reaches the outputs, every input reaches STS, and
// the request is not signed, even by a provider that has keys.
func TestAssumeRoleWithWebIdentityRequest(t *testing.T) {
	aws := awsfault.Start(t)
	s := newServer(t, faultConfig(aws.URL, nil))

	out, err := invoke(s, assumeRoleWithWebIdentity, map[string]property.Value{
		"roleArn":          str(faultRole),
		"roleSessionName":  str("job-7"),
		"webIdentityToken": str(webToken).WithSecret(true),
		"providerId":       str("www.amazon.com"),
		"policyArns":       strs("arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"),
		"policy":           str(`{"Version":"2012-10-17"}`),
		"durationSeconds":  num(43200),
	})
	require.NoError(t, err)
	creds, _ := secretCreds(t, out.Get("credentials"))
	assert.Equal(t, map[string]string{"accessKeyId": awsfault.AccessKeyID, "secretAccessKey": awsfault.SecretAccessKey,
		"sessionToken": awsfault.SessionToken, "expiration": creds["expiration"]}, creds)
	got := outputs(out)
	assert.Equal(t, awsfault.WebIdentitySubject, got["subjectFromWebIdentityToken"])
	assert.Equal(t, awsfault.WebIdentityAudience, got["audience"])
	assert.Equal(t, awsfault.WebIdentityProvider, got["provider"])
	assert.Equal(t, "alice", got["sourceIdentity"])
	assert.Equal(t, 4.0, out.Get("packedPolicySize").AsNumber())
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/job-7", outputs(out.Get("assumedRoleUser").AsMap())["arn"])

	req := aws.Requests("AssumeRoleWithWebIdentity")
	require.Len(t, req, 1)
	for k, want := range map[string]string{
		"RoleArn": faultRole, "RoleSessionName": "job-7", "WebIdentityToken": webToken, "ProviderId": "www.amazon.com",
		"PolicyArns.member.1.arn": "arn:aws:iam::aws:policy/ReadOnlyAccess",
		"PolicyArns.member.2.arn": "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess",
		"Policy":                  `{"Version":"2012-10-17"}`, "DurationSeconds": "43200",
	} {
		assert.Equal(t, want, req[0].Get(k), k)
	}
	assert.Equal(t, []bool{false}, aws.Signed("AssumeRoleWithWebIdentity"), "AWS signs no request here; neither does the provider")
	assert.Equal(t, 1, aws.Total(), "and resolves none of its own credentials")
}
