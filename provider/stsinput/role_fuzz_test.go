package stsinput

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/fuzzcheck"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

// FuzzValidate feeds arbitrary AssumeRole inputs to Validate. It must never
// panic, must name a field and a reason for every violation, must answer the
// same twice, and when it accepts the inputs, the request Input() builds must
// carry exactly them, within AWS's limits. Seeds are in
// testdata/fuzz/FuzzValidate; run longer with
// `go test -run '^$' -fuzz '^FuzzValidate$' -fuzztime 2m ./provider/stsinput`.
func FuzzValidate(f *testing.F) {
	f.Add("arn:aws:iam::123456789012:role/Deployer", "ci-42", `{"Version":"2012-10-17"}`,
		"team", "platform", "ext-id", "arn:aws:iam::123456789012:mfa/alice", "123456", "alice",
		"arn:aws:iam::aws:policy/ReadOnlyAccess", 3600, uint16(0xffff))
	f.Add("arn:aws:iam::123456789012:role/a/b/Deployer", "", "", "", "", "", "", "", "", "", 0, uint16(0))
	f.Add("arn:aws:iam::123456789012:user/alice", "has space", "{", "Team", "a;b", "x", "short", "12a456",
		"aws:me", "ReadOnly", 60, uint16(0xffff))
	f.Add("", "\x00", "\u65e5", "", "🚀", "é", "", "", "AWS:", "", -1, uint16(0x5555))
	f.Fuzz(func(t *testing.T, roleArn, session, policy, tagKey, tagValue, externalID, serial, token,
		source, policyArn string, duration int, mask uint16) {
		a := Role{RoleArn: roleArn}
		opt := func(bit int, v string) *string {
			if mask&(1<<bit) == 0 {
				return nil
			}
			return &v
		}
		a.RoleSessionName = opt(0, session)
		a.Policy = opt(1, policy)
		a.ExternalId = opt(2, externalID)
		a.SerialNumber = opt(3, serial)
		a.TokenCode = opt(4, token)
		a.SourceIdentity = opt(5, source)
		if mask&(1<<6) != 0 {
			a.DurationSeconds = &duration
		}
		if mask&(1<<7) != 0 {
			a.Tags = map[string]string{tagKey: tagValue}
			if mask&(1<<8) != 0 {
				a.Tags[strings.ToUpper(tagKey)] = tagValue // may duplicate ignoring case
			}
		}
		if mask&(1<<9) != 0 {
			a.TransitiveTagKeys = []string{tagKey}
		}
		if mask&(1<<10) != 0 {
			a.PolicyArns = []string{policyArn}
		}
		if mask&(1<<11) != 0 {
			a.ProvidedContexts = []ProvidedContext{{ProviderArn: policyArn, ContextAssertion: policy}}
		}

		vs := fuzzcheck.Validate(t, "assumeRole.", func() []violation.Violation { return a.Validate("assumeRole.") })
		if len(vs) > 0 {
			return
		}

		// Accepted: the request carries exactly the inputs, within limits.
		in := a.Input()
		if aws.ToString(in.RoleArn) != roleArn {
			t.Fatalf("RoleArn %q became %q", roleArn, aws.ToString(in.RoleArn))
		}
		name := aws.ToString(in.RoleSessionName)
		if n := utf8.RuneCountInString(name); n < 2 || n > 64 || name != a.SessionName() {
			t.Fatalf("accepted session name %q", name)
		}
		if a.DurationSeconds != nil && (int(aws.ToInt32(in.DurationSeconds)) != duration || duration < 900 || duration > 43200) {
			t.Fatalf("accepted duration %d as %d", duration, aws.ToInt32(in.DurationSeconds))
		}
		if a.DurationSeconds == nil && in.DurationSeconds != nil {
			t.Fatal("a duration appeared from nowhere")
		}
		if len(in.Tags) != len(a.Tags) || len(in.PolicyArns) != len(a.PolicyArns) ||
			len(in.ProvidedContexts) != len(a.ProvidedContexts) || !reflect.DeepEqual(in.TransitiveTagKeys, a.TransitiveTagKeys) {
			t.Fatalf("lists changed: %+v from %+v", in, a)
		}
		seen := map[string]bool{}
		for _, tag := range in.Tags {
			k := strings.ToLower(aws.ToString(tag.Key))
			if seen[k] || a.Tags[aws.ToString(tag.Key)] != aws.ToString(tag.Value) {
				t.Fatalf("tag %q duplicated or changed", aws.ToString(tag.Key))
			}
			seen[k] = true
		}
		if s := aws.ToString(in.SourceIdentity); strings.HasPrefix(strings.ToLower(s), "aws:") {
			t.Fatalf("accepted source identity %q", s)
		}
		if (in.SerialNumber == nil) != (in.TokenCode == nil) {
			t.Fatal("accepted serialNumber and tokenCode apart")
		}
		if c := aws.ToString(in.TokenCode); in.TokenCode != nil && (len(c) != 6 || strings.Trim(c, "0123456789") != "") {
			t.Fatalf("accepted token code %q", c)
		}
		if p := aws.ToString(in.Policy); in.Policy != nil && utf8.RuneCountInString(p) > 2048 {
			t.Fatalf("accepted a %d-character policy", utf8.RuneCountInString(p))
		}
	})
}
