package session

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
)

// namedSource puts the credential source's name, in words, on every
// failure to get credentials: "getting credentials from profile "deployer"
// (role_arn ..., source_profile base): ...".
type namedSource struct {
	inner aws.CredentialsProvider
	name  func() string
}

func (n *namedSource) Retrieve(ctx context.Context) (aws.Credentials, error) {
	if n.inner == nil {
		return aws.Credentials{}, &Error{msg: "no AWS credentials were found: " + noCredentialsHint}
	}
	c, err := n.inner.Retrieve(ctx)
	if err != nil {
		return aws.Credentials{}, sourceError(err, n.name())
	}
	return c, nil
}

const noCredentialsHint = "set accessKey and secretKey, a profile, or the standard AWS environment variables " +
	"(AWS_ACCESS_KEY_ID, AWS_PROFILE, AWS_WEB_IDENTITY_TOKEN_FILE, ...)"

func sourceError(err error, source string) error {
	var step *Error
	if errors.As(err, &step) {
		return &Error{msg: "getting credentials from " + source + ": " + step.msg, cause: err}
	}
	if rest, ok := strings.CutPrefix(source, "nowhere: "); ok {
		return &Error{msg: "no AWS credentials were found: " + rest + ". To give the provider credentials, " +
			noCredentialsHint, cause: err}
	}
	if errors.Is(err, context.Canceled) {
		return &Error{msg: "getting credentials from " + source + " was cancelled", cause: err}
	}
	// The SDK's own words, less its cache's: they say what failed
	// ("no EC2 IMDS role found", "error in credential_process").
	msg := strings.TrimPrefix(err.Error(), "failed to refresh cached credentials, ")
	if strings.Contains(msg, "no EC2 IMDS role found") {
		msg += ". The instance has no IAM role (instance profile): attach one, or give the provider other credentials"
	}
	return &Error{msg: fmt.Sprintf("getting credentials from %s failed: %s", source, msg), cause: err}
}

// loadError explains what the AWS SDK refuses while it reads the shared
// files: a profile that is not there, or a role's source_profile.
func loadError(err error, st Settings) error {
	var notExist awsconfig.SharedConfigProfileNotExistError
	var role awsconfig.SharedConfigAssumeRoleError
	config, credentials := sharedFiles(st)
	files := strings.Join(append(append([]string{}, config...), credentials...), ", ")
	if files == "" {
		files = "~/.aws/config, ~/.aws/credentials"
	}
	switch {
	case errors.As(err, &role) && errors.As(role.Err, &notExist):
		// The SDK names only the missing profile, not the one whose role it is.
		return &Error{msg: fmt.Sprintf("the source_profile %q of the AWS profile with role_arn %s is not in %s: add "+
			"that profile, or correct source_profile", notExist.Profile, role.RoleARN, files), cause: err}
	case errors.As(err, &notExist):
		from := "AWS_PROFILE"
		if st.Profile != "" {
			from = "the provider's profile setting"
		}
		return &Error{msg: fmt.Sprintf("the AWS profile %q (from %s) is not in %s: correct the name, or the files "+
			"(sharedConfigFiles, AWS_CONFIG_FILE, ...)", notExist.Profile, from, files), cause: err}
	}
	return fmt.Errorf("loading the AWS configuration: %w", err)
}

// describeSource says which source the AWS SDK's credential chain takes its
// credentials from, in the SDK's own order of precedence, for messages and
// for getCredentials. It never includes a secret.
func describeSource(ctx context.Context, st Settings) string {
	switch {
	case st.AccessKey != "":
		return "the provider's accessKey and secretKey"
	case st.Profile != "":
		return describeProfile(ctx, st, st.Profile, true)
	case os.Getenv("AWS_ACCESS_KEY_ID") != "":
		return "the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"
	case os.Getenv("AWS_WEB_IDENTITY_TOKEN_FILE") != "":
		return fmt.Sprintf("the web identity token file %s (AWS_WEB_IDENTITY_TOKEN_FILE, role %s)",
			os.Getenv("AWS_WEB_IDENTITY_TOKEN_FILE"), os.Getenv("AWS_ROLE_ARN"))
	}
	if p := os.Getenv("AWS_PROFILE"); p != "" {
		return describeProfile(ctx, st, p, true)
	}
	return describeProfile(ctx, st, "default", false)
}

func describeProfile(ctx context.Context, st Settings, name string, named bool) string {
	sc, err := awsconfig.LoadSharedConfigProfile(ctx, name, func(o *awsconfig.LoadSharedConfigOptions) {
		o.ConfigFiles, o.CredentialsFiles = sharedFiles(st)
	})
	p := fmt.Sprintf("profile %q", name)
	switch {
	case err != nil && named:
		return p + " (not found in the shared config and credentials files)"
	case err != nil:
		return describeMachine()
	case sc.RoleARN != "" && sc.SourceProfileName != "":
		return fmt.Sprintf("%s (role_arn %s, source_profile %s)", p, sc.RoleARN, sc.SourceProfileName)
	case sc.RoleARN != "" && sc.CredentialSource != "":
		return fmt.Sprintf("%s (role_arn %s, credential_source %s)", p, sc.RoleARN, sc.CredentialSource)
	case sc.WebIdentityTokenFile != "":
		return fmt.Sprintf("%s (web_identity_token_file %s, role_arn %s)", p, sc.WebIdentityTokenFile, sc.RoleARN)
	case sc.SSOSessionName != "":
		return fmt.Sprintf("SSO %s (sso_session %s, account %s, role %s)", p, sc.SSOSessionName, sc.SSOAccountID, sc.SSORoleName)
	case sc.SSOStartURL != "":
		return fmt.Sprintf("SSO %s (sso_start_url %s, account %s, role %s)", p, sc.SSOStartURL, sc.SSOAccountID, sc.SSORoleName)
	case sc.CredentialProcess != "":
		// Only the program: its arguments may hold a secret.
		return fmt.Sprintf("the credential_process %s of %s", strings.Fields(sc.CredentialProcess)[0], p)
	case sc.Credentials.HasKeys():
		return "the shared credentials of " + p
	case named:
		return p + " (no credentials in it), then " + describeMachine()
	}
	return describeMachine()
}

// sharedFiles are the shared config and credentials files the SDK reads:
// the provider's settings, else AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE,
// else the SDK's defaults (nil).
func sharedFiles(st Settings) (config, credentials []string) {
	config, credentials = st.SharedConfigFiles, st.SharedCredentialsFiles
	if f := os.Getenv("AWS_CONFIG_FILE"); len(config) == 0 && f != "" {
		config = []string{f}
	}
	if f := os.Getenv("AWS_SHARED_CREDENTIALS_FILE"); len(credentials) == 0 && f != "" {
		credentials = []string{f}
	}
	return config, credentials
}

// describeMachine names the last sources of the chain: the container's or
// the EC2 instance's.
func describeMachine() string {
	if os.Getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") != "" {
		return "the ECS container credentials endpoint (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI)"
	}
	if full := os.Getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI"); full != "" {
		s := "the container credentials endpoint " + hostOf(full)
		if u, err := url.Parse(full); err == nil {
			s += u.Path // never the query: it could carry a token
		}
		if os.Getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") != "" {
			s += " with the token in AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"
		}
		return s + " (AWS_CONTAINER_CREDENTIALS_FULL_URI)"
	}
	if strings.EqualFold(os.Getenv("AWS_EC2_METADATA_DISABLED"), "true") {
		return "nowhere: no keys, profile, web identity or container credentials are set, and EC2 instance " +
			"metadata is disabled (AWS_EC2_METADATA_DISABLED)"
	}
	at := "169.254.169.254"
	if e := os.Getenv("AWS_EC2_METADATA_SERVICE_ENDPOINT"); e != "" {
		at = hostOf(e)
	}
	return "the EC2 instance metadata service (IMDSv2 at " + at + ")"
}
