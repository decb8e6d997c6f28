package provider_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
)

// Faults of the credential functions, against awsfault: each message names
// the call and AWS's code, and says what to do.

func TestFaultGetSessionTokenBadMFACode(t *testing.T) {
	aws := awsfault.Start(t)
	aws.On("GetSessionToken", awsfault.MFADenied())
	s := newServer(t, faultConfig(aws.URL, nil))

	msg := failing(t, s, getSessionToken, map[string]property.Value{
		"serialNumber": str("arn:aws:iam::123456789012:mfa/alice"), "tokenCode": str("999999")})
	assert.Contains(t, msg, "sts:GetSessionToken failed: AccessDenied: MultiFactorAuthentication failed with invalid MFA one time pass code")
	for _, want := range []string{"serialNumber", "MFA device", "tokenCode", "the code the device shows now", "only once"} {
		assert.Contains(t, msg, want)
	}
	assert.NotContains(t, msg, "IAM policies must allow", "a refused code is not a missing permission")
	assert.NotContains(t, msg, faultSecretKey)
	assert.Equal(t, 1, aws.Calls("GetSessionToken"), "a refused code is not retried: it would be refused again")
}

func TestFaultGetSessionTokenWithSessionCredentials(t *testing.T) {
	aws := awsfault.Start(t)
	aws.On("GetSessionToken", awsfault.SessionCredentialsDenied())
	s := newServer(t, faultConfig(aws.URL, map[string]property.Value{"token": str("faultTestToken").WithSecret(true)}))

	msg := failing(t, s, getSessionToken, nil)
	assert.Contains(t, msg, "sts:GetSessionToken failed: AccessDenied: Cannot call GetSessionToken with session credentials")
	assert.Contains(t, msg, "needs the long-term access keys of an IAM user")
	assert.Contains(t, msg, "use assumeRole")
	assert.NotContains(t, msg, "faultTestToken")
}

// ExpiredToken for the functions that sign with the provider's credentials:
// those are what expired.
func TestFaultCredentialFunctionsExpiredBaseCredentials(t *testing.T) {
	for _, c := range []struct {
		name, token, action string
		args                map[string]property.Value
	}{
		{"getSessionToken", getSessionToken, "GetSessionToken", nil},
		{"getAccessKeyInfo", getAccessKeyInfo, "GetAccessKeyInfo", map[string]property.Value{"accessKeyId": str("AKIAIOSFODNN7EXAMPLE")}},
		// The provider's assumeRole block, refreshed with expired base
		// credentials: what getCredentials hands out cannot be had.
		{"getCredentials", getCredentials, "AssumeRole", nil},
	} {
		t.Run(c.name, func(t *testing.T) {
			aws := awsfault.Start(t)
			aws.On(c.action, awsfault.ExpiredToken())
			extra := map[string]property.Value{"token": str("faultTestToken").WithSecret(true)}
			if c.token == getCredentials {
				extra["assumeRole"] = property.New(map[string]property.Value{"roleArn": str(faultRole)})
			}
			s := newServer(t, faultConfig(aws.URL, extra))
			msg := failing(t, s, c.token, c.args)
			assert.Contains(t, msg, "ExpiredToken: The security token included in the request is expired")
			assert.Contains(t, msg, "have expired: refresh them")
			assert.NotContains(t, msg, faultSecretKey)
			assert.NotContains(t, msg, "faultTestToken")
			assert.NotContains(t, msg, awsfault.SecretAccessKey)
			assert.Equal(t, 1, aws.Calls(c.action))
		})
	}
}

func TestFaultGetCredentialsRoleDenied(t *testing.T) {
	aws := awsfault.Start(t)
	aws.On("AssumeRole", awsfault.AccessDenied())
	s := newServer(t, faultConfig(aws.URL, map[string]property.Value{
		"assumeRole": property.New(map[string]property.Value{"roleArn": str(faultRole)}),
	}))
	msg := failing(t, s, getCredentials, nil)
	assert.Contains(t, msg, "getting credentials from assumeRole "+faultRole+", assumed with the provider's "+
		"accessKey and secretKey: assumeRole: sts:AssumeRole failed: AccessDenied")
	assert.Contains(t, msg, "trust policy")
	assert.NotContains(t, msg, faultSecretKey)
}

func TestFaultAssumeRoleWithWebIdentity(t *testing.T) {
	for _, c := range []struct {
		name  string
		reply awsfault.Reply
		want  []string
	}{
		{"invalid token", awsfault.InvalidIdentityToken(), []string{
			"sts:AssumeRoleWithWebIdentity failed: InvalidIdentityToken: No OpenIDConnect provider found in your account",
			"current OIDC token", "IAM OIDC identity provider", "issuer (iss)", "providerId"}},
		{"rejected claim", awsfault.IDPRejectedClaim(), []string{
			"sts:AssumeRoleWithWebIdentity failed: IDPRejectedClaim: Incorrect token audience",
			"trust policy", "Federated principal", "aud (audience)", "sub (subject)"}},
		{"expired token", awsfault.ExpiredTokenException(), []string{
			"sts:AssumeRoleWithWebIdentity failed: ExpiredTokenException: Token expired",
			"The web identity token has expired: get a fresh one", "The provider's own credentials took no part"}},
		{"access denied", awsfault.Fail(403, "AccessDenied", "Not authorized to perform sts:AssumeRoleWithWebIdentity"), []string{
			"sts:AssumeRoleWithWebIdentity failed: AccessDenied: Not authorized", "trust policy allows sts:AssumeRoleWithWebIdentity"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			aws := awsfault.Start(t)
			aws.On("AssumeRoleWithWebIdentity", c.reply)
			s := newServer(t, noCredentialsConfig(aws.URL))
			msg := failing(t, s, assumeRoleWithWebIdentity, map[string]property.Value{
				"roleArn": str(faultRole), "webIdentityToken": str(webToken).WithSecret(true)})
			for _, w := range c.want {
				assert.Contains(t, msg, w)
			}
			assert.NotContains(t, msg, webToken, "the token is a secret")
			assert.NotContains(t, msg, "c2lnbmF0dXJlU2VjcmV0")
			assert.NotContains(t, msg, "base AWS credentials", "the provider's credentials took no part")
			assert.Equal(t, 1, aws.Calls("AssumeRoleWithWebIdentity"), "not retried: the same token fails the same way")
		})
	}
}

func TestFaultGetAccessKeyInfoDenied(t *testing.T) {
	aws := awsfault.Start(t)
	aws.On("GetAccessKeyInfo", awsfault.Fail(403, "AccessDenied",
		"User: "+awsfault.CallerARN+" is not authorized to perform: sts:GetAccessKeyInfo"))
	s := newServer(t, faultConfig(aws.URL, nil))
	msg := failing(t, s, getAccessKeyInfo, map[string]property.Value{"accessKeyId": str("AKIAIOSFODNN7EXAMPLE")})
	assert.Contains(t, msg, "sts:GetAccessKeyInfo failed: AccessDenied")
	assert.Contains(t, msg, "The caller's IAM policies must allow sts:GetAccessKeyInfo")
}

// A 200 answer without credentials or account is an error, never a crash.
func TestFaultCredentialFunctionsEmptyAnswer(t *testing.T) {
	for _, c := range []struct {
		token, action string
		args          map[string]property.Value
	}{
		{getSessionToken, "GetSessionToken", nil},
		{assumeRoleWithWebIdentity, "AssumeRoleWithWebIdentity", map[string]property.Value{
			"roleArn": str(faultRole), "webIdentityToken": str(webToken).WithSecret(true)}},
		{getAccessKeyInfo, "GetAccessKeyInfo", map[string]property.Value{"accessKeyId": str("AKIAIOSFODNN7EXAMPLE")}},
	} {
		t.Run(c.action, func(t *testing.T) {
			aws := awsfault.Start(t)
			aws.On(c.action, awsfault.Empty())
			s := newServer(t, faultConfig(aws.URL, nil))
			msg := failing(t, s, c.token, c.args)
			assert.Contains(t, msg, "sts:"+c.action+" answered without")
			assert.Contains(t, msg, "faithful emulator")
		})
	}
}
