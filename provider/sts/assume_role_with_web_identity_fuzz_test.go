package sts

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/fuzzcheck"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

// FuzzAssumeRoleWithWebIdentity feeds arbitrary AssumeRoleWithWebIdentity inputs to Validate.
// It must never panic, must name a field and a reason for every violation,
// must answer the same twice, must let the token count by its length only
// (so that no message can carry any of it), and when it accepts the inputs,
// the request Input() builds must carry exactly them, within AWS's limits.
// Seeds are in testdata/fuzz/FuzzAssumeRoleWithWebIdentity; run longer with
// `go test -run '^$' -fuzz '^FuzzAssumeRoleWithWebIdentity$' -fuzztime 2m ./provider/sts`.
func FuzzAssumeRoleWithWebIdentity(f *testing.F) {
	f.Add("arn:aws:iam::123456789012:role/ci", "job-42", "header.payload.signature", "www.amazon.com",
		`{"Version":"2012-10-17"}`, "arn:aws:iam::aws:policy/ReadOnlyAccess", 3600, uint8(0xff))
	f.Add("arn:aws:iam::123456789012:user/alice", "x", "abc", "fb", "{", "ReadOnly", 60, uint8(0xff))
	f.Add("", "", "", "", "", "", 0, uint8(0))
	f.Add("arn:aws:iam::123456789012:role/\x00ci", "s\u00e9", "\x00\x00\x00\x00", "\u65e5\u65e5\u65e5\u65e5",
		"\u65e5", "arn:aws:iam::aws:policy/\x7f", 43201, uint8(0xff))
	f.Fuzz(func(t *testing.T, roleArn, session, token, providerID, policy, policyArn string, duration int, mask uint8) {
		a := AssumeRoleWithWebIdentityArgs{RoleArn: roleArn, WebIdentityToken: token}
		opt := func(bit int, v string) *string {
			if mask&(1<<bit) == 0 {
				return nil
			}
			return &v
		}
		a.RoleSessionName = opt(0, session)
		a.ProviderId = opt(1, providerID)
		a.Policy = opt(2, policy)
		if mask&(1<<3) != 0 {
			a.DurationSeconds = &duration
		}
		if mask&(1<<4) != 0 {
			a.PolicyArns = []string{policyArn}
		}

		vs := fuzzcheck.Validate(t, "", a.Validate)
		// Another token of the same length: the same answer, so nothing of
		// the token's content reaches a message.
		other := a
		other.WebIdentityToken = strings.Repeat("x", utf8.RuneCountInString(token))
		if vs2 := other.Validate(); !reflect.DeepEqual(vs, vs2) {
			t.Fatalf("the token's content changed the answer:\n%v\n%v", vs, vs2)
		}
		if len(vs) > 0 {
			return
		}

		// Accepted: the request carries exactly the inputs, within limits.
		in := a.Input()
		if aws.ToString(in.RoleArn) != roleArn || aws.ToString(in.WebIdentityToken) != token {
			t.Fatal("roleArn or the token changed on the way")
		}
		if n := utf8.RuneCountInString(token); n < 4 || n > 20000 {
			t.Fatalf("accepted a %d-character token", n)
		}
		name := aws.ToString(in.RoleSessionName)
		if n := utf8.RuneCountInString(name); n < 2 || n > 64 || name != a.SessionName() {
			t.Fatalf("accepted session name %q", name)
		}
		if p := in.ProviderId; p != nil && (utf8.RuneCountInString(*p) < 4 || utf8.RuneCountInString(*p) > 2048) {
			t.Fatalf("accepted providerId %q", *p)
		}
		if a.DurationSeconds != nil && (int(aws.ToInt32(in.DurationSeconds)) != duration || duration < 900 || duration > 43200) {
			t.Fatalf("accepted duration %d as %d", duration, aws.ToInt32(in.DurationSeconds))
		}
		if len(in.PolicyArns) != len(a.PolicyArns) {
			t.Fatalf("policyArns changed: %v", in.PolicyArns)
		}
		for _, p := range in.PolicyArns {
			if s := aws.ToString(p.Arn); !strings.HasPrefix(s, "arn:") || !violation.ARNChars.Contains(s) {
				t.Fatalf("accepted policy ARN %q", s)
			}
		}
		plain := 0
		for _, p := range a.PolicyArns {
			plain += utf8.RuneCountInString(p)
		}
		if in.Policy != nil {
			plain += utf8.RuneCountInString(aws.ToString(in.Policy))
		}
		if plain > 2048 {
			t.Fatalf("accepted %d characters of session policy", plain)
		}
	})
}
