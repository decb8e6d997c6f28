package sts

import (
	"context"
	_ "embed"
	"encoding/base64"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/arn"
	awssts "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/principal"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/session"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/stsinput"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

//go:embed assume_role_with_saml.md
var samlDoc string

// AssumeRoleWithSaml is aws-identity:sts:assumeRoleWithSaml.
type AssumeRoleWithSaml struct{}

// AssumeRoleWithSamlArgs are the inputs of STS AssumeRoleWithSAML.
type AssumeRoleWithSamlArgs struct {
	RoleArn       string `pulumi:"roleArn"`
	PrincipalArn  string `pulumi:"principalArn"`
	SamlAssertion string `pulumi:"samlAssertion" provider:"secret"`
	stsinput.Policies
	DurationSeconds *int `pulumi:"durationSeconds,optional"`
}

// AssumeRoleWithSamlResult holds temporary credentials for the role and what STS read
// from the assertion.
type AssumeRoleWithSamlResult struct {
	stsinput.RoleSession
	Audience      string `pulumi:"audience"`
	Issuer        string `pulumi:"issuer"`
	NameQualifier string `pulumi:"nameQualifier"`
	Subject       string `pulumi:"subject"`
	SubjectType   string `pulumi:"subjectType"`
}

// The limits of SAMLAssertionType in AWS's service model.
const minSAMLAssertion, maxSAMLAssertion = 4, 100000

func (f *AssumeRoleWithSaml) Annotate(a infer.Annotator) { a.Describe(f, samlDoc) }

func (a *AssumeRoleWithSamlArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.RoleArn, "ARN of the IAM role to assume, for example `arn:aws:iam::123456789012:role/Admins`. "+
		"Its trust policy must trust the SAML provider for sts:AssumeRoleWithSAML.")
	an.Describe(&a.PrincipalArn, "ARN of the IAM SAML identity provider that describes the IdP, "+
		"`arn:aws:iam::ACCOUNT:saml-provider/NAME`.")
	an.Describe(&a.SamlAssertion, "The base64-encoded SAML authentication response the identity provider "+
		"issued (the `SAMLResponse` form value it posts), 4-100000 characters. Secret: never shown, logged or "+
		"stored in plain text.")
	an.Describe(&a.DurationSeconds, "Lifetime of the credentials in seconds, 900 (15 minutes) to 43200 "+
		"(12 hours), no more than the role's maximum session duration, and cut short by the assertion's "+
		"SessionNotOnOrAfter. AWS's default is 3600.")
}

func (r *AssumeRoleWithSamlResult) Annotate(a infer.Annotator) {
	a.Describe(&r.Audience, "The assertion's `Recipient` (of its SubjectConfirmationData), usually "+
		"`https://signin.aws.amazon.com/saml`.")
	a.Describe(&r.Issuer, "The assertion's `Issuer`: the identity provider's entity ID.")
	a.Describe(&r.NameQualifier, "A hash of the issuer, the account ID and the SAML provider's name: with "+
		"subject, it identifies the user uniquely.")
	a.Describe(&r.Subject, "The assertion's `NameID`: who the identity provider says the user is.")
	a.Describe(&r.SubjectType, "The format of the NameID: `persistent`, `transient`, or the full format URI.")
	a.Describe(&r.SourceIdentity, "The source identity the assertion set on the session, if any.")
	a.Describe(&r.PackedPolicySize, "Percentage of the allowed size that the session policies and the "+
		"assertion's session tags use, after AWS packs them. Near 100, the request is close to failing.")
}

// Validate checks every input against AWS's limits and returns all
// violations at once, each naming its field. No message quotes the
// assertion: only its length and the kind of its problem.
func (a *AssumeRoleWithSamlArgs) Validate() []violation.Violation {
	l := &violation.List{}
	stsinput.RoleArn(l, "roleArn", a.RoleArn)
	samlProviderArn(l, "principalArn", a.PrincipalArn)
	l.Length("samlAssertion", a.SamlAssertion, minSAMLAssertion, maxSAMLAssertion)
	if !isBase64(a.SamlAssertion) {
		hint := ""
		if strings.Contains(a.SamlAssertion, "%") {
			hint = "; it looks URL-encoded: URL-decode the SAMLResponse value first"
		} else if strings.HasPrefix(strings.TrimSpace(a.SamlAssertion), "<") {
			hint = "; it looks like the XML itself: base64-encode it"
		}
		l.Add("samlAssertion", "is not base64, which the identity provider's SAMLResponse is%s", hint)
	}
	a.CheckPolicies(l)
	if a.DurationSeconds != nil {
		l.Duration("durationSeconds", *a.DurationSeconds)
	}
	return l.All
}

// samlProviderArn checks an IAM SAML provider's ARN.
func samlProviderArn(l *violation.List, field, value string) {
	l.ARN(field, value)
	const example = "arn:aws:iam::123456789012:saml-provider/Okta"
	if _, err := principal.Parse(l.Prefix+field, value); err != nil {
		l.Add(field, "is not an ARN (%s); pass an IAM SAML provider ARN such as %s", err.(*principal.Error).Reason, example)
		return
	}
	a, _ := arn.Parse(value)
	name, ok := strings.CutPrefix(a.Resource, "saml-provider/")
	if a.Service != "iam" || !ok || name == "" {
		l.Add(field, "%s is not an IAM SAML provider ARN; pass one such as %s", violation.Quote(value), example)
	}
}

// isBase64 says whether s is standard base64. AWS's model sets no pattern
// for SAMLAssertionType; this catches the common mistakes (a URL-encoded
// value, the XML itself) and lets through the line breaks some identity
// providers put every 76 characters.
func isBase64(s string) bool {
	s = strings.NewReplacer("\r", "", "\n", "").Replace(s)
	_, err := base64.StdEncoding.DecodeString(s)
	return err == nil
}

// Input builds the AssumeRoleWithSAML request. Call Validate first.
func (a *AssumeRoleWithSamlArgs) Input() *awssts.AssumeRoleWithSAMLInput {
	in := &awssts.AssumeRoleWithSAMLInput{
		RoleArn:         aws.String(a.RoleArn),
		PrincipalArn:    aws.String(a.PrincipalArn),
		SAMLAssertion:   aws.String(a.SamlAssertion),
		Policy:          a.Policy,
		PolicyArns:      a.PolicyDescriptors(),
		DurationSeconds: stsinput.Duration(a.DurationSeconds),
	}
	return in
}

func (AssumeRoleWithSaml) Invoke(ctx context.Context, req infer.FunctionRequest[AssumeRoleWithSamlArgs]) (infer.FunctionResponse[AssumeRoleWithSamlResult], error) {
	in := req.Input
	out, err := call(ctx, "assumeRoleWithSaml", in.Validate(),
		session.Call{Op: "sts:AssumeRoleWithSAML", Unsigned: true, Hint: samlHint},
		func(c *awssts.Client, o ...func(*awssts.Options)) (*awssts.AssumeRoleWithSAMLOutput, error) {
			return c.AssumeRoleWithSAML(ctx, in.Input(), o...)
		})
	if err != nil {
		return infer.FunctionResponse[AssumeRoleWithSamlResult]{}, err
	}
	rs, err := stsinput.NewRoleSession("sts:AssumeRoleWithSAML", in.RoleArn, out.Credentials, out.AssumedRoleUser,
		//nolint:staticcheck // deprecated by AWS, but part of the contract, as in assumeRole
		out.PackedPolicySize, out.SourceIdentity)
	if err != nil {
		return infer.FunctionResponse[AssumeRoleWithSamlResult]{}, err
	}
	return infer.FunctionResponse[AssumeRoleWithSamlResult]{Output: AssumeRoleWithSamlResult{
		RoleSession:   rs,
		Audience:      aws.ToString(out.Audience),
		Issuer:        aws.ToString(out.Issuer),
		NameQualifier: aws.ToString(out.NameQualifier),
		Subject:       aws.ToString(out.Subject),
		SubjectType:   aws.ToString(out.SubjectType),
	}}, nil
}

// samlHint is what to do about AssumeRoleWithSAML's errors. The provider's
// own credentials take no part in the call, so no advice names them.
func samlHint(code, _ string) string {
	switch code {
	case "InvalidIdentityToken", "InvalidIdentityTokenException":
		return "STS could not verify the SAML assertion: check that principalArn names the IAM SAML provider " +
			"whose metadata document holds the identity provider's current signing certificate, and that the " +
			"assertion is the base64 SAMLResponse as the identity provider posted it, unchanged."
	case "IDPRejectedClaim", "IDPRejectedClaimException":
		return "The assertion does not allow this role: check that its https://aws.amazon.com/SAML/Attributes/Role " +
			"attribute holds the pair roleArn,principalArn, that the role's trust policy trusts principalArn for " +
			"sts:AssumeRoleWithSAML, and that its conditions on SAML:aud and the other SAML keys match the assertion."
	case "ExpiredTokenException", "ExpiredToken":
		return "The SAML assertion has expired (assertions are valid for about 5 minutes after the identity " +
			"provider issues them): sign in again to get a fresh one and run again. The provider's own " +
			"credentials took no part in this call."
	case "AccessDenied", "AccessDeniedException":
		return "Check that the role's trust policy allows sts:AssumeRoleWithSAML for principalArn, and that " +
			"the role is not an IAM Identity Center role (AWSReservedSSO_...), which AssumeRoleWithSAML refuses."
	}
	return ""
}
