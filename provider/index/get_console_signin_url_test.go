package index_test

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/federationfake"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
	pt "github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/providertest"
)

const consoleSigninURL = "aws-identity:index:getConsoleSigninUrl"

// Canaries: credentials that must reach the federation endpoint and
// nothing else.
const (
	canaryKeyID  = "ASIACANARYKEYID00001"
	canarySecret = "canarySecretKey/MustNotLeak000000000000"
	canaryToken  = "canarySessionToken/MustNotLeak/FwoGZXIvYXdzEB"
	signinToken  = "fake-signin-token-0123456789"
)

func federationConfig(fedURL string, extra map[string]property.Value) property.Map {
	m := map[string]property.Value{
		"region":    pt.Str("us-east-1"),
		"accessKey": pt.Str(canaryKeyID),
		"secretKey": pt.Str(canarySecret).WithSecret(true),
		"token":     pt.Str(canaryToken).WithSecret(true),
		"endpoints": property.New(map[string]property.Value{"federation": pt.Str(fedURL)}),
	}
	for k, v := range extra {
		m[k] = v
	}
	return property.NewMap(m)
}

// assertNoSecret fails if text holds any of the canaries.
func assertNoSecret(t *testing.T, what, text string, secrets ...string) {
	t.Helper()
	for _, s := range append(secrets, canarySecret, canaryToken) {
		assert.NotContains(t, text, s, "a secret in %s", what)
	}
}

// loginURL checks the URL output: secret, on the endpoint, and carrying
// nothing but the login parameters; it returns its query.
func loginURL(t *testing.T, out property.Map, endpoint string) url.Values {
	t.Helper()
	v := out.Get("url")
	require.True(t, v.Secret(), "url must be secret")
	u, err := url.Parse(v.AsString())
	require.NoError(t, err)
	assert.Equal(t, endpoint, u.Scheme+"://"+u.Host+u.Path)
	assert.Equal(t, "login", u.Query().Get("Action"))
	assert.Equal(t, signinToken, u.Query().Get("SigninToken"))
	assertNoSecret(t, "the URL", v.AsString(), canaryKeyID)
	for k, v := range out.All {
		if k != "url" {
			assert.False(t, v.Secret(), "%s is plain", k)
			assertNoSecret(t, k, fmt.Sprint(v.AsString()), signinToken)
		}
	}
	return u.Query()
}

func keys(q url.Values) []string {
	var ks []string
	for k := range q {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func TestGetConsoleSigninUrlProviderCredentials(t *testing.T) {
	fake := federationfake.Start(t, signinToken, federationfake.Session{
		SessionID: canaryKeyID, SessionKey: canarySecret, SessionToken: canaryToken})
	s := pt.NewServer(t, federationConfig(fake.URL, nil))

	// All inputs.
	out, err := pt.Invoke(s, consoleSigninURL, map[string]property.Value{
		"destination":     pt.Str("https://console.aws.amazon.com/s3/home?region=eu-west-1"),
		"issuer":          pt.Str("https://sso.example.com/"),
		"sessionDuration": pt.Num(3600),
	})
	require.NoError(t, err)
	q := loginURL(t, out, fake.URL)
	assert.Equal(t, []string{"Action", "Destination", "Issuer", "SigninToken"}, keys(q), "nothing but the sign-in token and the login parameters")
	assert.Equal(t, "https://console.aws.amazon.com/s3/home?region=eu-west-1", q.Get("Destination"))
	assert.Equal(t, "https://sso.example.com/", q.Get("Issuer"))
	exp, err := time.Parse(time.RFC3339, out.Get("expiration").AsString())
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now().Add(15*time.Minute), exp, time.Minute)

	// Defaults: the region's console home, no issuer, no SessionDuration.
	out, err = pt.Invoke(s, consoleSigninURL, nil)
	require.NoError(t, err)
	q = loginURL(t, out, fake.URL)
	assert.Equal(t, []string{"Action", "Destination", "SigninToken"}, keys(q))
	assert.Equal(t, "https://console.aws.amazon.com/console/home?region=us-east-1", q.Get("Destination"))
	assert.Equal(t, q.Get("Destination"), out.Get("destination").AsString())

	reqs := fake.Requests()
	require.Len(t, reqs, 2, "one getSigninToken per URL")
	want := federationfake.Session{SessionID: canaryKeyID, SessionKey: canarySecret, SessionToken: canaryToken}
	for _, r := range reqs {
		assert.Equal(t, want, r.Session, "the Session JSON")
		assert.Equal(t, "GET", r.Method)
	}
	require.NotNil(t, reqs[0].SessionDuration)
	assert.Equal(t, 3600, *reqs[0].SessionDuration)
	assert.Nil(t, reqs[1].SessionDuration, "SessionDuration sent only where given")
	assert.Equal(t, []string{"Action", "Session", "SessionDuration"}, sorted(reqs[0].Params))
	assert.Equal(t, []string{"Action", "Session"}, sorted(reqs[1].Params))
}

func sorted(ss []string) []string {
	ss = append([]string(nil), ss...)
	sort.Strings(ss)
	return ss
}

// The credentials of assumeRole (moto), passed as the input: they, not the
// provider's, reach the federation endpoint.
func TestGetConsoleSigninUrlAssumedRole(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "ReadOnly", "/")
	fake := federationfake.Start(t, signinToken)
	cfg := pt.EndpointConfig(moto.Endpoint).Set("endpoints", property.New(map[string]property.Value{
		"sts": pt.Str(moto.Endpoint), "iam": pt.Str(moto.Endpoint), "federation": pt.Str(fake.URL)}))
	s := pt.NewServer(t, cfg)
	role, err := pt.Invoke(s, pt.AssumeRole, map[string]property.Value{"roleArn": pt.Str(roleArn), "roleSessionName": pt.Str("console")})
	require.NoError(t, err)
	creds, _ := pt.SecretCreds(t, role.Get("credentials"))
	session := federationfake.Session{SessionID: creds["accessKeyId"], SessionKey: creds["secretAccessKey"], SessionToken: creds["sessionToken"]}
	fake.Accept(session)

	out, err := pt.Invoke(s, consoleSigninURL, map[string]property.Value{
		"credentials": property.New(map[string]property.Value{
			"accessKeyId":     pt.Str(creds["accessKeyId"]),
			"secretAccessKey": pt.Str(creds["secretAccessKey"]).WithSecret(true),
			"sessionToken":    pt.Str(creds["sessionToken"]).WithSecret(true),
		}),
		"sessionDuration": pt.Num(43200),
	})
	require.NoError(t, err)
	loginURL(t, out, fake.URL)
	assertNoSecret(t, "the URL", out.Get("url").AsString(), creds["secretAccessKey"], creds["sessionToken"], creds["accessKeyId"])
	reqs := fake.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, session, reqs[0].Session)
	assert.Equal(t, 43200, *reqs[0].SessionDuration)
}

// An IAM user's long-term keys: refused before any call, with the fix.
func TestGetConsoleSigninUrlLongTermKeys(t *testing.T) {
	fake := federationfake.Start(t, signinToken)
	cfg := federationConfig(fake.URL, nil).Delete("token").Set("accessKey", pt.Str("AKIACANARYKEYID00001"))
	s := pt.NewServer(t, cfg)
	_, err := pt.Invoke(s, consoleSigninURL, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "long-term keys")
	assert.Contains(t, err.Error(), "Call aws-identity:sts:getFederationToken (for the user's own permissions, "+
		"narrowed by a policy) or aws-identity:sts:assumeRole first, and pass its credentials output here as credentials")
	assertNoSecret(t, "the error", err.Error())

	// The same keys as the input.
	_, err = pt.Invoke(s, consoleSigninURL, map[string]property.Value{
		"credentials": property.New(map[string]property.Value{
			"accessKeyId": pt.Str("AKIACANARYKEYID00001"), "secretAccessKey": pt.Str(canarySecret).WithSecret(true)}),
	})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "credentials.sessionToken: is missing: the federation endpoint accepts only temporary credentials")
	assertNoSecret(t, "the error", err.Error())
	assert.Empty(t, fake.Requests(), "refused before any call")
}

// Credentials the endpoint refuses (expired, say): advice, and no secret
// in the error.
func TestGetConsoleSigninUrlRefused(t *testing.T) {
	fake := federationfake.Start(t, signinToken) // accepts nothing
	s := pt.NewServer(t, federationConfig(fake.URL, nil))
	_, err := pt.Invoke(s, consoleSigninURL, map[string]property.Value{"sessionDuration": pt.Num(900)})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "refused the credentials (HTTP 400)")
	assert.Contains(t, err.Error(), "Get fresh temporary credentials from assumeRole")
	assertNoSecret(t, "the error", err.Error())
	assert.Len(t, fake.Requests(), 1)

	// An endpoint that does not answer: the error names the host, not the
	// request's URL (which carries the credentials).
	dead := federationConfig("http://127.0.0.1:1/federation", map[string]property.Value{"requestTimeoutSeconds": pt.Num(5)})
	_, err = pt.Invoke(pt.NewServer(t, dead), consoleSigninURL, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "calling the federation endpoint 127.0.0.1:1")
	assertNoSecret(t, "the error", err.Error())
	assert.False(t, strings.Contains(err.Error(), "Session="), "the request URL is not quoted")
}

// The one step: with an IAM user's long-term keys and federatedUserName, the
// function gets a federated user's credentials first (the fake STS asserts
// the request, signed with those keys) and signs in with them; the
// sessionDuration is the federated user's, never sent to the federation
// endpoint, which refuses it for such credentials.
func TestGetConsoleSigninUrlFederatesLongTermKeys(t *testing.T) {
	sts := awsfault.Start(t)
	fake := federationfake.Start(t, signinToken, federationfake.Session{
		SessionID: awsfault.AccessKeyID, SessionKey: awsfault.SecretAccessKey, SessionToken: awsfault.SessionToken})
	s := pt.NewServer(t, pt.FaultConfig(sts.URL, map[string]property.Value{
		"endpoints": property.New(map[string]property.Value{
			"sts": pt.Str(sts.URL), "iam": pt.Str(sts.URL), "federation": pt.Str(fake.URL)}),
	}))

	out, err := pt.Invoke(s, consoleSigninURL, map[string]property.Value{
		"federatedUserName": pt.Str("console-alice"),
		"policyArns":        pt.Strs("arn:aws:iam::aws:policy/ReadOnlyAccess"),
		"sessionDuration":   pt.Num(7200),
	})
	require.NoError(t, err)
	q := loginURL(t, out, fake.URL)
	assert.Equal(t, []string{"Action", "Destination", "SigninToken"}, keys(q))
	assertNoSecret(t, "the URL", out.Get("url").AsString(), pt.FaultSecretKey, awsfault.SecretAccessKey, awsfault.SessionToken)

	req := sts.Requests("GetFederationToken")
	require.Len(t, req, 1)
	assert.Equal(t, map[string][]string{
		"Action": {"GetFederationToken"}, "Version": {"2011-06-15"}, "Name": {"console-alice"},
		"PolicyArns.member.1.arn": {"arn:aws:iam::aws:policy/ReadOnlyAccess"}, "DurationSeconds": {"7200"},
	}, map[string][]string(req[0]))
	assert.Equal(t, []bool{true}, sts.Signed("GetFederationToken"), "signed with the IAM user's keys")

	reqs := fake.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, federationfake.Session{SessionID: awsfault.AccessKeyID, SessionKey: awsfault.SecretAccessKey,
		SessionToken: awsfault.SessionToken}, reqs[0].Session, "the federated user's credentials")
	assert.Nil(t, reqs[0].SessionDuration, "the federated user's lifetime, not the endpoint's SessionDuration")

	// Without federatedUserName the same keys are refused, with both fixes.
	_, err = pt.Invoke(s, consoleSigninURL, nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "or give federatedUserName (and policy or policyArns) to do both in one step")
	assertNoSecret(t, "the error", err.Error(), pt.FaultSecretKey)
	assert.Len(t, sts.Requests("GetFederationToken"), 1, "no second call")
}

// AWS's refusal of the federation step is explained, and no secret is in it.
func TestGetConsoleSigninUrlFederationRefused(t *testing.T) {
	sts := awsfault.Start(t)
	sts.On("GetFederationToken", awsfault.Fail(403, "AccessDenied",
		"User: arn:aws:iam::123456789012:user/bob is not authorized to perform: sts:GetFederationToken"))
	fake := federationfake.Start(t, signinToken)
	s := pt.NewServer(t, pt.FaultConfig(sts.URL, map[string]property.Value{
		"endpoints": property.New(map[string]property.Value{
			"sts": pt.Str(sts.URL), "iam": pt.Str(sts.URL), "federation": pt.Str(fake.URL)}),
	}))
	_, err := pt.Invoke(s, consoleSigninURL, map[string]property.Value{"federatedUserName": pt.Str("console-alice")})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "sts:GetFederationToken failed")
	assert.Contains(t, err.Error(), "AccessDenied")
	assertNoSecret(t, "the error", err.Error(), pt.FaultSecretKey)
	assert.Empty(t, fake.Requests(), "no sign-in without credentials")
}

// An answer to the federation step without credentials (a broken proxy)
// is an error naming the call, and no sign-in is tried with nothing.
func TestGetConsoleSigninUrlFederationEmptyAnswer(t *testing.T) {
	sts := awsfault.Start(t)
	sts.On("GetFederationToken", awsfault.Empty())
	fake := federationfake.Start(t, signinToken)
	s := pt.NewServer(t, pt.FaultConfig(sts.URL, map[string]property.Value{
		"endpoints": property.New(map[string]property.Value{
			"sts": pt.Str(sts.URL), "iam": pt.Str(sts.URL), "federation": pt.Str(fake.URL)}),
	}))
	_, err := pt.Invoke(s, consoleSigninURL, map[string]property.Value{"federatedUserName": pt.Str("console-alice")})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "sts:GetFederationToken")
	assertNoSecret(t, "the error", err.Error(), pt.FaultSecretKey)
	assert.Empty(t, fake.Requests(), "no sign-in without credentials")
}
