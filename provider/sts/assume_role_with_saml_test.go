package sts_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/providertest"
)

// moto serves AssumeRoleWithSAML loosely: it takes the role, session name
// and duration from the assertion's attributes, ignores roleArn,
// principalArn, durationSeconds and the session policies, verifies no
// signature, and answers fixed issuer, audience and name qualifier, the
// role ID as subject, PackedPolicySize 123 and no source identity.
func TestAssumeRoleWithSaml(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, roleID := moto.CreateRole(t, "Admins", "/saml/")
	calls := testenv.CountCalls(t, moto.Endpoint)
	s := providertest.NewServer(t, providertest.NoCredentialsConfig(calls.Endpoint))

	out, err := providertest.Invoke(s, assumeRoleWithSaml, map[string]property.Value{
		"roleArn":       providertest.Str(roleArn),
		"principalArn":  providertest.Str(samlProvider),
		"samlAssertion": providertest.Str(samlAssertion(roleArn, "alice", 1800)).WithSecret(true),
		"policyArns":    providertest.Strs("arn:aws:iam::aws:policy/ReadOnlyAccess"),
		"policy":        providertest.Str(`{"Version":"2012-10-17"}`),
	})
	require.NoError(t, err)
	creds, exp := providertest.SecretCreds(t, out.Get("credentials"))
	assert.Regexp(t, `^ASIA`, creds["accessKeyId"])
	assert.WithinDuration(t, time.Now().Add(30*time.Minute), exp, 2*time.Minute, "the assertion's SessionDuration")
	user := providertest.Outputs(out.Get("assumedRoleUser").AsMap())
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Admins/alice", user["arn"])
	got := providertest.Outputs(out)
	assert.Equal(t, map[string]string{"audience": "https://signin.aws.amazon.com/saml", "issuer": "http://localhost:3000/",
		"nameQualifier": "B64EncodedStringOfHashOfIssuerAccountIdAndUserId=", "subjectType": "persistent",
		"subject": user["assumedRoleId"], "sourceIdentity": ""}, got, "moto's fixed answers")
	assert.True(t, strings.HasPrefix(user["assumedRoleId"], "AROA") && roleID != "", user["assumedRoleId"])
	assert.Equal(t, 123.0, out.Get("packedPolicySize").AsNumber(), "moto reports 123")
	assert.Equal(t, 1, calls.Count("AssumeRoleWithSAML"))
	assert.Equal(t, 1, calls.Total(), "no other call: the provider's own credentials were not needed")

	// The credentials act as the role.
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Admins/alice", providertest.WhoIs(t, moto.Endpoint, creds))
}

// Everything STS answers reaches the outputs, every input reaches STS, and
// the request is not signed, even by a provider that has keys.
func TestAssumeRoleWithSamlRequest(t *testing.T) {
	aws := awsfault.Start(t)
	s := providertest.NewServer(t, providertest.FaultConfig(aws.URL, nil))
	assertion := samlAssertion(providertest.FaultRole, "alice", 3600)

	out, err := providertest.Invoke(s, assumeRoleWithSaml, map[string]property.Value{
		"roleArn":         providertest.Str(providertest.FaultRole),
		"principalArn":    providertest.Str(samlProvider),
		"samlAssertion":   providertest.Str(assertion).WithSecret(true),
		"policyArns":      providertest.Strs("arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"),
		"policy":          providertest.Str(`{"Version":"2012-10-17"}`),
		"durationSeconds": providertest.Num(43200),
	})
	require.NoError(t, err)
	creds, _ := providertest.SecretCreds(t, out.Get("credentials"))
	assert.Equal(t, awsfault.SecretAccessKey, creds["secretAccessKey"])
	assert.Equal(t, awsfault.SessionToken, creds["sessionToken"])
	assert.Equal(t, map[string]string{"audience": awsfault.SAMLAudience, "issuer": awsfault.SAMLIssuer,
		"nameQualifier": awsfault.SAMLNameQualifier, "subject": awsfault.SAMLSubject,
		"subjectType": awsfault.SAMLSubjectType, "sourceIdentity": awsfault.SAMLSource}, providertest.Outputs(out))
	assert.Equal(t, 5.0, out.Get("packedPolicySize").AsNumber())
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/"+awsfault.SAMLSubject,
		providertest.Outputs(out.Get("assumedRoleUser").AsMap())["arn"])

	req := aws.Requests("AssumeRoleWithSAML")
	require.Len(t, req, 1)
	assert.Equal(t, map[string][]string{
		"Action": {"AssumeRoleWithSAML"}, "Version": {"2011-06-15"},
		"RoleArn": {providertest.FaultRole}, "PrincipalArn": {samlProvider}, "SAMLAssertion": {assertion},
		"PolicyArns.member.1.arn": {"arn:aws:iam::aws:policy/ReadOnlyAccess"},
		"PolicyArns.member.2.arn": {"arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"},
		"Policy":                  {`{"Version":"2012-10-17"}`}, "DurationSeconds": {"43200"},
	}, map[string][]string(req[0]), "exactly the inputs, nothing more")
	assert.Equal(t, []bool{false}, aws.Signed("AssumeRoleWithSAML"), "AWS signs no request here; neither does the provider")
	assert.Equal(t, 1, aws.Total(), "and resolves none of its own credentials")
}

// AWS's refusals of AssumeRoleWithSAML come back as advice that names no
// provider credentials.
func TestAssumeRoleWithSamlErrorAdvice(t *testing.T) {
	checkAdvice(t, assumeRoleWithSaml, "AssumeRoleWithSAML", map[string]property.Value{
		"roleArn": providertest.Str(providertest.FaultRole), "principalArn": providertest.Str(samlProvider),
		"samlAssertion": providertest.Str(samlAssertion(providertest.FaultRole, "alice", 900)).WithSecret(true),
	}, []adviceCase{
		{"the assertion does not allow the role", awsfault.Fail(403, "IDPRejectedClaim", "Not authorized to assume role"),
			[]string{"sts:AssumeRoleWithSAML failed: IDPRejectedClaim: Not authorized to assume role. The assertion does not allow this role",
				"roleArn,principalArn"}},
		{"an assertion STS cannot verify", awsfault.Fail(400, "InvalidIdentityToken", "Invalid SAML Response"),
			[]string{"STS could not verify the SAML assertion", "signing certificate"}},
		{"an expired assertion is not the provider's credentials", awsfault.Fail(400, "ExpiredTokenException", "Token expired"),
			[]string{"sts:AssumeRoleWithSAML failed: ExpiredTokenException: Token expired. The SAML assertion has expired " +
				"(assertions are valid for about 5 minutes after the identity provider issues them): sign in again to " +
				"get a fresh one and run again. The provider's own credentials took no part in this call."}},
	})
}
