package session

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Where STS calls go, as the SDK's endpoint rules resolve it; no request is
// made. The global endpoint only for aws-global or an endpoint naming it:
// aws-sdk-go-v2 ignores the legacy sts_regional_endpoints setting, so
// us-east-1 is regional even with it.
func TestSTSEndpoint(t *testing.T) {
	legacy := filepath.Join(t.TempDir(), "config")
	require.NoError(t, os.WriteFile(legacy, []byte("[default]\nsts_regional_endpoints = legacy\n"), 0o600))
	for _, c := range []struct {
		name string
		st   Settings
		env  map[string]string
		want string
	}{
		{"default region", Settings{}, nil, "https://sts.us-east-1.amazonaws.com"},
		{"region", Settings{Region: "eu-west-1"}, nil, "https://sts.eu-west-1.amazonaws.com"},
		{"stsRegion wins over region", Settings{Region: "eu-west-1", STSRegion: "eu-central-1"}, nil, "https://sts.eu-central-1.amazonaws.com"},
		{"aws-global", Settings{Region: "aws-global"}, nil, "https://sts.amazonaws.com"},
		{"aws-global from the environment", Settings{}, map[string]string{"AWS_REGION": "aws-global"}, "https://sts.amazonaws.com"},
		{"stsRegion fixes aws-global", Settings{Region: "aws-global", STSRegion: "us-east-1"}, nil, "https://sts.us-east-1.amazonaws.com"},
		{"legacy setting in the environment", Settings{}, map[string]string{"AWS_STS_REGIONAL_ENDPOINTS": "legacy"}, "https://sts.us-east-1.amazonaws.com"},
		{"legacy setting in the profile", Settings{SharedConfigFiles: []string{legacy}}, nil, "https://sts.us-east-1.amazonaws.com"},
		{"custom endpoint", Settings{STSEndpoint: "http://127.0.0.1:5000"}, nil, "http://127.0.0.1:5000"},
		{"AWS_ENDPOINT_URL_STS", Settings{}, map[string]string{"AWS_ENDPOINT_URL_STS": "https://sts.amazonaws.com"}, "https://sts.amazonaws.com"},
		{"FIPS", Settings{Region: "us-east-2", UseFIPSEndpoint: true}, nil, "https://sts-fips.us-east-2.amazonaws.com"},
	} {
		t.Run(c.name, func(t *testing.T) {
			isolatedEnv(t)
			for k, v := range c.env {
				t.Setenv(k, v)
			}
			c.st.AccessKey, c.st.SecretKey = "AKIASTSENDPOINTTEST1", "secret"
			got, err := New(c.st).STSEndpoint(context.Background())
			require.NoError(t, err)
			assert.Equal(t, c.want, got)
		})
	}
}
