package session

import (
	"fmt"
	"os"
	"slices"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/feature/ec2/imds"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/redact"
)

// decision is what the AWS SDK's credential chain decided while it loaded
// the configuration: the credential sources it recorded on the provider it
// resolved (ProviderSources), in the order it went through them, and the
// environment and shared config it resolved them from. The description of
// where the credentials come from is read off it, so that it cannot
// disagree with the chain: it adds only the words a person needs (profile
// names, file paths, the helper's program), never a secret.
type decision struct {
	sources []aws.CredentialSource
	env     awsconfig.EnvConfig
	shared  awsconfig.SharedConfig
	// A profile was asked for (the profile setting, AWS_PROFILE or
	// AWS_DEFAULT_PROFILE), not the default one taken when there is none.
	named bool
}

// decide reads the decision off the configuration the SDK loaded, before the
// provider wraps its credentials.
func decide(cfg aws.Config, st Settings) decision {
	var d decision
	if p, ok := cfg.Credentials.(interface{ ProviderSources() []aws.CredentialSource }); ok {
		d.sources = p.ProviderSources()
	}
	gotEnv, gotShared := false, false
	for _, src := range cfg.ConfigSources {
		switch c := src.(type) {
		case awsconfig.EnvConfig:
			if !gotEnv {
				d.env, gotEnv = c, true
			}
		case awsconfig.SharedConfig:
			if !gotShared {
				d.shared, gotShared = c, true
			}
		}
	}
	d.named = st.Profile != "" || d.env.SharedConfigProfile != ""
	return d
}

// describe says where the credentials come from, in words.
func (d decision) describe() string {
	if len(d.sources) == 0 {
		return "the credential provider the AWS SDK was given"
	}
	switch d.sources[0] {
	case aws.CredentialSourceCode:
		return "the provider's accessKey and secretKey"
	case aws.CredentialSourceEnvVars:
		// The SDK takes each from its first name that is set; the names
		// are read here only to say which.
		id, secret := "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"
		if os.Getenv(id) == "" {
			id = "AWS_ACCESS_KEY"
		}
		if os.Getenv(secret) == "" {
			secret = "AWS_SECRET_KEY"
		}
		return "the environment variables " + id + " and " + secret
	case aws.CredentialSourceEnvVarsSTSWebIDToken:
		return fmt.Sprintf("the web identity token file %s (AWS_WEB_IDENTITY_TOKEN_FILE, role %s)",
			short(d.env.WebIdentityTokenFilePath), short(d.env.RoleARN))
	}
	return d.profile(d.shared)
}

// profile describes the SDK's choice among a profile's settings
// (config.resolveCredsFromProfile), which its first recorded source names.
func (d decision) profile(sc awsconfig.SharedConfig) string {
	p := "profile " + redact.Quote(sc.Profile, 100)
	var s string
	switch d.sources[0] {
	case aws.CredentialSourceProfileSourceProfile:
		// Where source_profile's credentials come from is said by the
		// failure of that step, when it fails.
		return fmt.Sprintf("%s (role_arn %s, source_profile %s)", p, short(sc.RoleARN), short(sc.SourceProfileName))
	case aws.CredentialSourceProfileNamedProvider:
		return fmt.Sprintf("%s (role_arn %s, credential_source %s)", p, short(sc.RoleARN), short(sc.CredentialSource))
	case aws.CredentialSourceProfileSTSWebIDToken:
		// The role is that of the token: no role is assumed on top.
		return fmt.Sprintf("%s (web_identity_token_file %s, role_arn %s)", p, short(sc.WebIdentityTokenFile), short(sc.RoleARN))
	case aws.CredentialSourceProfile:
		s = "the shared credentials of " + p
	case aws.CredentialSourceSSO, aws.CredentialSourceProfileSSO, aws.CredentialSourceProfileSSOLegacy,
		aws.CredentialSourceSSOLegacy:
		// The SDK records ProfileSSO for a profile with sso_session, after
		// the legacy sources (it sees the session's start URL as the
		// profile's own).
		if slices.Contains(d.sources, aws.CredentialSourceProfileSSO) {
			s = fmt.Sprintf("SSO %s (sso_session %s, account %s, role %s)", p, short(sc.SSOSessionName),
				short(sc.SSOAccountID), short(sc.SSORoleName))
			break
		}
		s = fmt.Sprintf("SSO %s (sso_start_url %s, account %s, role %s)", p, redact.URL(sc.SSOStartURL),
			short(sc.SSOAccountID), short(sc.SSORoleName))
	case aws.CredentialSourceProfileLogin, aws.CredentialSourceLogin:
		s = fmt.Sprintf("the `aws login` session of %s (login_session %s)", p, short(sc.LoginSession))
	case aws.CredentialSourceProfileProcess, aws.CredentialSourceProcess:
		// Only the program: the arguments and NAME=value prefixes may hold a secret.
		program := redact.Program(sc.CredentialProcess)
		if program == "" {
			return p + " " + noProgram
		}
		s = fmt.Sprintf("the credential_process %s of %s", program, p)
	default:
		// The container's or the instance's: the profile, if one was asked
		// for, has nothing the SDK takes.
		s = d.machine()
		if d.named {
			s = p + " (no credentials in it), then " + s
		}
	}
	// A role_arn beside what the profile gives is assumed with it.
	if sc.RoleARN != "" && d.sources[len(d.sources)-1] == aws.CredentialSourceSTSAssumeRole {
		s += ", then its role_arn " + short(sc.RoleARN)
	}
	return s
}

// machine names the last sources of the chain: the container's or the EC2
// instance's, as the SDK resolved them from the environment.
func (d decision) machine() string {
	switch {
	case d.env.ContainerCredentialsRelativePath != "":
		return "the ECS container credentials endpoint (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI)"
	case d.env.ContainerCredentialsEndpoint != "":
		// Never the userinfo or the query: they could carry a token.
		s := "the container credentials endpoint " + redact.URL(d.env.ContainerCredentialsEndpoint)
		// The SDK reads this one itself, when it calls the endpoint.
		if os.Getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE") != "" {
			s += " with the token in AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"
		}
		return s + " (AWS_CONTAINER_CREDENTIALS_FULL_URI)"
	case d.env.EC2IMDSClientEnableState == imds.ClientDisabled:
		return "nowhere: no keys, profile, web identity or container credentials are set, and EC2 instance " +
			"metadata is disabled (AWS_EC2_METADATA_DISABLED)"
	}
	at := "169.254.169.254"
	if e := d.env.EC2IMDSEndpoint; e != "" {
		at = hostOf(e)
	}
	return "the EC2 instance metadata service (IMDSv2 at " + at + ")"
}
