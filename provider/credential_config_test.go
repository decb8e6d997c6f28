package provider_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// These tests prove the provider's credential settings in-process, each call
// counted at a proxy in front of moto.

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(text), 0o600))
	return path
}

func callerArn(t *testing.T, cfg property.Map, env ...string) string {
	t.Helper()
	s := newServer(t, cfg, env...)
	out, err := invoke(s, callerIdentity, nil)
	require.NoError(t, err)
	return out.Get("arn").AsString()
}

// A profile that assumes a role makes its own sts:AssumeRole; it goes to the
// endpoint the provider was given, in us-east-1 when no region is set anywhere.
func TestProfileRoleUsesTheProvidersEndpointAndRegion(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "deployer", "/")
	config := writeFile(t, "config", "[profile base]\n\n[profile deployer]\nrole_arn = "+roleArn+
		"\nsource_profile = base\nrole_session_name = from-profile\nexternal_id = ext-1234\n")
	creds := writeFile(t, "credentials", "[base]\naws_access_key_id = testing\naws_secret_access_key = testing\n")
	files := []string{"AWS_CONFIG_FILE=" + config, "AWS_SHARED_CREDENTIALS_FILE=" + creds}
	want := "arn:aws:sts::123456789012:assumed-role/deployer/from-profile"

	for name, how := range map[string]struct {
		cfg property.Map
		env []string
	}{
		"endpoints.sts": {cfg: property.NewMap(map[string]property.Value{
			"profile": str("deployer"),
			"endpoints": property.New(map[string]property.Value{
				"sts": str(""), // replaced below with the counter's URL
			}),
		})},
		"AWS_ENDPOINT_URL":     {env: []string{"AWS_PROFILE=deployer"}},
		"AWS_ENDPOINT_URL_STS": {env: []string{"AWS_PROFILE=deployer"}},
	} {
		t.Run(name, func(t *testing.T) {
			counter := testenv.CountCalls(t, moto.Endpoint)
			env := append(append([]string{}, files...), how.env...)
			cfg := how.cfg
			switch name {
			case "endpoints.sts":
				cfg = property.NewMap(map[string]property.Value{
					"profile":   str("deployer"),
					"endpoints": property.New(map[string]property.Value{"sts": str(counter.Endpoint)}),
				})
			default:
				env = append(env, name+"="+counter.Endpoint)
			}
			assert.Equal(t, want, callerArn(t, cfg, env...))
			assert.Equal(t, 1, counter.Count("AssumeRole"), "the profile's role was assumed at the provider's endpoint")
			assert.Equal(t, []string{"us-east-1"}, counter.Regions("AssumeRole"), "no region anywhere: us-east-1")
		})
	}
}

// Web identity from the environment, as GitHub Actions and EKS set it up,
// exchanges its token at AWS_ENDPOINT_URL.
func TestEnvironmentWebIdentityUsesAWSEndpointURL(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "ci", "/")
	counter := testenv.CountCalls(t, moto.Endpoint)
	token := writeFile(t, "token", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOm9yZy9hcHAifQ.c2lnbmF0dXJl")
	got := callerArn(t, property.Map{}, "AWS_ENDPOINT_URL="+counter.Endpoint, "AWS_ROLE_ARN="+roleArn,
		"AWS_WEB_IDENTITY_TOKEN_FILE="+token, "AWS_ROLE_SESSION_NAME=gha-42")
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/ci/gha-42", got)
	assert.Equal(t, 1, counter.Count("AssumeRoleWithWebIdentity"))
}

// assumeRoles assumes each role with the credentials of the one before, once
// per process, and every call is made as the last.
func TestAssumeRolesChain(t *testing.T) {
	moto := testenv.StartMoto(t)
	first, _ := moto.CreateRole(t, "hop-one", "/")
	second, _ := moto.CreateRole(t, "hop-two", "/chain/")
	counter := testenv.CountCalls(t, moto.Endpoint)
	cfg := endpointConfig(counter.Endpoint)
	cfg = cfg.Set("assumeRoles", property.New([]property.Value{
		property.New(map[string]property.Value{"roleArn": str(first), "roleSessionName": str("one")}),
		property.New(map[string]property.Value{"roleArn": str(second), "roleSessionName": str("two")}),
	}))
	s := newServer(t, cfg)
	for range 3 {
		out, err := invoke(s, callerIdentity, nil)
		require.NoError(t, err)
		assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/hop-two/two", out.Get("arn").AsString())
		_, err = invoke(s, assumeRole, map[string]property.Value{"roleArn": str(first)})
		require.NoError(t, err)
	}
	assert.Equal(t, 2+3, counter.Count("AssumeRole"), "each role of the chain once, then the three function calls")
}

// assumeRoleWithWebIdentity gives the chain its base credentials, from a
// token in the configuration or in a file.
func TestAssumeRoleWithWebIdentityBlock(t *testing.T) {
	moto := testenv.StartMoto(t)
	ci, _ := moto.CreateRole(t, "ci", "/")
	deploy, _ := moto.CreateRole(t, "deploy", "/")
	const token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwaXBlbGluZSJ9.c2lnbmF0dXJl"
	for name, tc := range map[string]struct {
		block map[string]property.Value
		roles bool
		want  string
	}{
		"token": {block: map[string]property.Value{"roleArn": str(ci), "sessionName": str("pipeline-7"),
			"webIdentityToken": str(token).WithSecret(true)},
			want: "arn:aws:sts::123456789012:assumed-role/ci/pipeline-7"},
		"token file, then assumeRoles": {block: map[string]property.Value{"roleArn": str(ci),
			"webIdentityTokenFile": str(writeFile(t, "token", token))}, roles: true,
			want: "arn:aws:sts::123456789012:assumed-role/deploy/after-oidc"},
	} {
		t.Run(name, func(t *testing.T) {
			counter := testenv.CountCalls(t, moto.Endpoint)
			m := map[string]property.Value{
				"endpoints":                 property.New(map[string]property.Value{"sts": str(counter.Endpoint)}),
				"assumeRoleWithWebIdentity": property.New(tc.block),
			}
			if tc.roles {
				m["assumeRoles"] = property.New([]property.Value{property.New(map[string]property.Value{
					"roleArn": str(deploy), "roleSessionName": str("after-oidc")})})
			}
			assert.Equal(t, tc.want, callerArn(t, property.NewMap(m)))
			assert.Equal(t, 1, counter.Count("AssumeRoleWithWebIdentity"))
		})
	}
}

// Every setting of the assumeRoleWithWebIdentity block reaches STS's
// request, the session policies (the shape assumeRoleWithWebIdentity the
// function shares) among them, unsigned, with the default session name.
func TestAssumeRoleWithWebIdentityBlockRequest(t *testing.T) {
	aws := awsfault.Start(t)
	s := newServer(t, property.NewMap(map[string]property.Value{
		"region":    str("us-east-1"),
		"endpoints": property.New(map[string]property.Value{"sts": str(aws.URL)}),
		"assumeRoleWithWebIdentity": property.New(map[string]property.Value{
			"roleArn":          str(faultRole),
			"webIdentityToken": str(webToken).WithSecret(true),
			"policyArns":       strs("arn:aws:iam::aws:policy/ReadOnlyAccess"),
			"policy":           str(`{"Version":"2012-10-17"}`),
			"durationSeconds":  num(1800),
		}),
	}))
	_, err := invoke(s, callerIdentity, nil)
	require.NoError(t, err)
	req := aws.Requests("AssumeRoleWithWebIdentity")
	require.Len(t, req, 1)
	for k, want := range map[string]string{
		"RoleArn": faultRole, "RoleSessionName": "pulumi-aws-identity", "WebIdentityToken": webToken,
		"PolicyArns.member.1.arn": "arn:aws:iam::aws:policy/ReadOnlyAccess", "Policy": `{"Version":"2012-10-17"}`,
		"DurationSeconds": "1800",
	} {
		assert.Equal(t, want, req[0].Get(k), k)
	}
	assert.Equal(t, []bool{false}, aws.Signed("AssumeRoleWithWebIdentity"))
}

// An account that is not allowed is refused on the first call, and nothing
// but GetCallerIdentity is done with its credentials.
func TestAccountGuards(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "guarded", "/")
	for name, tc := range map[string]struct {
		key, ids string
		refused  string
	}{
		"allowed":             {key: "allowedAccountIds", ids: "123456789012"},
		"not allowed":         {key: "allowedAccountIds", ids: "111122223333", refused: "is not in allowedAccountIds [111122223333]"},
		"forbidden":           {key: "forbiddenAccountIds", ids: "123456789012", refused: "is in forbiddenAccountIds"},
		"forbidden elsewhere": {key: "forbiddenAccountIds", ids: "111122223333"},
	} {
		t.Run(name, func(t *testing.T) {
			counter := testenv.CountCalls(t, moto.Endpoint)
			cfg := endpointConfig(counter.Endpoint).Set(tc.key, property.New([]property.Value{str(tc.ids)}))
			s := newServer(t, cfg)
			arn := "arn:aws:sts::123456789012:assumed-role/guarded/s1"
			for _, call := range []struct {
				token string
				args  map[string]property.Value
			}{
				{assumeRole, map[string]property.Value{"roleArn": str(roleArn)}},
				{sessionContext, map[string]property.Value{"arn": str(arn)}},
				{callerIdentity, nil},
			} {
				_, err := invoke(s, call.token, call.args)
				if tc.refused == "" {
					require.NoError(t, err, call.token)
					continue
				}
				require.Error(t, err, call.token)
				assert.Contains(t, err.Error(), "the provider's credentials (from the provider's accessKey and "+
					"secretKey) are for AWS account 123456789012, which "+tc.refused)
				assert.Contains(t, err.Error(), "Nothing was done with them but sts:GetCallerIdentity")
			}
			if tc.refused != "" {
				assert.Equal(t, 1, counter.Count("GetCallerIdentity"))
				assert.Equal(t, 1, counter.Total(), "no call but GetCallerIdentity with a refused account's credentials")
			}
		})
	}
}

// stsRegion is the region of every STS call, the chain's own included.
func TestSTSRegion(t *testing.T) {
	moto := testenv.StartMoto(t)
	first, _ := moto.CreateRole(t, "regional", "/")
	counter := testenv.CountCalls(t, moto.Endpoint)
	cfg := endpointConfig(counter.Endpoint).Set("region", str("eu-west-1")).Set("stsRegion", str("eu-west-2")).
		Set("assumeRoles", property.New([]property.Value{property.New(map[string]property.Value{"roleArn": str(first)})}))
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/regional/pulumi-aws-identity", callerArn(t, cfg))
	assert.Equal(t, []string{"eu-west-2"}, counter.Regions("AssumeRole"))
	assert.Equal(t, []string{"eu-west-2"}, counter.Regions("GetCallerIdentity"))
}
