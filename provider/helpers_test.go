package provider_test

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

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/version"
)

const (
	callerIdentity = "aws-identity:index:getCallerIdentity"
	sessionContext = "aws-identity:iam:getSessionContext"
	assumeRole     = "aws-identity:sts:assumeRole"
	account        = "123456789012"
)

// isolate keeps the developer's own AWS set-up out of the tests.
func isolate(t *testing.T) {
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

// newServer runs the provider in-process, configured with cfg, in an
// environment with no AWS settings but the KEY=VALUE pairs of env.
func newServer(t *testing.T, cfg property.Map, env ...string) integration.Server {
	t.Helper()
	isolate(t)
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

// endpointConfig configures static test credentials and both endpoints.
func endpointConfig(endpoint string) property.Map {
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

func invoke(s integration.Server, token string, args map[string]property.Value) (property.Map, error) {
	resp, err := s.Invoke(p.InvokeRequest{Token: tokens.Type(token), Args: property.NewMap(args)})
	if err == nil && len(resp.Failures) > 0 {
		require.FailNow(nil, "unexpected check failures", "%v", resp.Failures)
	}
	return resp.Return, err
}

func str(s string) property.Value { return property.New(s) }

// outputs reads the string outputs of an invoke into a plain map.
func outputs(m property.Map) map[string]string {
	out := map[string]string{}
	for k, v := range m.All {
		if v.IsString() {
			out[k] = v.AsString()
		}
	}
	return out
}
