package provider_test

import (
	"encoding/json"
	"testing"

	p "github.com/pulumi/pulumi-go-provider"
	pschema "github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The settings that can hold a secret are secret in the schema (so the SDKs
// encrypt them) and in what CheckConfig hands back (so the engine keeps
// them encrypted in the state, whatever the program marked).
func TestConfigSecretsInSchema(t *testing.T) {
	s := newServer(t, property.Map{})
	resp, err := s.GetSchema(p.GetSchemaRequest{})
	require.NoError(t, err)
	var spec pschema.PackageSpec
	require.NoError(t, json.Unmarshal([]byte(resp.Schema), &spec))
	for _, k := range []string{"secretKey", "token", "httpProxy", "httpsProxy"} {
		assert.True(t, spec.Config.Variables[k].Secret, "config %s is secret", k)
		assert.True(t, spec.Provider.InputProperties[k].Secret, "provider input %s is secret", k)
	}
	assert.True(t, spec.Types["aws-identity:index:AssumeRole"].Properties["tokenCode"].Secret,
		"tokenCode of the assumeRole block (and of the assumeRole function) is secret")
	assert.True(t, spec.Functions["aws-identity:sts:assumeRole"].Inputs.Properties["tokenCode"].Secret)
	assert.True(t, spec.Types["aws-identity:index:AssumeRoleWithWebIdentity"].Properties["webIdentityToken"].Secret)
}

func TestCheckConfigMarksProxiesSecret(t *testing.T) {
	s := newServer(t, property.Map{})
	resp, err := s.CheckConfig(p.CheckRequest{Urn: defaultProvider, Inputs: property.NewMap(map[string]property.Value{
		"httpProxy":  str("http://alice:proxyPassword@127.0.0.1:3128"),
		"httpsProxy": str("http://alice:proxyPassword@127.0.0.1:3128"),
		"noProxy":    str("127.0.0.1"),
	})})
	require.NoError(t, err)
	require.Empty(t, resp.Failures)
	assert.True(t, resp.Inputs.Get("httpProxy").Secret())
	assert.True(t, resp.Inputs.Get("httpsProxy").Secret())
	assert.False(t, resp.Inputs.Get("noProxy").Secret())
}

// An MFA code in the provider's roles is refused with the reason and what
// to do instead, whatever its form; a serial number alone too.
func TestConfigRefusesMFACode(t *testing.T) {
	const role = "arn:aws:iam::123456789012:role/NeedsMFA"
	const device = "arn:aws:iam::123456789012:mfa/alice"
	s := newServer(t, property.Map{})
	for _, c := range []struct {
		name  string
		input map[string]property.Value
		field string
		want  string
	}{
		{"assumeRole with a code", map[string]property.Value{"assumeRole": property.New(map[string]property.Value{
			"roleArn": str(role), "serialNumber": str(device), "tokenCode": str("123456").WithSecret(true)})},
			"assumeRole.tokenCode", "is a one-time MFA code, and the provider's configuration is used more than once"},
		{"a code as the CLI stores it: a number in JSON text", map[string]property.Value{
			"assumeRoles": str(`[{"roleArn":"` + role + `"},{"roleArn":"` + role + `","serialNumber":"` + device +
				`","tokenCode":12345}]`)},
			"assumeRoles[1].tokenCode", "is a one-time MFA code"},
		{"a serial number alone", map[string]property.Value{"assumeRole": property.New(map[string]property.Value{
			"roleArn": str(role), "serialNumber": str(device)})},
			"assumeRole.serialNumber", "needs a new MFA code at each use, which the provider's configuration cannot give"},
	} {
		t.Run(c.name, func(t *testing.T) {
			resp, err := s.CheckConfig(p.CheckRequest{Urn: defaultProvider, Inputs: property.NewMap(c.input)})
			require.NoError(t, err)
			require.Len(t, resp.Failures, 1, "%v", resp.Failures)
			f := resp.Failures[0]
			assert.Equal(t, c.field, f.Property)
			assert.Contains(t, f.Reason, c.want)
			assert.Contains(t, f.Reason, "Remove serialNumber and tokenCode, and give the provider base credentials "+
				"that already carry MFA")
			assert.Contains(t, f.Reason, "aws sts get-session-token --serial-number DEVICE --token-code CODE")
			assert.NotContains(t, f.Reason, "123456")
			assert.NotContains(t, f.Reason, "float64")
		})
	}
	// Configure, for callers that skip CheckConfig, refuses it too.
	err := newServer(t, property.Map{}).Configure(p.ConfigureRequest{Args: property.NewMap(map[string]property.Value{
		"assumeRole": property.New(map[string]property.Value{
			"roleArn": str(role), "serialNumber": str(device), "tokenCode": str("123456")})})})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "assumeRole.tokenCode: is a one-time MFA code")
}
