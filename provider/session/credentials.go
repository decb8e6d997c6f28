package session

import (
	"context"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Credentials returns the credentials the session signs its calls with, as
// its configuration and the credential chain resolve them: loaded on first
// use, then served from the SDK's cache and refreshed before they expire.
// Their Source says where they came from, in words.
func (s *Session) Credentials(ctx context.Context) (aws.Credentials, error) {
	if err := s.init(ctx); err != nil {
		return aws.Credentials{}, err
	}
	if s.cfg.Credentials == nil {
		return aws.Credentials{}, &Error{msg: "the provider has no AWS credentials: set accessKey and secretKey, " +
			"a profile, or the standard AWS environment variables (AWS_ACCESS_KEY_ID, AWS_PROFILE, ...)"}
	}
	c, err := s.cfg.Credentials.Retrieve(ctx)
	if err != nil {
		return aws.Credentials{}, Explain(err, "getting the provider's AWS credentials", "")
	}
	if !c.HasKeys() {
		return aws.Credentials{}, &Error{msg: "the provider's credential source (" + SourceInWords(c.Source) +
			") gave no access key: check that source, or set accessKey and secretKey"}
	}
	c.Source = SourceInWords(c.Source)
	return c, nil
}

// sdkSources are the aws-sdk-go-v2 credential providers' names for
// themselves, in words a user recognizes.
var sdkSources = map[string]string{
	"EnvConfigCredentials":        "the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY",
	"StaticCredentials":           "the provider's accessKey and secretKey",
	"AssumeRoleProvider":          "the role_arn of the AWS profile, assumed by the AWS SDK",
	"WebIdentityCredentials":      "a web identity token file (AWS_WEB_IDENTITY_TOKEN_FILE or the profile's web_identity_token_file)",
	"SSOProvider":                 "AWS IAM Identity Center (SSO), through the profile's sso settings",
	"ProcessProvider":             "the profile's credential_process",
	"CredentialsEndpointProvider": "the container credentials endpoint (ECS task role or EKS Pod Identity)",
	"EC2RoleProvider":             "the EC2 instance's role, from the instance metadata service",
	"LoginProvider":               "an `aws login` session",
	"AnonymousCredentials":        "no credentials (anonymous requests)",
}

// SourceInWords says where credentials came from, given the Source the
// AWS SDK set on them. The provider's own sources already say it in words;
// those, and any name this list does not know, pass through unchanged. It
// never sees a secret: a Source holds none.
func SourceInWords(source string) string {
	if w, ok := sdkSources[source]; ok {
		return w
	}
	// The SDK names the file the shared credentials were read from.
	if file, ok := strings.CutPrefix(source, "SharedConfigCredentials: "); ok {
		return "the shared credentials file " + file
	}
	if source == "SharedConfigCredentials" {
		return "the shared credentials file"
	}
	if source == "" {
		return "a credential source that gave no name"
	}
	return source
}
