// Package providertest is what the provider's tests share: the provider run
// in-process in an environment free of the developer's AWS set-up, the
// configurations the tests give it, and the checks every credentials answer
// must pass. The function packages' external tests (sts_test, iam_test,
// index_test) and the provider's own use it.
package providertest

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/blang/semver"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/version"
)

// The functions' tokens, as programs and SDKs call them.
const (
	CallerIdentity            = "aws-identity:index:getCallerIdentity"
	GetCredentials            = "aws-identity:index:getCredentials"
	SessionContext            = "aws-identity:iam:getSessionContext"
	AssumeRole                = "aws-identity:sts:assumeRole"
	GetSessionToken           = "aws-identity:sts:getSessionToken"
	AssumeRoleWithWebIdentity = "aws-identity:sts:assumeRoleWithWebIdentity"
	GetAccessKeyInfo          = "aws-identity:sts:getAccessKeyInfo"
)

// Account is the account moto and the fault server answer for.
const Account = "123456789012"

// WebToken looks like an OIDC token; its signature part stands for a secret.
const WebToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOm9jdG8tb3JnL2FwcCJ9.c2lnbmF0dXJlU2VjcmV0"

// Isolate keeps the developer's own AWS set-up out of the tests.
func Isolate(t *testing.T) {
	for _, kv := range [][2]string{
		{"AWS_PROFILE", ""}, {"AWS_ACCESS_KEY_ID", ""}, {"AWS_SECRET_ACCESS_KEY", ""}, {"AWS_SESSION_TOKEN", ""},
		{"AWS_CONFIG_FILE", "/dev/null"}, {"AWS_SHARED_CREDENTIALS_FILE", "/dev/null"},
		{"AWS_EC2_METADATA_DISABLED", "true"}, {"AWS_ENDPOINT_URL", ""}, {"AWS_ENDPOINT_URL_STS", ""},
		{"AWS_ENDPOINT_URL_IAM", ""}, {"AWS_REGION", ""}, {"AWS_DEFAULT_REGION", ""}, {"AWS_MAX_ATTEMPTS", ""},
		{"AWS_ENDPOINT_URL_SSO", ""}, {"AWS_ROLE_ARN", ""}, {"AWS_WEB_IDENTITY_TOKEN_FILE", ""},
		{"AWS_CONTAINER_CREDENTIALS_FULL_URI", ""}, {"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", ""},
		{"AWS_CA_BUNDLE", ""}, {"AWS_RETRY_MODE", ""}, {"AWS_USE_FIPS_ENDPOINT", ""},
		{"AWS_USE_DUALSTACK_ENDPOINT", ""}, {"HTTP_PROXY", ""}, {"HTTPS_PROXY", ""}, {"NO_PROXY", ""},
		{"http_proxy", ""}, {"https_proxy", ""}, {"no_proxy", ""},
	} {
		t.Setenv(kv[0], kv[1])
		if kv[1] == "" {
			// Unset, not empty: the AWS SDK treats a variable that is set
			// but empty differently (AWS_ENDPOINT_URL_STS="" changes how
			// AWS_ENDPOINT_URL is resolved).
			require.NoError(t, os.Unsetenv(kv[0]))
		}
	}
}

// NewServer runs the provider in-process, configured with cfg, in an
// environment with no AWS settings but the KEY=VALUE pairs of env.
func NewServer(t *testing.T, cfg property.Map, env ...string) integration.Server {
	t.Helper()
	Isolate(t)
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	prov, err := provider.New()
	require.NoError(t, err)
	s, err := integration.NewServer(context.Background(), provider.Name,
		semver.MustParse(version.Version), integration.WithProvider(prov))
	require.NoError(t, err)
	require.NoError(t, s.Configure(p.ConfigureRequest{Args: cfg}))
	return s
}

// EndpointConfig configures static test credentials and both endpoints.
func EndpointConfig(endpoint string) property.Map {
	return property.NewMap(map[string]property.Value{
		"region":    property.New("us-east-1"),
		"accessKey": property.New(testenv.MotoAccessKey),
		"secretKey": property.New(testenv.MotoSecretKey).WithSecret(true),
		"endpoints": property.New(property.NewMap(map[string]property.Value{
			"sts": property.New(endpoint),
			"iam": property.New(endpoint),
		})),
	})
}

// NoCredentialsConfig is a provider with no credentials at all: the
// unsigned calls (assumeRoleWithWebIdentity) need none, since AWS signs no
// request.
func NoCredentialsConfig(endpoint string) property.Map {
	return property.NewMap(map[string]property.Value{
		"region":    Str("us-east-1"),
		"endpoints": property.New(map[string]property.Value{"sts": Str(endpoint), "iam": Str(endpoint)}),
	})
}

// Invoke calls the function token with args.
func Invoke(s integration.Server, token string, args map[string]property.Value) (property.Map, error) {
	resp, err := s.Invoke(p.InvokeRequest{Token: tokens.Type(token), Args: property.NewMap(args)})
	if err == nil && len(resp.Failures) > 0 {
		require.FailNow(nil, "unexpected check failures", "%v", resp.Failures)
	}
	return resp.Return, err
}

// Str is a string value.
func Str(s string) property.Value { return property.New(s) }

// Outputs reads the string outputs of an invoke into a plain map.
func Outputs(m property.Map) map[string]string {
	out := map[string]string{}
	for k, v := range m.All {
		if v.IsString() {
			out[k] = v.AsString()
		}
	}
	return out
}

// The static credentials FaultConfig gives the provider, and a role in the
// fault server's account.
const (
	FaultAccessKey = "AKIAFAULTTESTKEY0001"
	FaultSecretKey = "faultTestSecretKey/DoNotPrint0000000000000"
	FaultRole      = "arn:aws:iam::" + awsfault.Account + ":role/Deployer"
)

// FaultConfig points both endpoints at endpoint (the fault server) with
// static credentials, plus extra settings.
func FaultConfig(endpoint string, extra map[string]property.Value) property.Map {
	m := map[string]property.Value{
		"region":    Str("us-east-1"),
		"accessKey": Str(FaultAccessKey),
		"secretKey": Str(FaultSecretKey).WithSecret(true),
		"endpoints": property.New(map[string]property.Value{"sts": Str(endpoint), "iam": Str(endpoint)}),
	}
	for k, v := range extra {
		m[k] = v
	}
	return property.NewMap(m)
}

// Num is a number value.
func Num(n float64) property.Value { return property.New(n) }

// Strs is a list of strings.
func Strs(ss ...string) property.Value {
	vs := make([]property.Value, len(ss))
	for i, s := range ss {
		vs[i] = Str(s)
	}
	return property.New(vs)
}
