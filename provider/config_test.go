package provider_test

import (
	"strings"
	"testing"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

func TestCheckConfigReportsEveryProblem(t *testing.T) {
	s := newServer(t, property.Map{})
	const secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	resp, err := s.CheckConfig(p.CheckRequest{Urn: "urn:pulumi:dev::proj::pulumi:providers:aws-identity::default",
		Inputs: property.NewMap(map[string]property.Value{
			"region":                property.New("the moon"),
			"secretKey":             property.New(secret).WithSecret(true),
			"token":                 property.New(secret + "token").WithSecret(true),
			"endpoints":             property.New(map[string]property.Value{"sts": str("ftp://127.0.0.1")}),
			"maxRetries":            property.New(-1.0),
			"requestTimeoutSeconds": property.New(0.0),
			"assumeRole": property.New(map[string]property.Value{
				"roleArn":         str("arn:aws:iam::123456789012:user/bob"),
				"durationSeconds": property.New(10.0),
			}),
		})})
	require.NoError(t, err)
	got := map[string]string{}
	for _, f := range resp.Failures {
		got[f.Property] = f.Reason
		assert.NotContains(t, f.Reason, secret, "a secret leaked into a message")
	}
	assert.Contains(t, got["region"], `"the moon" is not an AWS region name`)
	assert.Contains(t, got["accessKey"], "is required with secretKey")
	assert.Contains(t, got["token"], "needs accessKey and secretKey")
	assert.Contains(t, got["endpoints.sts"], "is not an http(s) URL")
	assert.Contains(t, got["maxRetries"], "between 0 and 100")
	assert.Contains(t, got["requestTimeoutSeconds"], "between 1 and 3600")
	assert.Contains(t, got["assumeRole.roleArn"], "is not an IAM role ARN")
	assert.Contains(t, got["assumeRole.durationSeconds"], "between 900")
	assert.Len(t, got, 8)
}

// The SDKs ask for a version, which the engine passes to the default
// provider's CheckConfig as an input.
func TestCheckConfigAcceptsTheEnginesVersion(t *testing.T) {
	s := newServer(t, property.Map{})
	resp, err := s.CheckConfig(p.CheckRequest{Urn: "urn:pulumi:dev::proj::pulumi:providers:aws-identity::default_0_1_0",
		Inputs: property.NewMap(map[string]property.Value{
			"version":           str("0.1.0"),
			"pluginDownloadURL": str("file:///nowhere"),
			"region":            str("eu-west-1"),
		})})
	require.NoError(t, err)
	assert.Empty(t, resp.Failures)
	assert.Equal(t, "eu-west-1", resp.Inputs.Get("region").AsString())
}

func TestConfigureMakesNoCall(t *testing.T) {
	moto := testenv.StartMoto(t)
	calls := testenv.CountCalls(t, moto.Endpoint)
	s := newServer(t, endpointConfig(calls.Endpoint))
	assert.Zero(t, calls.Total(), "Configure called AWS")

	// lookupRole: false needs no credentials and no call either.
	_, err := invoke(s, sessionContext, map[string]property.Value{
		"arn": str("arn:aws:sts::123456789012:assumed-role/Deployer/ci"), "lookupRole": property.New(false),
	})
	require.NoError(t, err)
	assert.Zero(t, calls.Total())
}

func TestConfigAssumeRoleBlock(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "Deployer", "/ci/")
	calls := testenv.CountCalls(t, moto.Endpoint)
	cfg := endpointConfig(calls.Endpoint).Set("assumeRole", property.New(map[string]property.Value{
		"roleArn": str(roleArn), "roleSessionName": str("from-config"), "durationSeconds": property.New(900.0),
	}))
	s := newServer(t, cfg)
	for i := 0; i < 2; i++ {
		out, err := invoke(s, callerIdentity, nil)
		require.NoError(t, err)
		assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/from-config", outputs(out)["arn"])
	}
	assert.Equal(t, 1, calls.Count("AssumeRole"), "credentials are resolved once and shared")
}

func TestConfigFromStandardEnvironment(t *testing.T) {
	moto := testenv.StartMoto(t)
	s := newServer(t, property.Map{}, moto.Env()...)
	out, err := invoke(s, callerIdentity, nil)
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:sts::123456789012:user/moto", outputs(out)["arn"])
}

func TestConfigureRefusesBadValues(t *testing.T) {
	isolate(t)
	s := newServer(t, property.Map{})
	err := s.Configure(p.ConfigureRequest{Args: property.NewMap(map[string]property.Value{
		"maxRetries": property.New(500.0),
	})})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "maxRetries: must be between 0 and 100, but is 500")
}

// Every new setting is checked, all problems at once, each under its key.
func TestCheckConfigCredentialSettings(t *testing.T) {
	s := newServer(t, property.Map{})
	const token = "eyJhbGciOiJSUzI1NiJ9.secret-token-never-echoed"
	role := func(arn string, duration float64) property.Value {
		return property.New(map[string]property.Value{"roleArn": str(arn), "durationSeconds": property.New(duration)})
	}
	resp, err := s.CheckConfig(p.CheckRequest{Urn: "urn:pulumi:dev::proj::pulumi:providers:aws-identity::default",
		Inputs: property.NewMap(map[string]property.Value{
			"assumeRole": role("arn:aws:iam::123456789012:role/first", 7200),
			"assumeRoles": property.New([]property.Value{
				role("arn:aws:iam::123456789012:role/a", 7200),
				role("arn:aws:iam::123456789012:user/b", 3600),
			}),
			"assumeRoleWithWebIdentity": property.New(map[string]property.Value{
				"roleArn":              str("arn:aws:iam::123456789012:role/ci"),
				"sessionName":          str("has space"),
				"webIdentityToken":     str(token).WithSecret(true),
				"webIdentityTokenFile": str("/var/run/token"),
				"policy":               str("{"),
			}),
			"allowedAccountIds":    property.New([]property.Value{str("12345")}),
			"forbiddenAccountIds":  property.New([]property.Value{str("123456789012")}),
			"stsRegion":            str("mars-1"),
			"retryMode":            str("legacy"),
			"customCaBundle":       str("/no/such/ca.pem"),
			"httpProxy":            str("proxy:3128"),
			"httpsProxy":           str("ftp://proxy"),
			"useFipsEndpoint":      property.New(true),
			"useDualstackEndpoint": property.New(true),
			"endpoints": property.New(map[string]property.Value{"sso": str("not a url"),
				"signin": str("signin.example")}),
		})})
	require.NoError(t, err)
	got := map[string]string{}
	for _, f := range resp.Failures {
		got[f.Property] += f.Reason
		assert.NotContains(t, f.Reason, token, "a secret leaked into a message")
	}
	for key, want := range map[string]string{
		"assumeRoles":                                    "cannot be used together with assumeRole",
		"assumeRoles[0].durationSeconds":                 "AWS caps such a session at 3600 seconds",
		"assumeRoles[1].roleArn":                         "is not an IAM role ARN",
		"assumeRoleWithWebIdentity.sessionName":          "may contain only letters, digits and +=,.@_-",
		"assumeRoleWithWebIdentity.webIdentityTokenFile": "cannot be used together with webIdentityToken",
		"assumeRoleWithWebIdentity.policy":               "is not valid JSON",
		"assumeRole.durationSeconds":                     "assumed with the web identity role's credentials",
		"allowedAccountIds[0]":                           `"12345" is not an AWS account ID`,
		"forbiddenAccountIds":                            "cannot be used together with allowedAccountIds",
		"stsRegion":                                      `"mars-1" is not an AWS region name`,
		"retryMode":                                      `must be "standard" or "adaptive"`,
		"customCaBundle":                                 `the file "/no/such/ca.pem" does not exist`,
		"httpProxy":                                      `"proxy:3128" is not a proxy URL`,
		"httpsProxy":                                     `"ftp://proxy" is not a proxy URL`,
		"useFipsEndpoint":                                "cannot be used with custom endpoints",
		"useDualstackEndpoint":                           "cannot be used with custom endpoints",
		"endpoints.sso":                                  `"not a url" is not an http(s) URL`,
		"endpoints.signin":                               `"signin.example" is not an http(s) URL`,
	} {
		assert.Contains(t, got[key], want, key)
	}
	assert.Len(t, got, 18, "%v", got)
}

// accessKey is checked against AWS's character set and maximum, but a short
// emulator key (LocalStack documents "test") is accepted.
func TestCheckConfigAccessKey(t *testing.T) {
	s := newServer(t, property.Map{})
	for key, want := range map[string]string{
		"test":                   "",
		"AKIAIOSFODNN7EXAMPLE":   "",
		"AKIA IOSFODNN7EXAMPLE":  `may contain only letters, digits and _; found " "`,
		strings.Repeat("A", 129): "must be 1 to 128 characters long, but is 129",
	} {
		resp, err := s.CheckConfig(p.CheckRequest{Urn: "urn:pulumi:dev::proj::pulumi:providers:aws-identity::default",
			Inputs: property.NewMap(map[string]property.Value{
				"accessKey": str(key), "secretKey": str("wJalrXUtnFEMI/K7MDENG").WithSecret(true),
			})})
		require.NoError(t, err)
		got := map[string]string{}
		for _, f := range resp.Failures {
			got[f.Property] += f.Reason
		}
		if want == "" {
			assert.Empty(t, got, key)
		} else {
			assert.Contains(t, got["accessKey"], want, key)
		}
	}
}
