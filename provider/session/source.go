package session

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/redact"
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
	rememberCredentials(c)
	// A container endpoint or a helper that answers without keys would have
	// every call signed with nothing, and refused in AWS's words.
	if !c.HasKeys() {
		return aws.Credentials{}, noKeys(n.name())
	}
	return c, nil
}

func noKeys(source string) error {
	return &Error{msg: "the provider's credential source (" + source + ") gave no access key: check that source, " +
		"or set accessKey and secretKey"}
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
	if profile, ok := strings.CutSuffix(source, " "+noProgram); ok {
		return &Error{msg: fmt.Sprintf("the credential_process of %s names no program (it is blank, or only sets "+
			"variables): set it to the command that prints the credentials, or remove it", profile), cause: err}
	}
	if what, ok := explainProcess(err); ok {
		return &Error{msg: fmt.Sprintf("getting credentials from %s failed: %s", source, withStderr(what, err)), cause: err}
	}
	// The SDK's own words, less its cache's, redacted: they say what failed
	// ("no EC2 IMDS role found", "failed to load credentials, ... 403").
	msg := redact.Message(strings.TrimPrefix(err.Error(), "failed to refresh cached credentials, "), maxQuoted)
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
	// The SDK's words about the shared files may quote a line of them.
	return &Error{msg: "loading the AWS configuration: " + redact.Message(err.Error(), maxQuoted), cause: err}
}

// noProgram ends the description of a profile whose credential_process
// runs nothing; sourceError turns it into the error it is.
const noProgram = "(its credential_process names no program)"

// maxQuoted bounds the text of an SDK or AWS quoted in a message.
const maxQuoted = 500

// short is a name read from a file or the environment, redacted and cut
// short for a message.
func short(s string) string { return redact.Cut(redact.String(s), 200) }

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
