// Package iam holds the functions of the schema module iam, one file each
// with its embedded doc and its tests beside it; infer derives their tokens
// from the package's name. getSessionContext: which IAM role stands behind an
// STS assumed-role session ARN.
package iam

import (
	"context"
	_ "embed"
	"errors"
	"fmt"
	"time"

	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/config"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/principal"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

//go:embed get_session_context.md
var getSessionContextDoc string

// DefaultWaitSeconds bounds how long a missing role is waited for. IAM is
// eventually consistent, so a role created seconds ago can be missing
// briefly; Terraform waits two minutes, which mostly delays a real error.
const DefaultWaitSeconds = 10

const maxWaitSeconds = 300

// GetSessionContext is aws-identity:iam:getSessionContext.
type GetSessionContext struct{}

// GetSessionContextArgs are the inputs of getSessionContext.
type GetSessionContextArgs struct {
	Arn                  string `pulumi:"arn"`
	LookupRole           *bool  `pulumi:"lookupRole,optional"`
	LookupTimeoutSeconds *int   `pulumi:"lookupTimeoutSeconds,optional"`
}

// GetSessionContextResult describes the principal and, for a session, its issuer.
type GetSessionContextResult struct {
	Arn           string `pulumi:"arn"`
	IssuerArn     string `pulumi:"issuerArn"`
	IssuerID      string `pulumi:"issuerId"`
	IssuerName    string `pulumi:"issuerName"`
	SessionName   string `pulumi:"sessionName"`
	AccountID     string `pulumi:"accountId"`
	Partition     string `pulumi:"partition"`
	PrincipalType string `pulumi:"principalType"`
}

func (f *GetSessionContext) Annotate(a infer.Annotator) {
	a.Describe(f, getSessionContextDoc)
}

func (a *GetSessionContextArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.Arn, "The ARN to read, typically the `arn` of getCallerIdentity, such as "+
		"`arn:aws:sts::123456789012:assumed-role/Deployer/ci`.")
	an.Describe(&a.LookupRole, "Whether to look the issuer role up with `iam:GetRole`, so that issuerArn "+
		"carries the role's path and issuerId its unique ID. With `false` the answer comes from the ARN alone, "+
		"with no AWS call: issuerArn has no path and issuerId is empty.")
	an.SetDefault(&a.LookupRole, true)
	an.Describe(&a.LookupTimeoutSeconds, fmt.Sprintf("How long to wait for a role that IAM reports missing, "+
		"in case it was created moments ago (IAM is eventually consistent); 0 to %d.", maxWaitSeconds))
	an.SetDefault(&a.LookupTimeoutSeconds, DefaultWaitSeconds)
}

func (r *GetSessionContextResult) Annotate(a infer.Annotator) {
	a.Describe(&r.Arn, "The ARN that was read.")
	a.Describe(&r.IssuerArn, "For an assumed-role session, the ARN of the IAM role behind it, with its path "+
		"(for example `arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Admin_abc`). "+
		"For any other ARN, the ARN itself.")
	a.Describe(&r.IssuerID, "For an assumed-role session, the unique ID of the role (`AROA...`); otherwise empty.")
	a.Describe(&r.IssuerName, "For an assumed-role session, the name of the role; otherwise empty.")
	a.Describe(&r.SessionName, "For an assumed-role session, the session name; otherwise empty.")
	a.Describe(&r.AccountID, "The account ID in the ARN; empty for ARNs without one.")
	a.Describe(&r.Partition, "The partition in the ARN: `aws`, `aws-cn`, `aws-us-gov`, ...")
	a.Describe(&r.PrincipalType, "What the ARN names: `assumed-role`, `user`, `root`, `federated-user`, `role`, or `other`.")
}

func (GetSessionContext) Invoke(ctx context.Context, req infer.FunctionRequest[GetSessionContextArgs]) (infer.FunctionResponse[GetSessionContextResult], error) {
	in := req.Input
	wait := DefaultWaitSeconds
	if in.LookupTimeoutSeconds != nil {
		wait = *in.LookupTimeoutSeconds
	}
	l := &violation.List{}
	p, err := principal.Parse("arn", in.Arn)
	var bad *principal.Error
	if errors.As(err, &bad) {
		l.Add("arn", "%s", bad.Problem())
	}
	// AWS's character set for ARNs, whatever the parse found: no control
	// characters in any part, including the parts the parser passes through.
	// An assumed-role ARN that parsed has none to check: each of its parts
	// was matched against a set of printable ASCII characters (and the
	// check was about a fifth of a cached lookup's own CPU).
	if err != nil || p.Type != principal.AssumedRole {
		l.Chars("arn", in.Arn, violation.ARNChars)
	}
	l.Range("lookupTimeoutSeconds", wait, 0, maxWaitSeconds, "")
	if err := violation.Join("arguments to aws-identity:iam:getSessionContext", l.All); err != nil {
		return infer.FunctionResponse[GetSessionContextResult]{}, err
	}
	out := GetSessionContextResult{
		Arn: in.Arn, IssuerArn: in.Arn,
		AccountID: p.AccountID, Partition: p.Partition, PrincipalType: string(p.Type),
	}
	if p.Type != principal.AssumedRole {
		return infer.FunctionResponse[GetSessionContextResult]{Output: out}, nil
	}
	out.IssuerName, out.SessionName, out.IssuerArn = p.RoleName, p.SessionName, p.RoleARN()
	if in.LookupRole != nil && !*in.LookupRole {
		return infer.FunctionResponse[GetSessionContextResult]{Output: out}, nil
	}
	role, err := findRole(ctx, infer.GetConfig[config.Config](ctx).Session(), p, time.Duration(wait)*time.Second)
	if err != nil {
		return infer.FunctionResponse[GetSessionContextResult]{}, err
	}
	out.IssuerArn, out.IssuerID = role.arn, role.id
	return infer.FunctionResponse[GetSessionContextResult]{Output: out}, nil
}
