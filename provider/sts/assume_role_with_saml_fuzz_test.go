package sts

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/fuzzcheck"
)

// FuzzSamlValidate feeds arbitrary AssumeRoleWithSAML inputs to Validate. It
// must never panic, must name a field and a reason for every violation, must
// answer the same twice, and must not quote the assertion: a message may say
// only how long it is and what kind of text it looks like. When it accepts
// the inputs, the request carries exactly them, within AWS's limits. Run
// longer with `go test -run '^$' -fuzz '^FuzzSamlValidate$' -fuzztime 2m ./provider/sts`.
func FuzzSamlValidate(f *testing.F) {
	f.Add("arn:aws:iam::123456789012:role/Admins", "arn:aws:iam::123456789012:saml-provider/Okta",
		"PHNhbWxwOlJlc3BvbnNlLz4=", `{"Version":"2012-10-17"}`, "arn:aws:iam::aws:policy/ReadOnlyAccess", 3600, uint8(0xff))
	f.Add("arn:aws:iam::123456789012:role/Admins", "arn:aws:iam::123456789012:oidc-provider/x", "PHNh\r\nbWxw",
		"{", "ReadOnly", 43201, uint8(0xff))
	f.Add("", "", "", "", "", 0, uint8(0))
	f.Add("arn:aws:iam::123456789012:role/\x00", "arn:aws:iam::123456789012:saml-provider/", "%3Csamlp%3E",
		"\u65e5", "arn:aws:iam::aws:policy/\x7f", -1, uint8(0xff))
	f.Fuzz(func(t *testing.T, roleArn, principalArn, assertion, policy, policyArn string, duration int, mask uint8) {
		a := AssumeRoleWithSamlArgs{RoleArn: roleArn, PrincipalArn: principalArn, SamlAssertion: assertion}
		if mask&1 != 0 {
			a.Policy = &policy
		}
		if mask&2 != 0 {
			a.DurationSeconds = &duration
		}
		if mask&4 != 0 {
			a.PolicyArns = []string{policyArn}
		}
		for _, v := range a.Validate() {
			if v.Field == "samlAssertion" && len(assertion) >= 4 && strings.Contains(v.Reason, assertion) {
				t.Fatalf("a message quotes the assertion: %q", v.Reason)
			}
		}
		if len(fuzzcheck.Validate(t, "", a.Validate)) > 0 {
			return
		}
		in := a.Input()
		if aws.ToString(in.RoleArn) != roleArn || aws.ToString(in.PrincipalArn) != principalArn ||
			aws.ToString(in.SAMLAssertion) != assertion {
			t.Fatal("an input changed on the way")
		}
		if n := utf8.RuneCountInString(assertion); n < 4 || n > 100000 || !isBase64(assertion) {
			t.Fatalf("accepted a %d-character assertion that is not base64", n)
		}
		if !strings.Contains(principalArn, ":saml-provider/") {
			t.Fatalf("accepted principalArn %q", principalArn)
		}
		if a.DurationSeconds != nil && (duration < 900 || duration > 43200 || int(aws.ToInt32(in.DurationSeconds)) != duration) {
			t.Fatalf("accepted duration %d as %d", duration, aws.ToInt32(in.DurationSeconds))
		}
		if len(in.PolicyArns) != len(a.PolicyArns) {
			t.Fatal("policy ARNs changed on the way")
		}
		if in.Policy != nil && utf8.RuneCountInString(*in.Policy) > 2048 {
			t.Fatalf("accepted a %d-character policy", utf8.RuneCountInString(*in.Policy))
		}
	})
}
