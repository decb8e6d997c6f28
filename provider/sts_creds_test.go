package provider_test

import (
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

const (
	assumeRoleWithSaml      = "aws-identity:sts:assumeRoleWithSaml"
	getFederationToken      = "aws-identity:sts:getFederationToken"
	getDelegatedAccessToken = "aws-identity:sts:getDelegatedAccessToken"
	samlProvider            = "arn:aws:iam::123456789012:saml-provider/Okta"
	tradeInToken            = "tradeInTokenSecret0123456789abcdef"
)

func samlAssertion(roleArn, session string, seconds int) string {
	return testenv.SAMLAssertion(roleArn, samlProvider, session, seconds)
}

// moto serves AssumeRoleWithSAML loosely: it takes the role, session name
// and duration from the assertion's attributes, ignores roleArn,
// principalArn, durationSeconds and the session policies, verifies no
// signature, and answers fixed issuer, audience and name qualifier, the
// role ID as subject, PackedPolicySize 123 and no source identity.
func TestAssumeRoleWithSaml(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, roleID := moto.CreateRole(t, "Admins", "/saml/")
	calls := testenv.CountCalls(t, moto.Endpoint)
	s := newServer(t, noCredentialsConfig(calls.Endpoint))

	out, err := invoke(s, assumeRoleWithSaml, map[string]property.Value{
		"roleArn":       str(roleArn),
		"principalArn":  str(samlProvider),
		"samlAssertion": str(samlAssertion(roleArn, "alice", 1800)).WithSecret(true),
		"policyArns":    strs("arn:aws:iam::aws:policy/ReadOnlyAccess"),
		"policy":        str(`{"Version":"2012-10-17"}`),
	})
	require.NoError(t, err)
	creds, exp := secretCreds(t, out.Get("credentials"))
	assert.Regexp(t, `^ASIA`, creds["accessKeyId"])
	assert.WithinDuration(t, time.Now().Add(30*time.Minute), exp, 2*time.Minute, "the assertion's SessionDuration")
	user := outputs(out.Get("assumedRoleUser").AsMap())
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Admins/alice", user["arn"])
	got := outputs(out)
	assert.Equal(t, map[string]string{"audience": "https://signin.aws.amazon.com/saml", "issuer": "http://localhost:3000/",
		"nameQualifier": "B64EncodedStringOfHashOfIssuerAccountIdAndUserId=", "subjectType": "persistent",
		"subject": user["assumedRoleId"], "sourceIdentity": ""}, got, "moto's fixed answers")
	assert.True(t, strings.HasPrefix(user["assumedRoleId"], "AROA") && roleID != "", user["assumedRoleId"])
	assert.Equal(t, 123.0, out.Get("packedPolicySize").AsNumber(), "moto reports 123")
	assert.Equal(t, 1, calls.Count("AssumeRoleWithSAML"))
	assert.Equal(t, 1, calls.Total(), "no other call: the provider's own credentials were not needed")

	// The credentials act as the role.
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Admins/alice", whoIs(t, moto.Endpoint, creds))
}

// Everything STS answers reaches the outputs, every input reaches STS, and
// the request is not signed, even by a provider that has keys.
func TestAssumeRoleWithSamlRequest(t *testing.T) {
	aws := awsfault.Start(t)
	s := newServer(t, faultConfig(aws.URL, nil))
	assertion := samlAssertion(faultRole, "alice", 3600)

	out, err := invoke(s, assumeRoleWithSaml, map[string]property.Value{
		"roleArn":         str(faultRole),
		"principalArn":    str(samlProvider),
		"samlAssertion":   str(assertion).WithSecret(true),
		"policyArns":      strs("arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"),
		"policy":          str(`{"Version":"2012-10-17"}`),
		"durationSeconds": num(43200),
	})
	require.NoError(t, err)
	creds, _ := secretCreds(t, out.Get("credentials"))
	assert.Equal(t, awsfault.SecretAccessKey, creds["secretAccessKey"])
	assert.Equal(t, awsfault.SessionToken, creds["sessionToken"])
	assert.Equal(t, map[string]string{"audience": awsfault.SAMLAudience, "issuer": awsfault.SAMLIssuer,
		"nameQualifier": awsfault.SAMLNameQualifier, "subject": awsfault.SAMLSubject,
		"subjectType": awsfault.SAMLSubjectType, "sourceIdentity": awsfault.SAMLSource}, outputs(out))
	assert.Equal(t, 5.0, out.Get("packedPolicySize").AsNumber())
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/"+awsfault.SAMLSubject,
		outputs(out.Get("assumedRoleUser").AsMap())["arn"])

	req := aws.Requests("AssumeRoleWithSAML")
	require.Len(t, req, 1)
	assert.Equal(t, map[string][]string{
		"Action": {"AssumeRoleWithSAML"}, "Version": {"2011-06-15"},
		"RoleArn": {faultRole}, "PrincipalArn": {samlProvider}, "SAMLAssertion": {assertion},
		"PolicyArns.member.1.arn": {"arn:aws:iam::aws:policy/ReadOnlyAccess"},
		"PolicyArns.member.2.arn": {"arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"},
		"Policy":                  {`{"Version":"2012-10-17"}`}, "DurationSeconds": {"43200"},
	}, map[string][]string(req[0]), "exactly the inputs, nothing more")
	assert.Equal(t, []bool{false}, aws.Signed("AssumeRoleWithSAML"), "AWS signs no request here; neither does the provider")
	assert.Equal(t, 1, aws.Total(), "and resolves none of its own credentials")
}

// moto serves GetFederationToken: it honours name and durationSeconds,
// ignores the session policies and tags, and reports PackedPolicySize 6.
func TestGetFederationToken(t *testing.T) {
	moto := testenv.StartMoto(t)
	calls := testenv.CountCalls(t, moto.Endpoint)
	s := newServer(t, endpointConfig(calls.Endpoint))

	out, err := invoke(s, getFederationToken, map[string]property.Value{
		"name":            str("report-reader"),
		"policy":          str(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]}`),
		"durationSeconds": num(7200),
		"tags":            strMap(map[string]string{"team": "finance"}),
	})
	require.NoError(t, err)
	_, exp := secretCreds(t, out.Get("credentials"))
	assert.WithinDuration(t, time.Now().Add(2*time.Hour), exp, 2*time.Minute)
	assert.Equal(t, map[string]string{"arn": "arn:aws:sts::123456789012:federated-user/report-reader",
		"federatedUserId": "123456789012:report-reader"}, outputs(out.Get("federatedUser").AsMap()))
	assert.Equal(t, 6.0, out.Get("packedPolicySize").AsNumber(), "moto reports 6")
	assert.Equal(t, 1, calls.Count("GetFederationToken"))

	// AWS's default duration, 12 hours, when none is given.
	out, err = invoke(s, getFederationToken, map[string]property.Value{"name": str("no-policy")})
	require.NoError(t, err)
	_, exp = secretCreds(t, out.Get("credentials"))
	assert.WithinDuration(t, time.Now().Add(12*time.Hour), exp, 2*time.Minute)
}

// Every input reaches STS, and the request is signed with the provider's
// credentials, as AWS requires.
func TestGetFederationTokenRequest(t *testing.T) {
	aws := awsfault.Start(t)
	s := newServer(t, faultConfig(aws.URL, nil))

	out, err := invoke(s, getFederationToken, map[string]property.Value{
		"name":            str("bob"),
		"policyArns":      strs("arn:aws:iam::123456789012:policy/reports"),
		"policy":          str(`{"Version":"2012-10-17"}`),
		"durationSeconds": num(129600),
		"tags":            strMap(map[string]string{"team": "finance", "cost-center": "42"}),
	})
	require.NoError(t, err)
	creds, _ := secretCreds(t, out.Get("credentials"))
	assert.Equal(t, awsfault.AccessKeyID, creds["accessKeyId"])
	assert.Equal(t, "arn:aws:sts::123456789012:federated-user/bob", outputs(out.Get("federatedUser").AsMap())["arn"])
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

// moto 5.2.5 does not serve GetDelegatedAccessToken; the fake STS answers
// it and asserts the request: the token alone, signed.
func TestGetDelegatedAccessToken(t *testing.T) {
	aws := awsfault.Start(t)
	s := newServer(t, faultConfig(aws.URL, nil))

	out, err := invoke(s, getDelegatedAccessToken, map[string]property.Value{
		"tradeInToken": str(tradeInToken).WithSecret(true)})
	require.NoError(t, err)
	creds, exp := secretCreds(t, out.Get("credentials"))
	assert.Equal(t, awsfault.AccessKeyID, creds["accessKeyId"])
	assert.WithinDuration(t, time.Now().Add(time.Hour), exp, 2*time.Minute)
	assert.Equal(t, awsfault.DelegatedARN, outputs(out)["assumedPrincipal"])
	assert.Equal(t, 0.0, out.Get("packedPolicySize").AsNumber(), "AWS does not fill it in")

	req := aws.Requests("GetDelegatedAccessToken")
	require.Len(t, req, 1)
	assert.Equal(t, map[string][]string{"Action": {"GetDelegatedAccessToken"}, "Version": {"2011-06-15"},
		"TradeInToken": {tradeInToken}}, map[string][]string(req[0]))
	assert.Equal(t, []bool{true}, aws.Signed("GetDelegatedAccessToken"))
}

// AWS's refusals come back as advice, and no message quotes a secret input.
func TestStsCredentialsErrorAdvice(t *testing.T) {
	for _, c := range []struct {
		name, token, action string
		reply               awsfault.Reply
		args                map[string]property.Value
		want                []string
	}{
		{"SAML: the assertion does not allow the role", assumeRoleWithSaml, "AssumeRoleWithSAML",
			awsfault.Fail(403, "IDPRejectedClaim", "Not authorized to assume role"), nil,
			[]string{"sts:AssumeRoleWithSAML failed: IDPRejectedClaim: Not authorized to assume role. The assertion does not allow this role",
				"roleArn,principalArn"}},
		{"SAML: an assertion STS cannot verify", assumeRoleWithSaml, "AssumeRoleWithSAML",
			awsfault.Fail(400, "InvalidIdentityToken", "Invalid SAML Response"), nil,
			[]string{"STS could not verify the SAML assertion", "signing certificate"}},
		{"SAML: an expired assertion is not the provider's credentials", assumeRoleWithSaml, "AssumeRoleWithSAML",
			awsfault.Fail(400, "ExpiredTokenException", "Token expired"), nil,
			[]string{"The SAML assertion has expired", "The provider's own credentials took no part in this call."}},
		{"federation: temporary credentials", getFederationToken, "GetFederationToken",
			awsfault.SessionCredentialsRefused(), map[string]property.Value{"name": str("bob")},
			[]string{"sts:GetFederationToken failed: AccessDenied: Cannot call GetFederationToken with session credentials. " +
				"GetFederationToken needs the long-term access keys of an IAM user"}},
		{"federation: not allowed", getFederationToken, "GetFederationToken",
			awsfault.Fail(403, "AccessDenied", "User: arn:aws:iam::123456789012:user/bob is not authorized to perform: sts:GetFederationToken"),
			map[string]property.Value{"name": str("bob")},
			[]string{"The IAM user's policies must allow sts:GetFederationToken"}},
		{"federation: a duration AWS refuses", getFederationToken, "GetFederationToken",
			awsfault.Fail(400, "ValidationError", "The requested DurationSeconds exceeds the allowed maximum"),
			map[string]property.Value{"name": str("bob")},
			[]string{"the root user's sessions last at most 3600 seconds"}},
		{"delegated: an expired trade-in token", getDelegatedAccessToken, "GetDelegatedAccessToken",
			awsfault.ExpiredTradeInToken(), nil,
			[]string{"sts:GetDelegatedAccessToken failed: ExpiredTradeInTokenException: The trade-in token has expired. " +
				"The trade-in token has expired and cannot be exchanged any more: get a new one and run again."}},
	} {
		t.Run(c.name, func(t *testing.T) {
			aws := awsfault.Start(t)
			aws.On(c.action, c.reply)
			s := newServer(t, faultConfig(aws.URL, map[string]property.Value{"maxRetries": num(0)}))
			args := c.args
			if args == nil && c.token == assumeRoleWithSaml {
				args = map[string]property.Value{"roleArn": str(faultRole), "principalArn": str(samlProvider),
					"samlAssertion": str(samlAssertion(faultRole, "alice", 900)).WithSecret(true)}
			}
			if args == nil {
				args = map[string]property.Value{"tradeInToken": str(tradeInToken).WithSecret(true)}
			}
			msg := failing(t, s, c.token, args)
			for _, w := range c.want {
				assert.Contains(t, msg, w)
			}
			assert.NotContains(t, msg, tradeInToken)
			assert.NotContains(t, msg, faultSecretKey)
			assert.NotContains(t, msg, "PHNhbWxw", "no part of the assertion")
		})
	}
}
