package examples

import (
	"encoding/base64"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// The EKS token from YAML: secret in the outputs, encrypted in the state, a
// presigned GetCallerIdentity URL for the STS endpoint the provider uses, made
// without calling it.
func TestYAMLEKSToken(t *testing.T) {
	moto := testenv.StartMoto(t)
	calls := testenv.CountCalls(t, moto.Endpoint)
	env := append(moto.Env(), "AWS_ENDPOINT_URL_STS="+calls.Endpoint)
	s := testenv.NewStack(t, program(t, "yaml/eks-token"), env...)
	s.Config("clusterName", "prod-eu", false)
	up := s.Up()
	assert.Equal(t, 0, calls.Count("GetCallerIdentity"), "the token is presigned, not fetched")

	masked := s.Outputs(false)
	for _, k := range []string{"id", "name", "token", "expiration"} {
		assert.Equal(t, "[secret]", masked[k], "%s: the YAML host makes an invoke's whole result secret", k)
	}
	shown := s.Outputs(true)
	assert.Equal(t, "prod-eu", shown["id"])
	assert.Equal(t, "prod-eu", shown["name"])
	requireExpiresIn(t, shown["expiration"], 14*time.Minute)

	token, _ := shown["token"].(string)
	b64, ok := strings.CutPrefix(token, "k8s-aws-v1.")
	require.True(t, ok, "token %.20q...", token)
	raw, err := base64.RawURLEncoding.DecodeString(b64)
	require.NoError(t, err)
	u, err := url.Parse(string(raw))
	require.NoError(t, err)
	q := u.Query()
	assert.Equal(t, strings.TrimPrefix(calls.Endpoint, "http://"), u.Host)
	assert.Equal(t, "GetCallerIdentity", q.Get("Action"))
	assert.Equal(t, "60", q.Get("X-Amz-Expires"))
	assert.Equal(t, "host;x-k8s-aws-id", q.Get("X-Amz-SignedHeaders"))
	assert.True(t, strings.HasPrefix(q.Get("X-Amz-Credential"), testenv.MotoAccessKey+"/"))

	state := s.StateFiles()
	assert.NotContains(t, state, b64[:40], "the token is in the state file as plain text")
	assert.NotContains(t, up, b64[:40], "the token is in the output of pulumi up")
}

// The ARN helpers from YAML, with no AWS credentials anywhere.
func TestYAMLArnHelpers(t *testing.T) {
	s := testenv.NewStack(t, program(t, "yaml/arn-helpers"),
		"AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY=", "AWS_SESSION_TOKEN=", "AWS_PROFILE=",
		"AWS_CONFIG_FILE="+os.DevNull, "AWS_SHARED_CREDENTIALS_FILE="+os.DevNull,
		"AWS_EC2_METADATA_DISABLED=true", "AWS_ENDPOINT_URL=http://127.0.0.1:9")
	s.Up()
	assert.Equal(t, map[string]any{
		"partition":   "aws",
		"service":     "iam",
		"region":      "",
		"accountId":   "444455556666",
		"resource":    "role/teams/platform/admin",
		"clusterArn":  "arn:aws:eks:eu-west-1:444455556666:cluster/prod",
		"mapRolesArn": "arn:aws:iam::444455556666:role/admin",
	}, s.Outputs(false))
}
