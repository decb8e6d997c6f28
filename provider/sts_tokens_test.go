package provider_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
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

// What moto 5.2.5 answers: HTTP 500 (NotImplementedError) for all three.
// If a later moto implements one, this fails, and the test of that
// function can move to moto.
func TestMotoLacksTokenOperations(t *testing.T) {
	moto := testenv.StartMoto(t)
	cfg := endpointConfig(moto.Endpoint)
	cfg = cfg.Set("maxRetries", num(0))
	s := newServer(t, cfg)
	for _, c := range []struct {
		token, op string
		args      map[string]property.Value
	}{
		{decodeAuthorizationMessage, "sts:DecodeAuthorizationMessage", map[string]property.Value{"encodedMessage": str(encodedSmall)}},
		{assumeRoot, "sts:AssumeRoot", map[string]property.Value{"targetPrincipal": str(memberAcct), "taskPolicyArn": str(rootTask)}},
		{getWebIdentityToken, "sts:GetWebIdentityToken", map[string]property.Value{"audience": strs("https://example.test"), "signingAlgorithm": str("RS256")}},
	} {
		t.Run(c.op, func(t *testing.T) {
			msg := failing(t, s, c.token, c.args)
			assert.Contains(t, msg, c.op+" failed")
			assert.Contains(t, msg, "500", "moto answers NotImplementedError with HTTP 500")
		})
	}
}

func TestDecodeAuthorizationMessage(t *testing.T) {
	aws := awsfault.Start(t)
	aws.On("DecodeAuthorizationMessage", awsfault.Decoded(decodedExample))
	s := newServer(t, faultConfig(aws.URL, nil))

	// The whole error text, as the AWS CLI prints it.
	pasted := "An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not " +
		"authorized to perform this operation. User: arn:aws:iam::123456789012:user/alice is not authorized to " +
		"perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:123456789012:instance/* with an explicit " +
		"deny in an identity-based policy. Encoded authorization failure message: " + encodedSmall + "\n"
	out, err := invoke(s, decodeAuthorizationMessage, map[string]property.Value{"encodedMessage": str(pasted)})
	require.NoError(t, err)
	req := aws.Requests("DecodeAuthorizationMessage")
	require.Len(t, req, 1)
	assert.Equal(t, encodedSmall, req[0].Get("EncodedMessage"), "only the message is sent")
	assert.Equal(t, []bool{true}, aws.Signed("DecodeAuthorizationMessage"))

	assert.JSONEq(t, decodedExample, out.Get("decodedMessage").AsString())
	assert.False(t, out.Get("allowed").AsBool())
	assert.True(t, out.Get("explicitDeny").AsBool())
	assert.Equal(t, "ec2:RunInstances", out.Get("action").AsString())
	assert.Equal(t, "arn:aws:ec2:us-east-1:123456789012:instance/*", out.Get("resource").AsString())
	assert.Equal(t, map[string]string{"id": "AIDAEXAMPLE", "name": "alice", "arn": "arn:aws:iam::123456789012:user/alice"},
		outputs(out.Get("principal").AsMap()))
	stmts := out.Get("matchedStatements").AsArray()
	require.Equal(t, 1, stmts.Len())
	st := stmts.Get(0).AsMap()
	assert.Equal(t, "DenyRunOutsideEU", st.Get("statementId").AsString())
	assert.Equal(t, "DENY", st.Get("effect").AsString())
	assert.Equal(t, "ec2:RunInstances", st.Get("actions").AsArray().Get(0).AsString())
	assert.True(t, json.Valid([]byte(st.Get("statement").AsString())))
	assert.Equal(t, "us-east-1", out.Get("conditions").AsMap().Get("aws:RequestedRegion").AsArray().Get(0).AsString())
	assert.Empty(t, out.Get("note").AsString())

	// A decoded message of another shape: decodedMessage as it came, and a note.
	aws.On("DecodeAuthorizationMessage", awsfault.Decoded(`{"allowed":"no","context":[]}`))
	out, err = invoke(s, decodeAuthorizationMessage, map[string]property.Value{"encodedMessage": str(`"` + encodedSmall + `"`)})
	require.NoError(t, err)
	assert.Equal(t, encodedSmall, aws.Requests("DecodeAuthorizationMessage")[1].Get("EncodedMessage"), "quotes left out")
	assert.Equal(t, `{"allowed":"no","context":[]}`, out.Get("decodedMessage").AsString())
	assert.Contains(t, out.Get("note").AsString(), "not in the shape AWS documents: allowed, explicitDeny, context missing")
}

func TestAssumeRootRequest(t *testing.T) {
	aws := awsfault.Start(t)
	aws.On("AssumeRoot", awsfault.AssumeRootOK(15*time.Minute))
	s := newServer(t, faultConfig(aws.URL, nil))

	out, err := invoke(s, assumeRoot, map[string]property.Value{
		"targetPrincipal": str(memberAcct), "taskPolicyArn": str(rootTask), "durationSeconds": num(900)})
	require.NoError(t, err)
	creds, exp := secretCreds(t, out.Get("credentials"))
	assert.Equal(t, awsfault.AccessKeyID, creds["accessKeyId"])
	assert.WithinDuration(t, time.Now().Add(15*time.Minute), exp, 2*time.Minute)
	assert.Equal(t, awsfault.RootSourceIdentity, out.Get("sourceIdentity").AsString())
	req := aws.Requests("AssumeRoot")
	require.Len(t, req, 1)
	assert.Equal(t, memberAcct, req[0].Get("TargetPrincipal"))
	assert.Equal(t, rootTask, req[0].Get("TaskPolicyArn.arn"), "a PolicyDescriptorType, as the model says")
	assert.Equal(t, "900", req[0].Get("DurationSeconds"))
	assert.Equal(t, []bool{true}, aws.Signed("AssumeRoot"))

	_, err = invoke(s, assumeRoot, map[string]property.Value{
		"targetPrincipal": str("arn:aws:iam::111122223333:root"), "taskPolicyArn": str(rootTask), "durationSeconds": num(0)})
	require.NoError(t, err)
	req = aws.Requests("AssumeRoot")
	assert.Equal(t, "arn:aws:iam::111122223333:root", req[1].Get("TargetPrincipal"))
	assert.Equal(t, "0", req[1].Get("DurationSeconds"), "0 is in RootDurationSecondsType and is sent")
}

func TestGetWebIdentityTokenRequest(t *testing.T) {
	aws := awsfault.Start(t)
	aws.On("GetWebIdentityToken", awsfault.GetWebIdentityTokenOK(5*time.Minute))
	s := newServer(t, faultConfig(aws.URL, nil))

	out, err := invoke(s, getWebIdentityToken, map[string]property.Value{
		"audience": strs("api://AzureADTokenExchange", "https://example.test"), "signingAlgorithm": str("ES384"),
		"durationSeconds": num(300), "tags": strMap(map[string]string{"team": "platform", "env": "prod"})})
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

	_, err = invoke(s, getWebIdentityToken, map[string]property.Value{
		"audience": strs("a"), "signingAlgorithm": str("RS256")})
	require.NoError(t, err)
	req = aws.Requests("GetWebIdentityToken")
	assert.False(t, req[1].Has("DurationSeconds"), "AWS's default when not given")
	assert.False(t, req[1].Has("Tags.member.1.Key"))
}

// assumeRoot and getWebIdentityToken say, before any call, that AWS does
// not serve them at the global endpoint, and name stsRegion. Any request
// that got through would go to a closed port on 127.0.0.1 (the proxy).
func TestRegionalOnlyAtGlobalEndpoint(t *testing.T) {
	closedProxy := "HTTPS_PROXY=http://127.0.0.1:9"
	for _, c := range []struct {
		name string
		cfg  map[string]property.Value
		env  []string
	}{
		{"endpoints.sts is the global endpoint", map[string]property.Value{
			"region": str("eu-west-1"), "accessKey": str(faultAccessKey), "secretKey": str(faultSecretKey).WithSecret(true),
			"endpoints": property.New(map[string]property.Value{"sts": str("https://sts.amazonaws.com")})}, nil},
		{"AWS_ENDPOINT_URL_STS is the global endpoint", map[string]property.Value{
			"accessKey": str(faultAccessKey), "secretKey": str(faultSecretKey).WithSecret(true)},
			[]string{"AWS_ENDPOINT_URL_STS=https://STS.amazonaws.com/"}},
		{"region aws-global from the environment", map[string]property.Value{
			"accessKey": str(faultAccessKey), "secretKey": str(faultSecretKey).WithSecret(true)},
			[]string{"AWS_REGION=aws-global"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := newServer(t, property.NewMap(c.cfg), append(c.env, closedProxy)...)
			for _, f := range []struct {
				token, op string
				args      map[string]property.Value
			}{
				{assumeRoot, "sts:AssumeRoot", map[string]property.Value{"targetPrincipal": str(memberAcct), "taskPolicyArn": str(rootTask)}},
				{getWebIdentityToken, "sts:GetWebIdentityToken", map[string]property.Value{"audience": strs("a"), "signingAlgorithm": str("RS256")}},
			} {
				msg := failing(t, s, f.token, f.args)
				assert.Contains(t, msg, f.token+" calls "+f.op+", which AWS does not serve at STS's global endpoint, "+
					"but the provider would call https://")
				assert.Contains(t, strings.ToLower(msg), "would call https://sts.amazonaws.com")
				assert.Contains(t, msg, "set the provider's stsRegion to a region")
				assert.NotContains(t, msg, "could not reach", "no request was made")
				assert.NotContains(t, msg, faultSecretKey)
			}
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
			awsfault.InvalidAuthorizationMessage(), map[string]property.Value{"encodedMessage": str(encodedSmall)},
			[]string{"sts:DecodeAuthorizationMessage failed: InvalidAuthorizationMessageException: Message is not valid",
				"without line breaks", "messages expire"}},
		{"decode: not allowed to decode", decodeAuthorizationMessage, "DecodeAuthorizationMessage",
			awsfault.Fail(403, "AccessDenied", "not authorized to perform: sts:DecodeAuthorizationMessage"),
			map[string]property.Value{"encodedMessage": str(encodedSmall)},
			[]string{"Decoding needs sts:DecodeAuthorizationMessage in the caller's IAM policies"}},
		{"assumeRoot: refused", assumeRoot, "AssumeRoot", awsfault.RootAccessDenied(),
			map[string]property.Value{"targetPrincipal": str(memberAcct), "taskPolicyArn": str(rootTask)},
			[]string{"sts:AssumeRoot failed: AccessDenied", "management account or of the delegated administrator",
				"centralized root access"}},
		{"getWebIdentityToken: federation not enabled", getWebIdentityToken, "GetWebIdentityToken",
			awsfault.OutboundFederationDisabled(), map[string]property.Value{"audience": strs("a"), "signingAlgorithm": str("RS256")},
			[]string{"sts:GetWebIdentityToken failed: OutboundWebIdentityFederationDisabledException",
				"Outbound identity federation is not enabled for this account"}},
		{"getWebIdentityToken: answer without a token", getWebIdentityToken, "GetWebIdentityToken",
			awsfault.Body(""), map[string]property.Value{"audience": strs("a"), "signingAlgorithm": str("RS256")},
			[]string{"sts:GetWebIdentityToken answered without a token"}},
		{"assumeRoot: answer without credentials", assumeRoot, "AssumeRoot", awsfault.Body(""),
			map[string]property.Value{"targetPrincipal": str(memberAcct), "taskPolicyArn": str(rootTask)},
			[]string{"sts:AssumeRoot answered without credentials"}},
		{"decode: answer without a message", decodeAuthorizationMessage, "DecodeAuthorizationMessage", awsfault.Body(""),
			map[string]property.Value{"encodedMessage": str(encodedSmall)},
			[]string{"sts:DecodeAuthorizationMessage answered without a decoded message"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			aws := awsfault.Start(t)
			aws.On(c.action, c.reply)
			s := newServer(t, faultConfig(aws.URL, nil))
			msg := failing(t, s, c.token, c.args)
			for _, w := range c.want {
				assert.Contains(t, msg, w)
			}
			assert.NotContains(t, msg, faultSecretKey)
			assert.Equal(t, 1, aws.Calls(c.action))
		})
	}
}
