package iam

import (
	"context"
	_ "embed"

	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/config"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/session"
)

//go:embed get_account_alias.md
var getAccountAliasDoc string

// GetAccountAlias is aws-identity:iam:getAccountAlias.
type GetAccountAlias struct{}

// GetAccountAliasArgs has no fields: the answer is the account of the provider's credentials.
type GetAccountAliasArgs struct{}

// GetAccountAliasResult is the account's alias and ID.
type GetAccountAliasResult struct {
	AccountAlias string `pulumi:"accountAlias"`
	AccountID    string `pulumi:"accountId"`
}

func (f *GetAccountAlias) Annotate(a infer.Annotator) {
	a.Describe(f, getAccountAliasDoc)
}

func (r *GetAccountAliasResult) Annotate(a infer.Annotator) {
	a.Describe(&r.AccountAlias, "The account's alias, as in `https://<alias>.signin.aws.amazon.com/console`; "+
		"empty when the account has none.")
	a.Describe(&r.AccountID, "The 12-digit ID of the account.")
}

func (GetAccountAlias) Invoke(ctx context.Context, _ infer.FunctionRequest[GetAccountAliasArgs]) (infer.FunctionResponse[GetAccountAliasResult], error) {
	s := infer.GetConfig[config.Config](ctx).Session()
	caller, err := s.CallerIdentity(ctx)
	if err != nil {
		return infer.FunctionResponse[GetAccountAliasResult]{}, err
	}
	// An account has one alias at most, and it changes rarely: it is asked
	// once per provider process and account, as the role lookups are.
	alias, err := session.Memo(ctx, s, "iam:ListAccountAliases/"+caller.Partition+"/"+caller.AccountID,
		func(ctx context.Context) (string, error) {
			list, err := s.ListAccountAliases(ctx)
			if err != nil {
				return "", err
			}
			out, err := list(ctx, &iam.ListAccountAliasesInput{})
			if err != nil {
				return "", s.Explain(ctx, err, session.Call{Op: "iam:ListAccountAliases", Hint: accountAliasHint})
			}
			if len(out.AccountAliases) == 0 {
				return "", nil
			}
			return out.AccountAliases[0], nil
		})
	if err != nil {
		return infer.FunctionResponse[GetAccountAliasResult]{}, err
	}
	return infer.FunctionResponse[GetAccountAliasResult]{Output: GetAccountAliasResult{
		AccountAlias: alias, AccountID: caller.AccountID,
	}}, nil
}

// accountAliasHint: the one permission this call needs is often missing
// from narrow deployment roles.
func accountAliasHint(code, _ string) string {
	if code == "AccessDenied" || code == "AccessDeniedException" {
		return "the provider's identity may not call iam:ListAccountAliases. Grant it that action (on resource " +
			"`*`; it has no resource of its own), for example with the AWS managed policy IAMReadOnlyAccess"
	}
	return ""
}
