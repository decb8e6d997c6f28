package session

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// ready loads the configuration and, when the account is guarded
// (allowedAccountIds, forbiddenAccountIds), checks it before anything else
// is done with the credentials: GetCallerIdentity is the only call made with
// credentials of an account that is not allowed.
func (s *Session) ready(ctx context.Context) error {
	if err := s.init(ctx); err != nil {
		return err
	}
	if len(s.settings.AllowedAccountIDs) == 0 && len(s.settings.ForbiddenAccountIDs) == 0 {
		return nil
	}
	_, err := s.CallerIdentity(ctx)
	return err
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
