package sts_test

import (
	"strings"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/providertest"
)

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
			"region": providertest.Str("eu-west-1"), "accessKey": providertest.Str(providertest.FaultAccessKey), "secretKey": providertest.Str(providertest.FaultSecretKey).WithSecret(true),
			"endpoints": property.New(map[string]property.Value{"sts": providertest.Str("https://sts.amazonaws.com")})}, nil},
		{"AWS_ENDPOINT_URL_STS is the global endpoint", map[string]property.Value{
			"accessKey": providertest.Str(providertest.FaultAccessKey), "secretKey": providertest.Str(providertest.FaultSecretKey).WithSecret(true)},
			[]string{"AWS_ENDPOINT_URL_STS=https://STS.amazonaws.com/"}},
		{"region aws-global from the environment", map[string]property.Value{
			"accessKey": providertest.Str(providertest.FaultAccessKey), "secretKey": providertest.Str(providertest.FaultSecretKey).WithSecret(true)},
			[]string{"AWS_REGION=aws-global"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := providertest.NewServer(t, property.NewMap(c.cfg), append(c.env, closedProxy)...)
			for _, f := range []struct {
				token, op string
				args      map[string]property.Value
			}{
				{assumeRoot, "sts:AssumeRoot", map[string]property.Value{"targetPrincipal": providertest.Str(memberAcct), "taskPolicyArn": providertest.Str(rootTask)}},
				{getWebIdentityToken, "sts:GetWebIdentityToken", map[string]property.Value{"audience": providertest.Strs("a"), "signingAlgorithm": providertest.Str("RS256")}},
			} {
				msg := failing(t, s, f.token, f.args)
				assert.Contains(t, msg, f.token+" calls "+f.op+", which AWS does not serve at STS's global endpoint, "+
					"but the provider would call https://")
				assert.Contains(t, strings.ToLower(msg), "would call https://sts.amazonaws.com")
				assert.Contains(t, msg, "set the provider's stsRegion to a region")
				assert.NotContains(t, msg, "could not reach", "no request was made")
				assert.NotContains(t, msg, providertest.FaultSecretKey)
			}
		})
	}
	// The README quotes this one whole.
	s := providertest.NewServer(t, property.NewMap(map[string]property.Value{
		"accessKey": providertest.Str(providertest.FaultAccessKey), "secretKey": providertest.Str(providertest.FaultSecretKey).WithSecret(true)}),
		"AWS_REGION=aws-global", closedProxy)
	msg := failing(t, s, assumeRoot, map[string]property.Value{"targetPrincipal": providertest.Str(memberAcct), "taskPolicyArn": providertest.Str(rootTask)})
	assert.Equal(t, "aws-identity:sts:assumeRoot calls sts:AssumeRoot, which AWS does not serve at STS's global endpoint, "+
		"but the provider would call https://sts.amazonaws.com: set the provider's stsRegion to a region (such as "+
		"us-east-1, whose endpoint is https://sts.us-east-1.amazonaws.com), or set endpoints.sts (or "+
		"AWS_ENDPOINT_URL_STS) to a regional endpoint. The region aws-global, and an endpoint of sts.amazonaws.com, "+
		"mean the global endpoint", strings.TrimPrefix(msg, assumeRoot+": "))
}
