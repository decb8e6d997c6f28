package session

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The description of where the credentials come from is read off the
// decision the SDK's own chain made. For each set-up, the SDK must have
// recorded the source (ProviderSources) and the session's description,
// read off that decision, must name it.
func TestSourceAgreesWithTheSDK(t *testing.T) {
	keys := "aws_access_key_id = AKIASOURCECHECK00001\naws_secret_access_key = sourceCheckSecret000000000000000000000000\n"
	for _, c := range []struct {
		name    string
		env     []string
		config  string // profile "p" is asked for when it is here
		st      Settings
		sdk     aws.CredentialSource // a source the SDK records
		wantsIn string               // what the description must say
	}{
		{name: "the provider's keys", st: Settings{AccessKey: "AKIASOURCECHECK00001", SecretKey: "x"},
			sdk: aws.CredentialSourceCode, wantsIn: "the provider's accessKey and secretKey"},
		{name: "environment keys", env: []string{"AWS_ACCESS_KEY_ID=AKIASOURCECHECK00001", "AWS_SECRET_ACCESS_KEY=x"},
			sdk: aws.CredentialSourceEnvVars, wantsIn: "the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"},
		{name: "environment keys beside AWS_PROFILE", env: []string{"AWS_ACCESS_KEY_ID=AKIASOURCECHECK00001",
			"AWS_SECRET_ACCESS_KEY=x", "AWS_PROFILE=p"}, config: "[profile p]\n" + keys,
			sdk: aws.CredentialSourceEnvVars, wantsIn: "the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"},
		{name: "web identity from the environment", env: []string{"AWS_WEB_IDENTITY_TOKEN_FILE=/dev/null",
			"AWS_ROLE_ARN=arn:aws:iam::123456789012:role/ci"},
			sdk: aws.CredentialSourceEnvVarsSTSWebIDToken, wantsIn: "AWS_WEB_IDENTITY_TOKEN_FILE"},
		{name: "profile keys", config: "[profile p]\n" + keys,
			sdk: aws.CredentialSourceProfile, wantsIn: `the shared credentials of profile "p"`},
		{name: "role_arn with source_profile", config: "[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\n" +
			"source_profile = base\n[profile base]\n" + keys,
			sdk: aws.CredentialSourceSTSAssumeRole, wantsIn: "role_arn arn:aws:iam::123456789012:role/r, source_profile base"},
		{name: "role_arn with mfa_serial", config: "[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\n" +
			"mfa_serial = arn:aws:iam::123456789012:mfa/a\nsource_profile = base\n[profile base]\n" + keys,
			sdk: aws.CredentialSourceSTSAssumeRole, wantsIn: "role_arn arn:aws:iam::123456789012:role/r, source_profile base"},
		{name: "role_arn with credential_source", config: "[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\n" +
			"credential_source = Environment\n", env: []string{"AWS_ACCESS_KEY_ID=", "AWS_SECRET_ACCESS_KEY="},
			sdk: aws.CredentialSourceSTSAssumeRole, wantsIn: "credential_source Environment"},
		{name: "profile web identity", config: "[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\n" +
			"web_identity_token_file = /dev/null\n",
			sdk: aws.CredentialSourceProfileSTSWebIDToken, wantsIn: "web_identity_token_file /dev/null"},
		{name: "SSO", config: "[profile p]\nsso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n" +
			"[sso-session corp]\nsso_start_url = https://d-0123456789.awsapps.com/start\nsso_region = us-east-1\n",
			sdk: aws.CredentialSourceProfileSSO, wantsIn: `SSO profile "p" (sso_session corp, account 123456789012, role Dev)`},
		{name: "aws login", config: "[profile p]\nlogin_session = arn:aws:iam::123456789012:user/alice\n",
			sdk: aws.CredentialSourceLogin, wantsIn: "the `aws login` session of profile \"p\""},
		{name: "credential_process", config: "[profile p]\ncredential_process = /bin/helper --x\n",
			sdk: aws.CredentialSourceProcess, wantsIn: `the credential_process /bin/helper of profile "p"`},
		{name: "SSO beside credential_process", config: "[profile p]\ncredential_process = /bin/helper\n" +
			"sso_session = corp\nsso_account_id = 123456789012\nsso_role_name = Dev\n" +
			"[sso-session corp]\nsso_start_url = https://d-0123456789.awsapps.com/start\nsso_region = us-east-1\n",
			sdk: aws.CredentialSourceProfileSSO, wantsIn: `SSO profile "p" (sso_session corp, account 123456789012, role Dev)`},
		{name: "login beside credential_process", config: "[profile p]\ncredential_process = /bin/helper\n" +
			"login_session = arn:aws:iam::123456789012:user/alice\n",
			sdk: aws.CredentialSourceLogin, wantsIn: "the `aws login` session of profile \"p\""},
		{name: "environment keys without a secret key", env: []string{"AWS_ACCESS_KEY_ID=AKIASOURCECHECK00001",
			"AWS_PROFILE=p"}, config: "[profile p]\n" + keys,
			sdk: aws.CredentialSourceProfile, wantsIn: `the shared credentials of profile "p"`},
		{name: "AWS_ACCESS_KEY and AWS_SECRET_KEY", env: []string{"AWS_ACCESS_KEY=AKIASOURCECHECK00001",
			"AWS_SECRET_KEY=x"},
			sdk: aws.CredentialSourceEnvVars, wantsIn: "the environment variables AWS_ACCESS_KEY and AWS_SECRET_KEY"},
		{name: "AWS_DEFAULT_PROFILE", env: []string{"AWS_DEFAULT_PROFILE=q"}, config: "[profile q]\n" + keys,
			sdk: aws.CredentialSourceProfile, wantsIn: `the shared credentials of profile "q"`},
		{name: "profile keys and role_arn", config: "[profile p]\nrole_arn = arn:aws:iam::123456789012:role/r\n" + keys,
			sdk:     aws.CredentialSourceSTSAssumeRole,
			wantsIn: `the shared credentials of profile "p", then its role_arn arn:aws:iam::123456789012:role/r`},
		{name: "SSO and role_arn", config: "[profile p]\nsso_session = corp\nsso_account_id = 123456789012\n" +
			"sso_role_name = Dev\nrole_arn = arn:aws:iam::123456789012:role/r\n" +
			"[sso-session corp]\nsso_start_url = https://d-0123456789.awsapps.com/start\nsso_region = us-east-1\n",
			sdk: aws.CredentialSourceSTSAssumeRole, wantsIn: `SSO profile "p" (sso_session corp, account 123456789012, role Dev), then its role_arn ` +
				`arn:aws:iam::123456789012:role/r`},
		{name: "legacy SSO", config: "[profile p]\nsso_start_url = https://d-0123456789.awsapps.com/start\n" +
			"sso_region = us-east-1\nsso_account_id = 123456789012\nsso_role_name = Dev\n",
			sdk: aws.CredentialSourceSSOLegacy, wantsIn: `SSO profile "p" (sso_start_url https://d-0123456789.awsapps.com`},
		{name: "a profile with nothing, then the container", config: "[profile p]\nregion = eu-west-1\n",
			env: []string{"AWS_CONTAINER_CREDENTIALS_FULL_URI=http://127.0.0.1:9/creds"}, sdk: aws.CredentialSourceHTTP,
			wantsIn: `profile "p" (no credentials in it), then the container credentials endpoint http://127.0.0.1:9`},
		{name: "nowhere", env: []string{"AWS_EC2_METADATA_DISABLED=true"}, sdk: aws.CredentialSourceIMDS,
			wantsIn: "nowhere: no keys, profile"},
		{name: "container", env: []string{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI=/v2/credentials/x"},
			sdk: aws.CredentialSourceHTTP, wantsIn: "the ECS container credentials endpoint"},
		{name: "instance metadata", env: []string{"AWS_EC2_METADATA_DISABLED=false"},
			sdk: aws.CredentialSourceIMDS, wantsIn: "the EC2 instance metadata service"},
	} {
		t.Run(c.name, func(t *testing.T) {
			isolatedEnv(t)
			t.Setenv("HOME", t.TempDir())
			st := c.st
			if c.config != "" {
				path := filepath.Join(t.TempDir(), "config")
				require.NoError(t, os.WriteFile(path, []byte(c.config), 0o600))
				st.SharedConfigFiles = []string{path}
				st.Profile = "p"
			}
			for _, kv := range c.env {
				k, v, _ := strings.Cut(kv, "=")
				t.Setenv(k, v)
				if k == "AWS_PROFILE" || k == "AWS_DEFAULT_PROFILE" {
					st.Profile = ""
				}
			}
			s := New(st)
			opts, err := s.loadOptions()
			require.NoError(t, err)
			cfg, err := awsconfig.LoadDefaultConfig(context.Background(), opts...)
			require.NoError(t, err)
			sources := cfg.Credentials.(interface{ ProviderSources() []aws.CredentialSource }).ProviderSources()
			require.NotEmpty(t, sources)
			assert.Contains(t, sources, c.sdk, "the SDK's sources")
			got := decide(cfg, st).describe()
			assert.Contains(t, got, c.wantsIn)
			require.NoError(t, s.init(context.Background()))
			assert.Equal(t, got, s.sourceName(), "the session's own description")
		})
	}
}
