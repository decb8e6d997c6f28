package config

import (
	"fmt"

	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/session"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/stsinput"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

// WebIdentity is the provider's assumeRoleWithWebIdentity block: the role
// the provider acts as, assumed with an OIDC token (GitHub Actions, GitLab,
// Kubernetes service accounts, ...) rather than with keys.
type WebIdentity struct {
	RoleArn              string  `pulumi:"roleArn"`
	SessionName          *string `pulumi:"sessionName,optional"`
	WebIdentityToken     *string `pulumi:"webIdentityToken,optional" provider:"secret"`
	WebIdentityTokenFile *string `pulumi:"webIdentityTokenFile,optional"`
	DurationSeconds      *int    `pulumi:"durationSeconds,optional"`
	stsinput.Policies
}

func (w *WebIdentity) Annotate(a infer.Annotator) {
	a.SetToken("index", "AssumeRoleWithWebIdentity")
	a.Describe(w, "A role for the provider to act as, assumed with a web identity (OIDC) token instead of keys.")
	a.Describe(&w.RoleArn, "ARN of the IAM role to assume, for example `arn:aws:iam::123456789012:role/ci`.")
	a.Describe(&w.SessionName, "Name of the session, 2-64 characters of letters, digits and `+=,.@_-`. Defaults to `"+
		stsinput.DefaultSessionName+"`.")
	a.Describe(&w.WebIdentityToken, fmt.Sprintf("The OIDC token itself (%d-%d characters). Kept secret. Give this or "+
		"webIdentityTokenFile.", stsinput.MinWebIdentityToken, stsinput.MaxWebIdentityToken))
	a.Describe(&w.WebIdentityTokenFile, "Path of a file holding the OIDC token, read again each time the "+
		"credentials are refreshed (as Kubernetes and CI systems rotate it). Give this or webIdentityToken.")
	a.Describe(&w.DurationSeconds, "Lifetime of the credentials in seconds, 900 to 43200, and no more than the "+
		"role's maximum session duration. AWS's default is 3600.")
	a.Describe(&w.Policy, "An inline session policy, as JSON.")
	a.Describe(&w.PolicyArns, "ARNs of up to 10 IAM managed policies to use as session policies.")
}

// validate checks the block as AWS would, with the checks AssumeRole's
// fields of the same kind use.
func (w *WebIdentity) validate(prefix string) []violation.Violation {
	l := &violation.List{Prefix: prefix}
	stsinput.RoleArn(l, "roleArn", w.RoleArn)
	if w.SessionName != nil {
		l.SessionName("sessionName", *w.SessionName)
	}
	if w.DurationSeconds != nil {
		l.Duration("durationSeconds", *w.DurationSeconds)
	}
	w.CheckPolicies(l)
	token, file := deref(w.WebIdentityToken), deref(w.WebIdentityTokenFile)
	switch {
	case token == "" && file == "":
		l.Add("webIdentityToken", "is required, or webIdentityTokenFile: give the OIDC token or the file that holds it")
	case token != "" && file != "":
		l.Add("webIdentityTokenFile", "cannot be used together with webIdentityToken; give one of them")
	case token != "":
		stsinput.WebIdentityToken(l, "webIdentityToken", token)
	}
	return l.All
}

func (w *WebIdentity) settings() *session.WebIdentity {
	if w == nil {
		return nil
	}
	return &session.WebIdentity{
		RoleArn:     w.RoleArn,
		SessionName: stsinput.SessionName(w.SessionName),
		Token:       deref(w.WebIdentityToken),
		TokenFile:   deref(w.WebIdentityTokenFile),
		Duration:    seconds(w.DurationSeconds),
		Policy:      deref(w.Policy),
		PolicyArns:  w.PolicyDescriptors(),
	}
}
