package session

import (
	"context"
	"fmt"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/aws/aws-sdk-go-v2/service/sts"
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
}

type chainAssumeRole struct {
	s     *Session
	inner stscreds.AssumeRoleAPIClient
}

func (c chainAssumeRole) AssumeRole(ctx context.Context, in *sts.AssumeRoleInput, optFns ...func(*sts.Options)) (*sts.AssumeRoleOutput, error) {
	out, err := c.inner.AssumeRole(ctx, in, append(optFns, c.s.chainSTSOptions)...)
	if err != nil {
		return nil, step(err, "sts:AssumeRole", "assuming role_arn "+aws.ToString(in.RoleArn))
	}
	return out, nil
}

type chainWebIdentity struct {
	s         *Session
	inner     stscreds.AssumeRoleWithWebIdentityAPIClient
	tokenFile string
}

func (c chainWebIdentity) AssumeRoleWithWebIdentity(ctx context.Context, in *sts.AssumeRoleWithWebIdentityInput, optFns ...func(*sts.Options)) (*sts.AssumeRoleWithWebIdentityOutput, error) {
	out, err := c.inner.AssumeRoleWithWebIdentity(ctx, in, append(optFns, c.s.chainSTSOptions)...)
	if err != nil {
		what := "exchanging the web identity token for role " + aws.ToString(in.RoleArn)
		if c.tokenFile != "" {
			what = fmt.Sprintf("exchanging the web identity token file %s for role %s", c.tokenFile, aws.ToString(in.RoleArn))
		}
		return nil, step(err, "sts:AssumeRoleWithWebIdentity", what)
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
	out, err := c.inner.GetRoleCredentials(ctx, in, append(optFns, func(o *sso.Options) {
		own, _ := c.s.ssoOptions()
		o.BaseEndpoint, o.EndpointOptions = own.BaseEndpoint, own.EndpointOptions
	})...)
	if err != nil {
		return nil, step(err, "sso:GetRoleCredentials",
			fmt.Sprintf("getting role %s in account %s from the SSO portal", aws.ToString(in.RoleName), aws.ToString(in.AccountId)))
	}
	return out, nil
}

type chainSSOOIDC struct {
	s     *Session
	inner ssocreds.CreateTokenAPIClient
}

func (c chainSSOOIDC) CreateToken(ctx context.Context, in *ssooidc.CreateTokenInput, optFns ...func(*ssooidc.Options)) (*ssooidc.CreateTokenOutput, error) {
	out, err := c.inner.CreateToken(ctx, in, append(optFns, func(o *ssooidc.Options) {
		_, o.BaseEndpoint = c.s.ssoOptions()
	})...)
	if err != nil {
		return nil, step(err, "sso-oauth:CreateToken", "refreshing the SSO token")
	}
	return out, nil
}

// step explains a failed call of one step of getting credentials.
func step(err error, op, what string) error {
	e := Explain(err, op, "")
	return &Error{msg: what + ": " + e.Error(), cause: err}
}
