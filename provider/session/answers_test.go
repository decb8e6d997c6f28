package session

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	ssotypes "github.com/aws/aws-sdk-go-v2/service/sso/types"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/credfakes"
)

const testRole = "arn:aws:iam::123456789012:role/Deployer"

// Answers of STS that AWS does not send and a proxy or an emulator might:
// no credentials, or credentials without a part. The AWS SDK's own providers
// read them without a check (AssumeRole's panicked), so each step of the
// chain checks them first; a second call in the same process answers.
func TestChainChecksSTSAnswers(t *testing.T) {
	exp := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
	answers := map[string]awsfault.Reply{
		"no credentials": awsfault.Empty(),
		"no expiration": awsfault.Body("<Credentials><AccessKeyId>ASIAPARTIAL000000001</AccessKeyId>" +
			"<SecretAccessKey>c4nArYpartialSecret00000000000000000000000</SecretAccessKey>" +
			"<SessionToken>c4nArYpartialToken</SessionToken></Credentials>"),
		"no session token": awsfault.Body("<Credentials><AccessKeyId>ASIAPARTIAL000000001</AccessKeyId>" +
			"<SecretAccessKey>c4nArYpartialSecret00000000000000000000000</SecretAccessKey>" +
			"<Expiration>" + exp + "</Expiration></Credentials>"),
	}
	sources := []struct {
		name, action string
		settings     func(t *testing.T, fake *awsfault.Server) Settings
		want         string
	}{
		{"a profile's role_arn", "AssumeRole", func(t *testing.T, fake *awsfault.Server) Settings {
			dir := t.TempDir()
			config, creds := filepath.Join(dir, "config"), filepath.Join(dir, "credentials")
			require.NoError(t, os.WriteFile(config, []byte("[profile corp]\nrole_arn = "+testRole+"\nsource_profile = base\n"), 0o600))
			require.NoError(t, os.WriteFile(creds, []byte("[base]\naws_access_key_id = AKIABASE000000000001\n"+
				"aws_secret_access_key = c4nArYbaseSecret\n"), 0o600))
			return Settings{Profile: "corp", SharedConfigFiles: []string{config}, SharedCredentialsFiles: []string{creds},
				STSEndpoint: fake.URL}
		}, `getting credentials from profile "corp" (role_arn ` + testRole + `, source_profile base): assuming role_arn ` + testRole +
			": sts:AssumeRole answered without complete credentials (an access key ID, a secret access key, a session " +
			"token and an expiration); check that the STS endpoint is AWS's or a faithful emulator"},
		{"AWS_WEB_IDENTITY_TOKEN_FILE", "AssumeRoleWithWebIdentity", func(t *testing.T, fake *awsfault.Server) Settings {
			token := filepath.Join(t.TempDir(), "token")
			require.NoError(t, os.WriteFile(token, []byte("c4nArYwebIdentityToken"), 0o600))
			t.Setenv("AWS_WEB_IDENTITY_TOKEN_FILE", token)
			t.Setenv("AWS_ROLE_ARN", testRole)
			return Settings{STSEndpoint: fake.URL}
		}, "exchanging the web identity token file"},
		{"the assumeRoleWithWebIdentity block", "AssumeRoleWithWebIdentity", func(t *testing.T, fake *awsfault.Server) Settings {
			return Settings{STSEndpoint: fake.URL, WebIdentity: &WebIdentity{RoleArn: testRole, Token: "c4nArYwebIdentityToken"}}
		}, "getting credentials from web identity role " + testRole + ": assumeRoleWithWebIdentity: exchanging webIdentityToken " +
			"for role " + testRole + ": sts:AssumeRoleWithWebIdentity answered without complete credentials (an access key ID, " +
			"a secret access key, a session token and an expiration); check that the STS endpoint is AWS's or a faithful emulator"},
		{"the assumeRoles chain", "AssumeRole", func(t *testing.T, fake *awsfault.Server) Settings {
			return Settings{STSEndpoint: fake.URL, AccessKey: "AKIABASE000000000001", SecretKey: "c4nArYbaseSecret",
				Roles: []Role{{"assumeRoles[0]", &sts.AssumeRoleInput{RoleArn: aws.String(testRole), RoleSessionName: aws.String("s")}}}}
		}, "assumeRoles[0]: sts:AssumeRole answered without complete credentials (an access key ID, a secret access " +
			"key, a session token and an expiration); check that the STS endpoint is AWS's or a faithful emulator"},
	}
	for _, src := range sources {
		for answer, reply := range answers {
			t.Run(src.name+", "+answer, func(t *testing.T) {
				isolatedEnv(t)
				fake := awsfault.Start(t)
				fake.On(src.action, reply)
				s := New(src.settings(t, fake))
				for call := 1; call <= 2; call++ {
					_, err := s.Credentials(context.Background())
					require.Error(t, err, "call %d", call)
					assert.Contains(t, err.Error(), src.want)
					assert.Contains(t, err.Error(), "answered without complete credentials")
					assert.NotContains(t, err.Error(), "c4nArY")
				}
			})
		}
	}
}

// The SSO portal's answer is checked before the SDK's SSO provider reads it
// (a nil RoleCredentials panicked there). The SDK's provider runs for real,
// with a cached token, over the chain's client.
func TestChainChecksSSOAnswers(t *testing.T) {
	tokenFile := filepath.Join(t.TempDir(), "token.json")
	doc, err := json.Marshal(map[string]string{"accessToken": "c4nArYssoAccessToken",
		"expiresAt": time.Now().Add(time.Hour).UTC().Format(time.RFC3339)})
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(tokenFile, doc, 0o600))
	for name, c := range map[string]struct {
		out  *sso.GetRoleCredentialsOutput
		want string
	}{
		"no credentials": {&sso.GetRoleCredentialsOutput{}, "getting role PowerUser in account 123456789012 from the SSO " +
			"portal: sso:GetRoleCredentials answered without credentials (an access key ID and a secret access key); " +
			"check that the SSO endpoint is AWS's or a faithful emulator"},
		"no answer": {nil, "sso:GetRoleCredentials answered without credentials"},
		"no secret key": {&sso.GetRoleCredentialsOutput{RoleCredentials: &ssotypes.RoleCredentials{
			AccessKeyId: aws.String("ASIASSO0000000000001"), SessionToken: aws.String("c4nArYssoSessionToken")}},
			"sso:GetRoleCredentials answered without credentials"},
		"no expiration": {&sso.GetRoleCredentialsOutput{RoleCredentials: &ssotypes.RoleCredentials{
			AccessKeyId: aws.String("ASIASSO0000000000001"), SecretAccessKey: aws.String("c4nArYssoSecret0000"),
			SessionToken: aws.String("c4nArYssoSessionToken")}},
			"getting role PowerUser in account 123456789012 from the SSO portal: sso:GetRoleCredentials answered " +
				"credentials without an expiration; check that the SSO endpoint is AWS's or a faithful emulator"},
	} {
		t.Run(name, func(t *testing.T) {
			s := New(Settings{})
			client := chainSSO{s: s, inner: fixedSSO{c.out}}
			p := ssocreds.New(client, "123456789012", "PowerUser", "https://d-0123456789.awsapps.com/start",
				func(o *ssocreds.Options) { o.CachedTokenFilepath = tokenFile })
			_, err := p.Retrieve(context.Background())
			require.Error(t, err)
			assert.Contains(t, err.Error(), c.want)
			assert.NotContains(t, err.Error(), "c4nArY")
		})
	}
}

// fixedSSO answers GetRoleCredentials with out, as a broken portal might.
type fixedSSO struct{ out *sso.GetRoleCredentialsOutput }

func (f fixedSSO) GetRoleCredentials(context.Context, *sso.GetRoleCredentialsInput, ...func(*sso.Options)) (*sso.GetRoleCredentialsOutput, error) {
	return f.out, nil
}

// A container endpoint that answers without a secret key, or with nothing,
// is a clear error, not credentials that fail later.
func TestContainerAnswersAreChecked(t *testing.T) {
	for name, c := range map[string]aws.Credentials{
		"empty":         {},
		"no secret key": {AccessKeyID: "ASIACONTAINER0000001", SessionToken: "c4nArYcontainerToken"},
	} {
		t.Run(name, func(t *testing.T) {
			isolatedEnv(t)
			fake := credfakes.Container(t, "", func() aws.Credentials { return c })
			t.Setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", fake.URL+"/creds?token=c4nArYquery")
			sts := awsfault.Start(t)
			s := New(Settings{STSEndpoint: sts.URL})
			_, err := s.Credentials(context.Background())
			require.Error(t, err)
			want := "the provider's credential source (the container credentials endpoint " + fake.URL +
				"/creds (AWS_CONTAINER_CREDENTIALS_FULL_URI)) gave no access key: check that source, or set accessKey " +
				"and secretKey"
			assert.Equal(t, want, err.Error())
			// Every other call too, rather than a call signed with nothing.
			_, err = s.CallerIdentity(context.Background())
			require.Error(t, err)
			assert.Contains(t, err.Error(), want)
			assert.Zero(t, sts.Total(), "no call was sent")
		})
	}
}

// A refreshed SSO token answered without an access token is a clear error.
func TestChainChecksSSOTokenAnswers(t *testing.T) {
	for name, out := range map[string]*ssooidc.CreateTokenOutput{"nothing": nil, "no access token": {RefreshToken: aws.String("c4nArYrefresh")}} {
		t.Run(name, func(t *testing.T) {
			_, err := chainSSOOIDC{s: New(Settings{}), inner: fixedOIDC{out}}.CreateToken(context.Background(),
				&ssooidc.CreateTokenInput{ClientSecret: aws.String("c4nArYclientSecret")})
			require.Error(t, err)
			assert.Equal(t, "refreshing the SSO token: sso-oauth:CreateToken answered without an access token; run "+
				"`aws sso login` with the same profile, and check that the SSO OIDC endpoint is AWS's", err.Error())
		})
	}
}

type fixedOIDC struct{ out *ssooidc.CreateTokenOutput }

func (f fixedOIDC) CreateToken(context.Context, *ssooidc.CreateTokenInput, ...func(*ssooidc.Options)) (*ssooidc.CreateTokenOutput, error) {
	return f.out, nil
}
