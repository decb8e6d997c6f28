package credsources

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// call is one AWS request seen by a recorder: its query-protocol form, and
// the access key and region it was signed with (from SigV4's credential
// scope), which tell whose credentials were used and which region the
// caller resolved.
type call struct {
	Action    string
	Form      url.Values
	AccessKey string
	Region    string
}

// recorder is a reverse proxy on 127.0.0.1 in front of moto that keeps
// every request, so a test can prove which endpoint the credential chain's
// own STS calls went to, with which parameters, in which region, and whose
// credentials getCallerIdentity was signed with.
type recorder struct {
	URL string

	mu    sync.Mutex
	calls []call
}

var credentialScope = regexp.MustCompile(`Credential=([A-Z0-9]+)/\d{8}/([a-z0-9-]+)/([a-z0-9-]+)/aws4_request`)

func record(t *testing.T, target string) *recorder {
	t.Helper()
	u, err := url.Parse(target)
	require.NoError(t, err)
	r := &recorder{}
	proxy := httputil.NewSingleHostReverseProxy(u)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		body, err := io.ReadAll(req.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		req.Body = io.NopCloser(bytes.NewReader(body))
		form, _ := url.ParseQuery(string(body))
		c := call{Action: form.Get("Action"), Form: form}
		if m := credentialScope.FindStringSubmatch(req.Header.Get("Authorization")); m != nil {
			c.AccessKey, c.Region = m[1], m[2]
		}
		r.mu.Lock()
		r.calls = append(r.calls, c)
		r.mu.Unlock()
		proxy.ServeHTTP(w, req)
	}))
	t.Cleanup(srv.Close)
	r.URL = srv.URL
	return r
}

// of returns the recorded calls of action, in order.
func (r *recorder) of(action string) []call {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []call
	for _, c := range r.calls {
		if c.Action == action {
			out = append(out, c)
		}
	}
	return out
}

// signedBy says that getCallerIdentity went through the recorder, in
// region, signed with the access key that the credential source handed out.
func (r *recorder) signedBy(t *testing.T, accessKey, region string) {
	t.Helper()
	calls := r.of("GetCallerIdentity")
	require.NotEmpty(t, calls, "no GetCallerIdentity reached %s", r.URL)
	for _, c := range calls {
		assert.Equal(t, accessKey, c.AccessKey, "GetCallerIdentity is signed with the source's access key")
		assert.Equal(t, region, c.Region, "GetCallerIdentity's signing region")
	}
}

// signedWith says that getCallerIdentity was signed with accessKey, the key
// of getCredentials' answer: the two are the same provider's.
func (r *recorder) signedWith(t *testing.T, accessKey string) {
	t.Helper()
	calls := r.of("GetCallerIdentity")
	require.NotEmpty(t, calls, "no GetCallerIdentity reached %s", r.URL)
	for _, c := range calls {
		assert.Equal(t, accessKey, c.AccessKey, "GetCallerIdentity is signed with getCredentials' key")
	}
}

// isolated is the environment of one case: a HOME of its own (the SSO
// token cache and ~/.aws are read from there), empty shared config and
// credentials files the case may write, every AWS variable that chooses a
// credential source or a region emptied, EC2 instance metadata off, and
// every AWS call sent to endpoint through AWS_ENDPOINT_URL only. A case
// appends what it needs; a later KEY=VALUE wins.
type isolated struct {
	Home       string
	ConfigFile string
	CredsFile  string
	Env        []string
	dir        string
}

func isolate(t *testing.T, endpoint string) *isolated {
	t.Helper()
	dir := t.TempDir()
	e := &isolated{
		Home:       filepath.Join(dir, "home"),
		ConfigFile: filepath.Join(dir, "aws-config"),
		CredsFile:  filepath.Join(dir, "aws-credentials"),
		dir:        dir,
	}
	require.NoError(t, os.MkdirAll(e.Home, 0o700))
	require.NoError(t, os.WriteFile(e.ConfigFile, nil, 0o600))
	require.NoError(t, os.WriteFile(e.CredsFile, nil, 0o600))
	e.Env = []string{
		"HOME=" + e.Home,
		"AWS_CONFIG_FILE=" + e.ConfigFile,
		"AWS_SHARED_CREDENTIALS_FILE=" + e.CredsFile,
		"AWS_ENDPOINT_URL=" + endpoint,
		"AWS_EC2_METADATA_DISABLED=true",
	}
	for _, k := range []string{
		"AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_ACCESS_KEY", "AWS_SECRET_KEY",
		"AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_REGION", "AWS_DEFAULT_REGION",
		"AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_IAM", "AWS_ENDPOINT_URL_SSO", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS",
		"AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_SESSION_NAME",
		"AWS_CONTAINER_CREDENTIALS_FULL_URI", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
		"AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
		"AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
		"AWS_STS_REGIONAL_ENDPOINTS", "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT",
		"AWS_CA_BUNDLE", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy",
	} {
		e.Env = append(e.Env, k+"=")
	}
	return e
}

// set adds KEY=VALUE pairs to the environment.
func (e *isolated) set(kv ...string) { e.Env = append(e.Env, kv...) }

// file writes a file, at a path relative to the case's folder (home/ is
// HOME), and returns its path.
func (e *isolated) file(t *testing.T, name, text string, mode os.FileMode) string {
	t.Helper()
	path := filepath.Join(e.dir, name)
	require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o700))
	require.NoError(t, os.WriteFile(path, []byte(text), mode))
	return path
}

func (e *isolated) writeConfig(t *testing.T, text string) {
	t.Helper()
	require.NoError(t, os.WriteFile(e.ConfigFile, []byte(text), 0o600))
}

func (e *isolated) writeCreds(t *testing.T, text string) {
	t.Helper()
	require.NoError(t, os.WriteFile(e.CredsFile, []byte(text), 0o600))
}

// stack is a new stack of the program with the case's environment.
func (e *isolated) stack(t *testing.T) *testenv.Stack {
	t.Helper()
	return testenv.NewStack(t, filepath.Join(testenv.RepoRoot(t), "tests", "credsources", "program"), e.Env...)
}

// callerIs runs `pulumi up` and checks who getCallerIdentity said the caller
// was, that getCredentials' source is source, in its words, and that no
// secret is in the output or, as plain text, in the state. It returns the
// access key of getCredentials' answer: with the caller's ARN (a role made
// for the set-up alone) and the key that signed getCallerIdentity, it shows
// which provider of the chain answered, the one source must name.
func callerIs(t *testing.T, s *testenv.Stack, arn, source string, secrets ...string) (accessKey string) {
	t.Helper()
	up := s.Up()
	// An invoke's result is secret as a whole when any field of it is:
	// getCredentials' source and key are read with --show-secrets.
	outs := s.Outputs(true)
	accessKey, _ = outs["accessKeyId"].(string)
	assert.NotEmpty(t, accessKey, "getCredentials gave no access key: %s", up)
	assert.Equal(t, map[string]any{"arn": arn, "accountId": testenv.MotoAccountID, "source": source,
		"accessKeyId": accessKey}, outs, "%s", up)
	state := s.StateFiles()
	for _, secret := range secrets {
		require.NotEmpty(t, secret)
		assert.NotContains(t, up, secret, "a secret is in the output of pulumi up")
		assert.NotContains(t, state, secret, "a secret is in the state as plain text")
	}
	return accessKey
}

// failsWith runs `pulumi preview`, which must fail, and returns its output
// with runs of white space made one space (the CLI may wrap long lines),
// after checking that no secret is in it.
func failsWith(t *testing.T, s *testenv.Stack, secrets ...string) string {
	t.Helper()
	out, err := s.Try("preview")
	require.Error(t, err, "pulumi preview succeeded:\n%s", out)
	t.Logf("pulumi preview:\n%s", out)
	for _, secret := range secrets {
		require.NotEmpty(t, secret)
		assert.NotContains(t, out, secret, "a secret is in the failure message")
	}
	assert.NotContains(t, out, "panic", "the provider panicked")
	assert.NotContains(t, out, "goroutine ", "a stack trace is in the output")
	return strings.Join(strings.Fields(out), " ")
}

// secretsOf are the parts of credentials that must never be shown.
func secretsOf(c aws.Credentials) []string { return []string{c.SecretAccessKey, c.SessionToken} }

// assumedRole is the ARN getCallerIdentity gives for a session of role.
func assumedRole(role, session string) string {
	return "arn:aws:sts::" + testenv.MotoAccountID + ":assumed-role/" + role + "/" + session
}

// all returns every recorded call.
func (r *recorder) all() []call {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]call(nil), r.calls...)
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}
