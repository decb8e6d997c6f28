package iam

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	iamtypes "github.com/aws/aws-sdk-go-v2/service/iam/types"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/principal"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/session"
)

type role struct{ arn, id string }

// firstRetry is the first pause before asking again for a missing role; it
// doubles up to maxPause.
const firstRetry, maxPause = 250 * time.Millisecond, 2 * time.Second

// findRole looks up the role behind an assumed-role session in the caller's
// own account, once per provider process. iam:GetRole takes a bare role name
// and answers for the caller's account only, so a session from another
// account is refused rather than looked up in the wrong place.
func findRole(ctx context.Context, s *session.Session, p principal.Principal, wait time.Duration) (role, error) {
	caller, err := s.CallerIdentity(ctx)
	if err != nil {
		return role{}, err
	}
	if caller.AccountID != p.AccountID || caller.Partition != p.Partition {
		return role{}, fmt.Errorf("arn: the session's role %s is in account %s (%s), but the provider's credentials "+
			"are for account %s (%s, %s). iam:GetRole only finds roles in the caller's own account, so the role's "+
			"path cannot be looked up here. Use an explicit provider with credentials for account %[2]s, or set "+
			"lookupRole: false to answer from the ARN alone (issuerArn then has no path)",
			p.RoleName, p.AccountID, p.Partition, caller.AccountID, caller.Partition, caller.ARN)
	}
	// Each caller waits for a missing role as long as its own
	// lookupTimeoutSeconds, and one more IAM call; callers of the same role
	// share one lookup, which waits as long as the most patient of them.
	lookup, cancel := context.WithTimeout(ctx, wait+s.CallBudget())
	defer cancel()
	r, err := session.Memo(lookup, s, "iam:GetRole/"+p.RoleName, func(ctx context.Context) (role, error) {
		getRole, err := s.GetRole(ctx)
		if err != nil {
			return role{}, err
		}
		return getRoleWaiting(ctx, s, getRole, p)
	})
	if err != nil && ctx.Err() == nil && lookup.Err() != nil {
		return role{}, notFound(p, wait)
	}
	return r, err
}

func notFound(p principal.Principal, waited time.Duration) error {
	return fmt.Errorf("arn: IAM role %q was not found in account %s (waited %s, as IAM is eventually "+
		"consistent). The session may belong to a role that has since been deleted or renamed. Set "+
		"lookupRole: false to answer from the ARN alone, or lookupTimeoutSeconds to wait longer for a new role",
		p.RoleName, p.AccountID, waited)
}

// getRoleWaiting asks IAM for the role until it is found, or until there is
// no time left for one more call before ctx's deadline: IAM is eventually
// consistent, and a role created a moment ago may not be found at once.
func getRoleWaiting(ctx context.Context, s *session.Session, getRole session.GetRoleFunc, p principal.Principal) (role, error) {
	start := time.Now()
	pause := firstRetry
	for {
		out, err := getRole(ctx, &iam.GetRoleInput{RoleName: aws.String(p.RoleName)})
		if err == nil {
			if out.Role == nil || aws.ToString(out.Role.Arn) == "" {
				return role{}, fmt.Errorf("iam:GetRole answered without the role %q; check that the IAM endpoint "+
					"is AWS's or a faithful emulator", p.RoleName)
			}
			return role{arn: aws.ToString(out.Role.Arn), id: aws.ToString(out.Role.RoleId)}, nil
		}
		var missing *iamtypes.NoSuchEntityException
		if !errors.As(err, &missing) {
			return role{}, s.Explain(ctx, err, session.Call{Op: "iam:GetRole"})
		}
		// The deadline moves later when a more patient caller joins.
		deadline, _ := ctx.Deadline()
		until := deadline.Add(-s.CallBudget())
		remaining := time.Until(until)
		if remaining <= 0 {
			return role{}, notFound(p, max(until.Sub(start), 0).Round(time.Second))
		}
		select {
		case <-ctx.Done():
			return role{}, fmt.Errorf("looking up IAM role %q: %w", p.RoleName, ctx.Err())
		case <-time.After(min(pause, remaining)):
		}
		pause = min(pause*2, maxPause)
	}
}
