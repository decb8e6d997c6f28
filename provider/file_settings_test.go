//go:build unix

package provider_test

import (
	"crypto/sha1"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// hostileFiles are files that a setting may name and that must never be
// read whole: a named pipe nobody writes (which hangs whoever opens it), an
// endless device, a directory, and a file far larger than any the provider
// needs.
type hostileFiles struct{ fifo, dir, huge string }

func makeHostileFiles(t *testing.T) hostileFiles {
	t.Helper()
	dir := t.TempDir()
	h := hostileFiles{fifo: filepath.Join(dir, "pipe"), dir: filepath.Join(dir, "dir"), huge: filepath.Join(dir, "huge")}
	require.NoError(t, syscall.Mkfifo(h.fifo, 0o600))
	require.NoError(t, os.Mkdir(h.dir, 0o700))
	f, err := os.Create(h.huge)
	require.NoError(t, err)
	require.NoError(t, f.Truncate(1<<30)) // sparse: takes no disk
	require.NoError(t, f.Close())
	return h
}

// callerError calls getCallerIdentity and returns its error, failing the
// test if the call does not end within limit.
func callerError(t *testing.T, cfg property.Map, limit time.Duration, env ...string) error {
	t.Helper()
	s := newServer(t, cfg, env...)
	return within(t, limit, func() error { _, err := invoke(s, callerIdentity, nil); return err })
}

// Every file the provider or the credential chain reads is checked to be a
// regular file of bounded size before it is read: what breaks that is an
// error naming the setting, at once, instead of a hang or an out-of-memory
// crash.
func TestFileSettingsAreBounded(t *testing.T) {
	h := makeHostileFiles(t)
	// Nothing listens there: no case gets as far as a request.
	const nowhere = "http://127.0.0.1:1"
	noCreds := property.NewMap(map[string]property.Value{
		"region":    str("us-east-1"),
		"endpoints": property.New(map[string]property.Value{"sts": str(nowhere)}),
	})
	with := func(k string, v property.Value) property.Map { return noCreds.Set(k, v) }
	files := func(paths ...string) property.Value {
		var vs []property.Value
		for _, p := range paths {
			vs = append(vs, str(p))
		}
		return property.New(vs)
	}
	webIdentity := func(file string) property.Value {
		return property.New(map[string]property.Value{"roleArn": str("arn:aws:iam::123456789012:role/ci"),
			"webIdentityTokenFile": str(file)})
	}
	profileWithTokenFile := filepath.Join(t.TempDir(), "config")
	require.NoError(t, os.WriteFile(profileWithTokenFile, []byte("[profile ci]\nrole_arn = "+
		"arn:aws:iam::123456789012:role/ci\nweb_identity_token_file = "+h.fifo+"\n"), 0o600))

	// An SSO profile whose token cache file is a named pipe.
	ssoHome := t.TempDir()
	ssoCache := filepath.Join(ssoHome, ".aws", "sso", "cache",
		fmt.Sprintf("%x.json", sha1.Sum([]byte("corp")))) // the AWS CLI's name for it
	require.NoError(t, os.MkdirAll(filepath.Dir(ssoCache), 0o700))
	require.NoError(t, syscall.Mkfifo(ssoCache, 0o600))
	ssoConfig := filepath.Join(t.TempDir(), "config")
	require.NoError(t, os.WriteFile(ssoConfig, []byte("[profile sso]\nsso_session = corp\nsso_account_id = "+
		"123456789012\nsso_role_name = Admin\n[sso-session corp]\nsso_start_url = https://corp.example/start\n"+
		"sso_region = us-east-1\n"), 0o600))

	for _, tc := range []struct {
		name string
		cfg  property.Map
		env  []string
		want string
	}{
		{name: "sharedConfigFiles names a named pipe", cfg: with("sharedConfigFiles", files(h.fifo)),
			want: `sharedConfigFiles: the file "` + h.fifo + `" is a named pipe (FIFO), not a regular file`},
		{name: "second of sharedConfigFiles is /dev/zero", cfg: with("sharedConfigFiles",
			files(profileWithTokenFile, "/dev/zero")),
			want: `sharedConfigFiles[1]: the file "/dev/zero" is a device, not a regular file`},
		{name: "sharedCredentialsFiles names a directory", cfg: with("sharedCredentialsFiles", files(h.dir)),
			want: `sharedCredentialsFiles: the file "` + h.dir + `" is a directory, not a regular file`},
		{name: "AWS_CONFIG_FILE is a named pipe", cfg: noCreds, env: []string{"AWS_CONFIG_FILE=" + h.fifo},
			want: `AWS_CONFIG_FILE: the file "` + h.fifo + `" is a named pipe (FIFO), not a regular file`},
		{name: "AWS_SHARED_CREDENTIALS_FILE is huge", cfg: noCreds,
			env:  []string{"AWS_SHARED_CREDENTIALS_FILE=" + h.huge},
			want: `AWS_SHARED_CREDENTIALS_FILE: the file "` + h.huge + `" is larger than 16 MiB`},
		{name: "default shared config is a named pipe", cfg: noCreds,
			env:  []string{"AWS_CONFIG_FILE=", "HOME=" + filepath.Dir(filepath.Dir(linkAs(t, h.fifo, ".aws/config")))},
			want: `the default shared config file: the file "`},
		{name: "webIdentityTokenFile is /dev/zero", cfg: with("assumeRoleWithWebIdentity", webIdentity("/dev/zero")),
			want: `assumeRoleWithWebIdentity.webIdentityTokenFile: the file "/dev/zero" is a device, not a regular file`},
		{name: "webIdentityTokenFile is a named pipe", cfg: with("assumeRoleWithWebIdentity", webIdentity(h.fifo)),
			want: `assumeRoleWithWebIdentity.webIdentityTokenFile: the file "` + h.fifo +
				`" is a named pipe (FIFO), not a regular file`},
		{name: "webIdentityTokenFile is huge", cfg: with("assumeRoleWithWebIdentity", webIdentity(h.huge)),
			want: `assumeRoleWithWebIdentity.webIdentityTokenFile: the file "` + h.huge + `" is larger than 1 MiB`},
		{name: "webIdentityTokenFile is empty", cfg: with("assumeRoleWithWebIdentity", webIdentity(os.DevNull)),
			want: `assumeRoleWithWebIdentity.webIdentityTokenFile: the file "/dev/null" is empty: it must hold the OIDC token`},
		{name: "AWS_WEB_IDENTITY_TOKEN_FILE is a named pipe", cfg: noCreds,
			env:  []string{"AWS_WEB_IDENTITY_TOKEN_FILE=" + h.fifo, "AWS_ROLE_ARN=arn:aws:iam::123456789012:role/ci"},
			want: `AWS_WEB_IDENTITY_TOKEN_FILE: the file "` + h.fifo + `" is a named pipe (FIFO), not a regular file`},
		{name: "a profile's web_identity_token_file is a named pipe", cfg: with("profile", str("ci")),
			env: []string{"AWS_CONFIG_FILE=" + profileWithTokenFile},
			want: `the web_identity_token_file of the AWS profile: the file "` + h.fifo +
				`" is a named pipe (FIFO), not a regular file`},
		{name: "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE is /dev/zero", cfg: noCreds,
			env: []string{"AWS_CONTAINER_CREDENTIALS_FULL_URI=" + nowhere + "/creds",
				"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=/dev/zero"},
			want: `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: the file "/dev/zero" is a device, not a regular file`},
		{name: "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE is a named pipe", cfg: noCreds,
			env: []string{"AWS_CONTAINER_CREDENTIALS_FULL_URI=" + nowhere + "/creds",
				"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=" + h.fifo},
			want: `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: the file "` + h.fifo +
				`" is a named pipe (FIFO), not a regular file`},
		{name: "the SSO token cache file is a named pipe", cfg: with("profile", str("sso")).
			Set("sharedConfigFiles", files(ssoConfig)), env: []string{"HOME=" + ssoHome},
			want: `the SSO token cache file: the file "` + ssoCache + `" is a named pipe (FIFO), not a regular file`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			start := time.Now()
			err := callerError(t, tc.cfg, 20*time.Second, tc.env...)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Less(t, time.Since(start), 10*time.Second)
			t.Log(err)
		})
	}
}

// linkAs makes a fresh home directory whose rel (".aws/config") is a
// symbolic link to target, and returns the link's path.
func linkAs(t *testing.T, target, rel string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), rel)
	require.NoError(t, os.MkdirAll(filepath.Dir(p), 0o700))
	require.NoError(t, os.Symlink(target, p))
	return p
}
