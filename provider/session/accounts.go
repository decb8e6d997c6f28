package session

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// ready loads the configuration and, when the account is guarded
// (allowedAccountIds, forbiddenAccountIds), checks the credentials before
// anything else is done with them.
func (s *Session) ready(ctx context.Context) error {
	if err := s.init(ctx); err != nil {
		return err
	}
	if !s.settings.guarded() {
		return nil
	}
	_, err := s.retrieve(ctx)
	return err
}

func (st Settings) guarded() bool {
	return len(st.AllowedAccountIDs) > 0 || len(st.ForbiddenAccountIDs) > 0
}

// accountGuard hands out credentials only once their account is known to be
// allowed: every call the session makes is signed with credentials it got
// from here, so sts:GetCallerIdentity is the only call ever made with
// credentials of an account that is not allowed. The check is made again
// whenever the credentials change: a refresh by a credential_process, a
// container or SSO can bring another account's.
type accountGuard struct {
	s     *Session
	inner aws.CredentialsProvider
}

func (g *accountGuard) Retrieve(ctx context.Context) (aws.Credentials, error) {
	c, err := g.inner.Retrieve(ctx)
	if err != nil {
		return aws.Credentials{}, err
	}
	caller, err := g.s.callerOf(ctx, c)
	if err != nil {
		return aws.Credentials{}, err
	}
	if err := g.s.checkAccount(caller.AccountID); err != nil {
		return aws.Credentials{}, err
	}
	return c, nil
}

// checkAccount refuses an account that the configuration does not allow.
func (s *Session) checkAccount(account string) error {
	st := s.settings
	var why string
	switch {
	case slices.Contains(st.ForbiddenAccountIDs, account):
		why = "is in forbiddenAccountIds"
	case len(st.AllowedAccountIDs) > 0 && !slices.Contains(st.AllowedAccountIDs, account):
		why = "is not in allowedAccountIds [" + strings.Join(st.AllowedAccountIDs, ", ") + "]"
	default:
		return nil
	}
	return &Error{msg: fmt.Sprintf("the provider's credentials (from %s) are for AWS account %s, which %s. "+
		"Nothing was done with them but sts:GetCallerIdentity. Use credentials for an allowed account, "+
		"or change allowedAccountIds / forbiddenAccountIds.", s.sourceName(), account, why)}
}

// UnsignedSTS returns the STS client for calls that are not signed with the
// provider's credentials (AssumeRoleWithWebIdentity): the account guard does
// not apply to them, and the provider may have no credentials at all.
func (s *Session) UnsignedSTS(ctx context.Context) (*sts.Client, error) {
	if err := s.init(ctx); err != nil {
		return nil, err
	}
	return s.sts, nil
}
