package session

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
)

// ListAccountAliasesFunc is iam:ListAccountAliases, kept as a method value
// for the reason GetRoleFunc is.
type ListAccountAliasesFunc func(context.Context, *iam.ListAccountAliasesInput, ...func(*iam.Options)) (*iam.ListAccountAliasesOutput, error)

// ListAccountAliases returns iam:ListAccountAliases, loading the
// configuration on first use (and checking the account, when guarded).
func (s *Session) ListAccountAliases(ctx context.Context) (ListAccountAliasesFunc, error) {
	if err := s.ready(ctx); err != nil {
		return nil, err
	}
	return s.aliases, nil
}

// Federation is what a console sign-in URL needs from the session: the
// HTTP client of every AWS call (its proxy, CA bundle and timeout), the
// region, and the configured federation endpoint ("" for AWS's own).
type Federation struct {
	HTTP     aws.HTTPClient
	Region   string
	Endpoint string
}

// Federation loads the configuration on first use; it resolves no
// credentials, as the caller may bring its own.
func (s *Session) Federation(ctx context.Context) (Federation, error) {
	if err := s.init(ctx); err != nil {
		return Federation{}, err
	}
	return Federation{HTTP: s.cfg.HTTPClient, Region: s.cfg.Region, Endpoint: s.settings.FederationEndpoint}, nil
}
