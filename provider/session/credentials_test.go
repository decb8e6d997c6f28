package session

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSourceInWords(t *testing.T) {
	for source, want := range map[string]string{
		"EnvConfigCredentials":                         "the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
		"StaticCredentials":                            "the provider's accessKey and secretKey",
		"SharedConfigCredentials: /home/me/.aws/creds": "the shared credentials file /home/me/.aws/creds",
		"SharedConfigCredentials":                      "the shared credentials file",
		"AssumeRoleProvider":                           "the role_arn of the AWS profile, assumed by the AWS SDK",
		"WebIdentityCredentials":                       "a web identity token file (AWS_WEB_IDENTITY_TOKEN_FILE or the profile's web_identity_token_file)",
		"SSOProvider":                                  "AWS IAM Identity Center (SSO), through the profile's sso settings",
		"ProcessProvider":                              "the profile's credential_process",
		"CredentialsEndpointProvider":                  "the container credentials endpoint (ECS task role or EKS Pod Identity)",
		"EC2RoleProvider":                              "the EC2 instance's role, from the instance metadata service",
		"":                                             "a credential source that gave no name",
		// The provider's own sources say it in words already.
		"assumeRole arn:aws:iam::123456789012:role/Deployer":   "assumeRole arn:aws:iam::123456789012:role/Deployer",
		`profile "deployer" (role_arn x, source_profile base)`: `profile "deployer" (role_arn x, source_profile base)`,
	} {
		assert.Equal(t, want, SourceInWords(source), source)
	}
}
