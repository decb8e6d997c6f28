package session

import (
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/credfakes"
)

// onlyContainer leaves the container credentials endpoint at url as the
// only credential source in the environment.
func onlyContainer(t *testing.T, url string) {
	for _, k := range []string{"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE",
		"AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
		"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_STS", "HTTP_PROXY",
		"HTTPS_PROXY", "http_proxy", "https_proxy"} {
		t.Setenv(k, "")
		require.NoError(t, os.Unsetenv(k))
	}
	t.Setenv("AWS_CONFIG_FILE", os.DevNull)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", os.DevNull)
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	t.Setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", url+"/creds")
}

// A container whose credentials, once refreshed, are for another account:
// the guard checks them again, and nothing but sts:GetCallerIdentity is
// done with them.
func TestAccountGuardAfterRefresh(t *testing.T) {
	const allowed, other = "111111111111", "222222222222"
	keyA, keyB := "ASIAGUARDACCOUNTA001", "ASIAGUARDACCOUNTB001"
	stsFake := credfakes.StartAccountSTS(t, func(key string) (string, bool) {
		switch key {
		case keyA:
			return allowed, true
		case keyB:
			return other, true
		}
		return "", false
	})
	var served atomic.Int32
	container := credfakes.Container(t, "", func() aws.Credentials {
		key := keyA
		if served.Add(1) > 1 {
			key = keyB
		}
		return aws.Credentials{AccessKeyID: key, SecretAccessKey: "secret", SessionToken: "token",
			Expires: time.Now().Add(2 * time.Second)}
	})
	onlyContainer(t, container.URL)
	s := New(Settings{STSEndpoint: stsFake.URL, AllowedAccountIDs: []string{allowed},
		ExpiryWindow: 500 * time.Millisecond})
	ctx := testContext(t, 20*time.Second)

	client, err := s.STS(ctx)
	require.NoError(t, err)
	_, err = client.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::111111111111:role/x"),
		RoleSessionName: aws.String("s")})
	require.NoError(t, err, "the allowed account's credentials are used")
	caller, err := s.CallerIdentity(ctx)
	require.NoError(t, err)
	assert.Equal(t, allowed, caller.AccountID)

	time.Sleep(1600 * time.Millisecond) // past the refresh: the container now hands out keyB
	_, err = client.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::222222222222:role/x"),
		RoleSessionName: aws.String("s")})
	require.Error(t, err)
	want := "the provider's credentials (from the container credentials endpoint " + container.URL +
		"/creds (AWS_CONTAINER_CREDENTIALS_FULL_URI)) are for AWS account 222222222222, which is not in " +
		"allowedAccountIds [111111111111]. Nothing was done with them but sts:GetCallerIdentity."
	assert.True(t, strings.Contains(err.Error(), want), "got %v", err)
	_, err = s.Credentials(ctx)
	require.ErrorContains(t, err, want)
	_, err = s.CallerIdentity(ctx)
	require.ErrorContains(t, err, want)

	assert.Equal(t, 1, stsFake.Calls("AssumeRole", keyA))
	assert.Zero(t, stsFake.Calls("AssumeRole", keyB), "nothing is done with the other account's credentials")
	assert.Equal(t, 1, stsFake.Calls("GetCallerIdentity", keyA), "each set of credentials is checked once")
	assert.Equal(t, 1, stsFake.Calls("GetCallerIdentity", keyB))
}
