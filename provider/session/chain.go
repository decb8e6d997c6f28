package session

import (
	"context"
	"fmt"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/redact"
)

// The AWS SDK's credential chain makes its own STS, SSO and SSO OIDC clients
// while the configuration is still being resolved, before the endpoint
// settings are: a profile's role_arn or a web identity token would be
// exchanged at AWS's endpoint, in no region, whatever the provider was told.
// chainOptions wrap those clients so that every call they make goes to the
// endpoint and region the provider's own calls use, and fails with a message
// that names the step.
func (s *Session) chainOptions() []func(*awsconfig.LoadOptions) error {
	return []func(*awsconfig.LoadOptions) error{
		awsconfig.WithAssumeRoleCredentialOptions(func(o *stscreds.AssumeRoleOptions) {
			// No person can be asked for an MFA code: mfaRole answers.
			if o.SerialNumber != nil && o.TokenProvider == nil {
				o.TokenProvider = noPromptToken
			}
			// The SDK applies the options once with no client, to check them.
			if o.Client != nil {
				o.Client = chainAssumeRole{s: s, inner: o.Client}
			}
		}),
		awsconfig.WithWebIdentityRoleCredentialOptions(func(o *stscreds.WebIdentityRoleOptions) {
			if o.Client == nil {
				return
			}
			if _, done := o.Client.(chainWebIdentity); !done {
				o.Client = chainWebIdentity{s: s, inner: o.Client, tokenFile: tokenFile(o.TokenRetriever)}
			}
			o.TokenRetriever = boundedTokenFile(o.TokenRetriever)
		}),
		awsconfig.WithSSOProviderOptions(func(o *ssocreds.Options) {
			o.Client = chainSSO{s: s, inner: o.Client}
		}),
		awsconfig.WithSSOTokenProviderOptions(func(o *ssocreds.SSOTokenProviderOptions) {
			o.Client = chainSSOOIDC{s: s, inner: o.Client}
		}),
	}
}

// chainSTSOptions are the provider's own STS client's endpoint and region,
// applied to a call of a client the credential chain made.
func (s *Session) chainSTSOptions(o *sts.Options) {
	if s.sts == nil {
		return
	}
	own := s.sts.Options()
	o.Region, o.BaseEndpoint, o.EndpointOptions = own.Region, own.BaseEndpoint, own.EndpointOptions
	o.Credentials = s.withLogin(s.withProcessStderr(o.Credentials))
}

type chainAssumeRole struct {
	s     *Session
	inner stscreds.AssumeRoleAPIClient
}

func (c chainAssumeRole) AssumeRole(ctx context.Context, in *sts.AssumeRoleInput, optFns ...func(*sts.Options)) (*sts.AssumeRoleOutput, error) {
	what := "assuming role_arn " + short(aws.ToString(in.RoleArn))
	if aws.ToString(in.TokenCode) == noPrompt {
		out, err := c.s.mfaRole(in, what)
		if err != nil {
			return nil, err
		}
		return out, emptyAnswer(what, "the AWS CLI's cache", out.Credentials)
	}
	out, err := c.inner.AssumeRole(ctx, in, append(optFns, c.s.chainSTSOptions)...)
	if perr := processStep(err, what); perr != nil {
		return nil, perr
	}
	if err != nil {
		return nil, c.s.step(err, "sts:AssumeRole", what)
	}
	// The SDK's provider reads every field of the answer without a check.
	if out == nil {
		return nil, emptyAnswer(what, "sts:AssumeRole", nil)
	}
	if err := emptyAnswer(what, "sts:AssumeRole", out.Credentials); err != nil {
		return nil, err
	}
	return out, nil
}

type chainWebIdentity struct {
	s         *Session
	inner     stscreds.AssumeRoleWithWebIdentityAPIClient
	tokenFile string
}

func (c chainWebIdentity) AssumeRoleWithWebIdentity(ctx context.Context, in *sts.AssumeRoleWithWebIdentityInput, optFns ...func(*sts.Options)) (*sts.AssumeRoleWithWebIdentityOutput, error) {
	redact.Remember(aws.ToString(in.WebIdentityToken))
	what := "exchanging the web identity token for role " + short(aws.ToString(in.RoleArn))
	if c.tokenFile != "" {
		what = fmt.Sprintf("exchanging the web identity token file %s for role %s", short(c.tokenFile),
			short(aws.ToString(in.RoleArn)))
	}
	out, err := c.inner.AssumeRoleWithWebIdentity(ctx, in, append(optFns, c.s.chainSTSOptions)...)
	if err != nil {
		return nil, c.s.step(err, "sts:AssumeRoleWithWebIdentity", what)
	}
	if out == nil {
		return nil, emptyAnswer(what, "sts:AssumeRoleWithWebIdentity", nil)
	}
	if err := emptyAnswer(what, "sts:AssumeRoleWithWebIdentity", out.Credentials); err != nil {
		return nil, err
	}
	return out, nil
}

// checkedWebIdentity checks the answers of the provider's own web identity
// role (its assumeRoleWithWebIdentity block) before the SDK reads them; the
// step's name is added by stepCredentials.
type checkedWebIdentity struct {
	inner stscreds.AssumeRoleWithWebIdentityAPIClient
}

func (c checkedWebIdentity) AssumeRoleWithWebIdentity(ctx context.Context, in *sts.AssumeRoleWithWebIdentityInput, optFns ...func(*sts.Options)) (*sts.AssumeRoleWithWebIdentityOutput, error) {
	redact.Remember(aws.ToString(in.WebIdentityToken))
	out, err := c.inner.AssumeRoleWithWebIdentity(ctx, in, optFns...)
	if err != nil {
		return nil, err
	}
	const op = "sts:AssumeRoleWithWebIdentity"
	if out == nil {
		return nil, &Error{msg: strings.TrimPrefix(emptyAnswer("", op, nil).Error(), ": ")}
	}
	if err := emptyAnswer("", op, out.Credentials); err != nil {
		return nil, &Error{msg: strings.TrimPrefix(err.Error(), ": ")}
	}
	return out, nil
}

func tokenFile(r stscreds.IdentityTokenRetriever) string {
	if f, ok := r.(stscreds.IdentityTokenFile); ok {
		return string(f)
	}
	return ""
}

type chainSSO struct {
	s     *Session
	inner ssocreds.GetRoleCredentialsAPIClient
}

func (c chainSSO) GetRoleCredentials(ctx context.Context, in *sso.GetRoleCredentialsInput, optFns ...func(*sso.Options)) (*sso.GetRoleCredentialsOutput, error) {
	redact.Remember(aws.ToString(in.AccessToken))
	what := fmt.Sprintf("getting role %s in account %s from the SSO portal", short(aws.ToString(in.RoleName)),
		short(aws.ToString(in.AccountId)))
	out, err := c.inner.GetRoleCredentials(ctx, in, append(optFns, func(o *sso.Options) {
		own, _ := c.s.ssoOptions()
		o.BaseEndpoint, o.EndpointOptions = own.BaseEndpoint, own.EndpointOptions
	})...)
	if err != nil {
		return nil, c.s.step(err, "sso:GetRoleCredentials", what)
	}
	// The SDK's provider reads RoleCredentials without a check.
	if out == nil || out.RoleCredentials == nil || aws.ToString(out.RoleCredentials.AccessKeyId) == "" ||
		aws.ToString(out.RoleCredentials.SecretAccessKey) == "" {
		return nil, &Error{msg: what + ": sso:GetRoleCredentials answered without credentials (an access key ID " +
			"and a secret access key); check that the SSO endpoint is AWS's or a faithful emulator"}
	}
	rc := out.RoleCredentials
	redact.Remember(aws.ToString(rc.SecretAccessKey), aws.ToString(rc.SessionToken))
	if rc.Expiration <= 0 {
		return nil, &Error{msg: what + ": sso:GetRoleCredentials answered credentials without an expiration; " +
			"check that the SSO endpoint is AWS's or a faithful emulator"}
	}
	return out, nil
}

type chainSSOOIDC struct {
	s     *Session
	inner ssocreds.CreateTokenAPIClient
}

func (c chainSSOOIDC) CreateToken(ctx context.Context, in *ssooidc.CreateTokenInput, optFns ...func(*ssooidc.Options)) (*ssooidc.CreateTokenOutput, error) {
	redact.Remember(aws.ToString(in.ClientSecret), aws.ToString(in.RefreshToken))
	out, err := c.inner.CreateToken(ctx, in, append(optFns, func(o *ssooidc.Options) {
		_, o.BaseEndpoint = c.s.ssoOptions()
	})...)
	if err != nil {
		return nil, c.s.step(err, "sso-oauth:CreateToken", "refreshing the SSO token")
	}
	if out == nil || aws.ToString(out.AccessToken) == "" {
		return nil, &Error{msg: "refreshing the SSO token: sso-oauth:CreateToken answered without an access token; " +
			"run `aws sso login` with the same profile, and check that the SSO OIDC endpoint is AWS's"}
	}
	redact.Remember(aws.ToString(out.AccessToken), aws.ToString(out.RefreshToken))
	return out, nil
}

// emptyAnswer checks STS's credentials in an answer of the credential
// chain's, before the SDK reads them: all four fields, as AWS always sends.
func emptyAnswer(what, op string, c *ststypes.Credentials) error {
	if c == nil || aws.ToString(c.AccessKeyId) == "" || aws.ToString(c.SecretAccessKey) == "" ||
		aws.ToString(c.SessionToken) == "" || c.Expiration == nil {
		return &Error{msg: what + ": " + op + " answered without complete credentials (an access key ID, a secret " +
			"access key, a session token and an expiration); check that the STS endpoint is AWS's or a faithful emulator"}
	}
	redact.Remember(aws.ToString(c.SecretAccessKey), aws.ToString(c.SessionToken))
	return nil
}

// step explains a failed call of one step of getting credentials, with the
// advice the settings give for op.
func (s *Session) step(err error, op, what string) error {
	e := explain(err, Call{Op: op, Hint: s.settings.Hints[op]}, "")
	return &Error{msg: what + ": " + e.Error(), cause: err}
}
