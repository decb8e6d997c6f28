package session

import (
	"context"
	"errors"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/logincreds"
	"github.com/aws/aws-sdk-go-v2/service/signin"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/redact"
)

// A profile with login_session (AWS CLI 2.32 and later, `aws login`) gets
// its credentials from the login token cache (~/.aws/login/cache, or
// AWS_LOGIN_CACHE_DIRECTORY), refreshed at the signin service when they
// expire. The SDK makes that signin client while it resolves the chain, with
// no option to reach it, so the provider puts in place of the SDK's login
// provider the same SDK provider, for the same token file, with a client
// whose calls go to endpoints.signin when it is set (AWS_ENDPOINT_URL_SIGNIN
// and AWS_ENDPOINT_URL otherwise, as the SDK resolves them), and whose
// failures say to run `aws login`.

// withLogin replaces the SDK's login provider, if creds is one (cached or
// not): the chain's own credentials, or those of a client the chain made
// (a role whose source_profile has login_session). One cache serves both.
func (s *Session) withLogin(creds aws.CredentialsProvider) aws.CredentialsProvider {
	if creds == nil || !aws.IsCredentialsProvider(creds, (*logincreds.Provider)(nil)) {
		return creds
	}
	s.loginOnce.Do(func() {
		p, asked := loginProfile(s.cfg.ConfigSources)
		if p == nil {
			return
		}
		path, err := logincreds.StandardCachedTokenFilepath(p.LoginSession, os.Getenv("AWS_LOGIN_CACHE_DIRECTORY"))
		if err != nil {
			return
		}
		client := signin.NewFromConfig(s.cfg, func(o *signin.Options) {
			if s.settings.SigninEndpoint != "" {
				o.BaseEndpoint = aws.String(s.settings.SigninEndpoint)
			}
		})
		inner := logincreds.New(chainSignin{inner: client}, path, func(o *logincreds.Options) {
			o.RestrictPermissions = s.cfg.RestrictFilePermissions != aws.RestrictFilePermissionsUnrestricted
			o.CredentialSources = []aws.CredentialSource{aws.CredentialSourceProfileLogin, aws.CredentialSourceLogin}
		})
		s.login = aws.NewCredentialsCache(&loginStep{inner: inner, profile: asked, tokenFile: path}, s.cacheOptions)
	})
	if s.login == nil {
		return creds
	}
	return s.login
}

// loginProfile is the profile of the resolved source_profile chain whose
// login_session the SDK uses (the innermost, where the chain starts), and
// the profile that was asked for.
func loginProfile(sources []any) (login *awsconfig.SharedConfig, asked string) {
	for _, src := range sources {
		sc, ok := src.(awsconfig.SharedConfig)
		if !ok {
			continue
		}
		p := &sc
		for p.Source != nil {
			p = p.Source
		}
		if p.LoginSession == "" {
			return nil, ""
		}
		return p, sc.Profile
	}
	return nil, ""
}

// chainSignin keeps the login tokens it sees out of every message.
type chainSignin struct {
	inner logincreds.TokenAPIClient
}

func (c chainSignin) CreateOAuth2Token(ctx context.Context, in *signin.CreateOAuth2TokenInput, optFns ...func(*signin.Options)) (*signin.CreateOAuth2TokenOutput, error) {
	if in.TokenInput != nil {
		redact.Remember(aws.ToString(in.TokenInput.RefreshToken))
	}
	out, err := c.inner.CreateOAuth2Token(ctx, in, optFns...)
	if err != nil {
		return nil, err
	}
	if out == nil || out.TokenOutput == nil || out.TokenOutput.AccessToken == nil ||
		aws.ToString(out.TokenOutput.AccessToken.AccessKeyId) == "" ||
		aws.ToString(out.TokenOutput.AccessToken.SecretAccessKey) == "" ||
		aws.ToString(out.TokenOutput.AccessToken.SessionToken) == "" ||
		out.TokenOutput.ExpiresIn == nil || out.TokenOutput.RefreshToken == nil {
		// The SDK's provider reads every field of the answer without a check.
		return nil, &Error{msg: "signin:CreateOAuth2Token answered without complete credentials (an access key ID, " +
			"a secret access key, a session token, an expiry and a refresh token); check that the signin endpoint " +
			"is AWS's or a faithful emulator"}
	}
	t := out.TokenOutput
	redact.Remember(aws.ToString(t.AccessToken.SecretAccessKey), aws.ToString(t.AccessToken.SessionToken),
		aws.ToString(t.RefreshToken), aws.ToString(t.IdToken))
	return out, nil
}

// loginStep says, on every failure of the login session, what failed and
// to run `aws login`.
type loginStep struct {
	inner     aws.CredentialsProvider
	profile   string
	tokenFile string
}

func (l *loginStep) Retrieve(ctx context.Context) (aws.Credentials, error) {
	c, err := l.inner.Retrieve(ctx)
	if err == nil {
		return c, nil
	}
	again := "run `aws login --profile " + short(l.profile) + "`, which signs in again and refreshes the token cache, " +
		"then run again"
	var explained *Error
	switch {
	case errors.Is(err, context.Canceled):
		return c, err
	case errors.As(err, &explained):
		return c, &Error{msg: explained.msg + "; or " + again, cause: err}
	}
	if _, statErr := os.Stat(l.tokenFile); os.IsNotExist(statErr) {
		return c, &Error{msg: "the login token cache file " + short(l.tokenFile) + " is not there: " + again, cause: err}
	}
	if text := err.Error(); strings.HasPrefix(text, "load login token") || strings.HasPrefix(text, "validate login token") {
		return c, &Error{msg: "the login token cache file " + short(l.tokenFile) + " cannot be used (" +
			redact.Message(text, maxQuoted) + "): " + again, cause: err}
	}
	return c, &Error{msg: redact.Message(explain(err, Call{Op: "signin:CreateOAuth2Token"}, "").Error(), maxQuoted) + ": " + again,
		cause: err}
}
