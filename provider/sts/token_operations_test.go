package sts_test

import (
	"testing"

	"github.com/pulumi/pulumi-go-provider/integration"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/providertest"
)

// In-process tests of decodeAuthorizationMessage, assumeRoot and
// getWebIdentityToken. moto 5.2.5 implements none of the three
// (TestMotoLacksTokenOperations), so they are answered by awsfault, which
// records each request: the fields sent, and whether it was signed.

const (
	decodeAuthorizationMessage = "aws-identity:sts:decodeAuthorizationMessage"
	assumeRoot                 = "aws-identity:sts:assumeRoot"
	getWebIdentityToken        = "aws-identity:sts:getWebIdentityToken"

	rootTask     = "arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials"
	memberAcct   = "111122223333"
	encodedSmall = "9n5dGRjbvKrN-4IbL8Lw_cWxZSVgoHx2Kbyy7p3xHpfYj3vRbUb2xTu-q0YAH-bi6mo3tX3s"
)

// decodedExample is a decoded message in the shape AWS's documentation shows.
const decodedExample = `{"allowed":false,"explicitDeny":true,"matchedStatements":{"items":[` +
	`{"statementId":"DenyRunOutsideEU","effect":"DENY","principals":{"items":[{"value":"AIDAEXAMPLE"}]},` +
	`"principalGroups":{"items":[]},"actions":{"items":[{"value":"ec2:RunInstances"}]},` +
	`"resources":{"items":[{"value":"*"}]},"conditions":{"items":[]}}]},"failures":{"items":[]},` +
	`"context":{"principal":{"id":"AIDAEXAMPLE","name":"alice","arn":"arn:aws:iam::123456789012:user/alice"},` +
	`"action":"ec2:RunInstances","resource":"arn:aws:ec2:us-east-1:123456789012:instance/*",` +
	`"conditions":{"items":[{"key":"aws:RequestedRegion","values":{"items":[{"value":"us-east-1"}]}},` +
	`{"key":"ec2:InstanceType","values":{"items":[{"value":"t3.micro"}]}}]}}}`

// What moto 5.2.5 answers: HTTP 500 (NotImplementedError) for all three, and
// for getDelegatedAccessToken.
// If a later moto implements one, this fails, and the test of that
// function can move to moto.
func TestMotoLacksTokenOperations(t *testing.T) {
	moto := testenv.StartMoto(t)
	cfg := providertest.EndpointConfig(moto.Endpoint)
	cfg = cfg.Set("maxRetries", providertest.Num(0))
	s := providertest.NewServer(t, cfg)
	for _, c := range []struct {
		token, op string
		args      map[string]property.Value
	}{
		{decodeAuthorizationMessage, "sts:DecodeAuthorizationMessage", map[string]property.Value{"encodedMessage": providertest.Str(encodedSmall)}},
		{assumeRoot, "sts:AssumeRoot", map[string]property.Value{"targetPrincipal": providertest.Str(memberAcct), "taskPolicyArn": providertest.Str(rootTask)}},
		{getWebIdentityToken, "sts:GetWebIdentityToken", map[string]property.Value{"audience": providertest.Strs("https://example.test"), "signingAlgorithm": providertest.Str("RS256")}},
		{getDelegatedAccessToken, "sts:GetDelegatedAccessToken", map[string]property.Value{"tradeInToken": providertest.Str("trade-in").WithSecret(true)}},
	} {
		t.Run(c.op, func(t *testing.T) {
			msg := failing(t, s, c.token, c.args)
			assert.Contains(t, msg, c.op+" failed")
			assert.Contains(t, msg, "500", "moto answers NotImplementedError with HTTP 500")
		})
	}
}

func TestFaultTokenOperations(t *testing.T) {
	for _, c := range []struct {
		name, token, action string
		reply               awsfault.Reply
		args                map[string]property.Value
		want                []string
	}{
		{"decode: message STS cannot read", decodeAuthorizationMessage, "DecodeAuthorizationMessage",
			awsfault.InvalidAuthorizationMessage(), map[string]property.Value{"encodedMessage": providertest.Str(encodedSmall)},
			[]string{"sts:DecodeAuthorizationMessage failed: InvalidAuthorizationMessageException: Message is not valid",
				". STS could not read the encoded message: pass it whole, as the error printed it (with or without the " +
					"text around it), without line breaks; messages expire, so decode it soon after the error, with " +
					"credentials of the account whose request was refused."}},
		{"decode: not allowed to decode", decodeAuthorizationMessage, "DecodeAuthorizationMessage",
			awsfault.Fail(403, "AccessDenied", "not authorized to perform: sts:DecodeAuthorizationMessage"),
			map[string]property.Value{"encodedMessage": providertest.Str(encodedSmall)},
			[]string{"Decoding needs sts:DecodeAuthorizationMessage in the caller's IAM policies"}},
		{"assumeRoot: refused", assumeRoot, "AssumeRoot", awsfault.RootAccessDenied(),
			map[string]property.Value{"targetPrincipal": providertest.Str(memberAcct), "taskPolicyArn": providertest.Str(rootTask)},
			[]string{"sts:AssumeRoot failed: AccessDenied", "management account or of the delegated administrator",
				"centralized root access"}},
		{"getWebIdentityToken: federation not enabled", getWebIdentityToken, "GetWebIdentityToken",
			awsfault.OutboundFederationDisabled(), map[string]property.Value{"audience": providertest.Strs("a"), "signingAlgorithm": providertest.Str("RS256")},
			[]string{"sts:GetWebIdentityToken failed: OutboundWebIdentityFederationDisabledException: ",
				". Outbound identity federation is not enabled for this account: enable it once (IAM console, Account " +
					"settings, or `aws iam enable-outbound-web-identity-federation`), which also publishes the account's " +
					"issuer URL and keys for the token's audience to verify."}},
		{"getWebIdentityToken: answer without a token", getWebIdentityToken, "GetWebIdentityToken",
			awsfault.Body(""), map[string]property.Value{"audience": providertest.Strs("a"), "signingAlgorithm": providertest.Str("RS256")},
			[]string{"sts:GetWebIdentityToken answered without a token"}},
		{"assumeRoot: answer without credentials", assumeRoot, "AssumeRoot", awsfault.Body(""),
			map[string]property.Value{"targetPrincipal": providertest.Str(memberAcct), "taskPolicyArn": providertest.Str(rootTask)},
			[]string{"sts:AssumeRoot answered without credentials"}},
		{"decode: answer without a message", decodeAuthorizationMessage, "DecodeAuthorizationMessage", awsfault.Body(""),
			map[string]property.Value{"encodedMessage": providertest.Str(encodedSmall)},
			[]string{"sts:DecodeAuthorizationMessage answered without a decoded message"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			aws := awsfault.Start(t)
			aws.On(c.action, c.reply)
			s := providertest.NewServer(t, providertest.FaultConfig(aws.URL, nil))
			msg := failing(t, s, c.token, c.args)
			for _, w := range c.want {
				assert.Contains(t, msg, w)
			}
			assert.NotContains(t, msg, providertest.FaultSecretKey)
			assert.Equal(t, 1, aws.Calls(c.action))
		})
	}
}

// failing invokes token and returns its error, failing the test if it succeeded.
func failing(t *testing.T, s integration.Server, token string, args map[string]property.Value) string {
	t.Helper()
	_, err := providertest.Invoke(s, token, args)
	require.Error(t, err, "%s should have failed", token)
	t.Logf("%s: %v", token, err)
	return err.Error()
}

func strMap(kv map[string]string) property.Value {
	m := map[string]property.Value{}
	for k, v := range kv {
		m[k] = providertest.Str(v)
	}
	return property.New(m)
}
