package session

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/credfakes"
)

// A run several times longer than the credentials live signs every call
// with valid credentials, refreshing each a little before it expires, and
// not on every call. The fake STS refuses expired credentials as AWS does.
func TestCredentialsAreRefreshedBeforeTheyExpire(t *testing.T) {
	const lifetime, window, run = 2 * time.Second, 500 * time.Millisecond, 7 * time.Second
	for name, settings := range map[string]func(f *credfakes.ShortSTS) Settings{
		"assumeRoles": func(f *credfakes.ShortSTS) Settings {
			return Settings{AccessKey: f.BaseKey, SecretKey: "base", STSEndpoint: f.URL,
				Roles: []Role{{"assumeRoles[0]", &sts.AssumeRoleInput{
					RoleArn: aws.String("arn:aws:iam::123456789012:role/short"), RoleSessionName: aws.String("s")}}}}
		},
		"a profile's role_arn": func(f *credfakes.ShortSTS) Settings {
			dir := t.TempDir()
			config, creds := filepath.Join(dir, "config"), filepath.Join(dir, "credentials")
			require.NoError(t, os.WriteFile(config, []byte("[profile short]\nrole_arn = "+
				"arn:aws:iam::123456789012:role/short\nsource_profile = base\n"), 0o600))
			require.NoError(t, os.WriteFile(creds, []byte("[base]\naws_access_key_id = "+f.BaseKey+
				"\naws_secret_access_key = base\n"), 0o600))
			return Settings{Profile: "short", SharedConfigFiles: []string{config},
				SharedCredentialsFiles: []string{creds}, STSEndpoint: f.URL}
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Setenv("AWS_ACCESS_KEY_ID", "")
			f := credfakes.StartShortSTS(t, lifetime)
			st := settings(f)
			st.ExpiryWindow = window
			s := New(st)
			ctx := context.Background()
			client, err := s.STS(ctx)
			require.NoError(t, err)
			calls := 0
			for end := time.Now().Add(run); time.Now().Before(end); calls++ {
				_, err := client.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
				require.NoError(t, err, "call %d", calls)
				time.Sleep(100 * time.Millisecond)
			}
			ok, expired := f.Calls()
			assert.Zero(t, expired, "a call was signed with expired credentials")
			assert.Equal(t, calls+f.Issued(), ok)
			// 7 s of 2 s credentials refreshed 0.5 s early: about 5 sets.
			assert.GreaterOrEqual(t, f.Issued(), int(run/lifetime)+1, "credentials were not refreshed")
			assert.Less(t, f.Issued(), calls/3, "credentials were fetched again for nearly every call")
		})
	}
}

// The window the README states: credentials are refreshed 5 minutes before
// they expire, unless a test shortens it.
func TestDefaultExpiryWindow(t *testing.T) {
	var o aws.CredentialsCacheOptions
	New(Settings{}).cacheOptions(&o)
	assert.Equal(t, 5*time.Minute, o.ExpiryWindow)
}
