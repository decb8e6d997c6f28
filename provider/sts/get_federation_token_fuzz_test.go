package sts

import (
	"maps"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/fuzzcheck"
)

// FuzzFederationValidate feeds arbitrary GetFederationToken inputs to
// Validate. It must never panic, must name a field and a reason for every
// violation, must answer the same twice, and when it accepts the inputs,
// the request carries exactly them, within AWS's limits. Run longer with
// `go test -run '^$' -fuzz '^FuzzFederationValidate$' -fuzztime 2m ./provider/sts`.
func FuzzFederationValidate(f *testing.F) {
	f.Add("report-reader", `{"Version":"2012-10-17"}`, "arn:aws:iam::aws:policy/ReadOnlyAccess", "team", "finance",
		7200, uint8(0xff))
	f.Add("a b", "{", "ReadOnly", "Team", "a;b", 129601, uint8(0xff))
	f.Add("", "", "", "", "", 0, uint8(0))
	f.Add("lectör\x00", "\u65e5", "arn:aws:iam::aws:policy/\x7f", "", "🚀", 899, uint8(0xff))
	f.Fuzz(func(t *testing.T, name, policy, policyArn, tagKey, tagValue string, duration int, mask uint8) {
		a := GetFederationTokenArgs{Name: name}
		if mask&1 != 0 {
			a.Policy = &policy
		}
		if mask&2 != 0 {
			a.DurationSeconds = &duration
		}
		if mask&4 != 0 {
			a.PolicyArns = []string{policyArn}
		}
		if mask&8 != 0 {
			a.Tags = map[string]string{tagKey: tagValue}
			if mask&16 != 0 {
				a.Tags[strings.ToUpper(tagKey)] = tagValue // may duplicate ignoring case
			}
		}
		if len(fuzzcheck.Validate(t, "", a.Validate)) > 0 {
			return
		}
		in := a.Input()
		if n := utf8.RuneCountInString(aws.ToString(in.Name)); aws.ToString(in.Name) != name || n < 2 || n > 32 {
			t.Fatalf("accepted name %q", name)
		}
		if a.DurationSeconds != nil && (duration < 900 || duration > 129600 || int(aws.ToInt32(in.DurationSeconds)) != duration) {
			t.Fatalf("accepted duration %d as %d", duration, aws.ToInt32(in.DurationSeconds))
		}
		if len(in.PolicyArns) != len(a.PolicyArns) {
			t.Fatalf("policy ARNs changed: %+v from %+v", in.PolicyArns, a.PolicyArns)
		}
		// The request's tags are the inputs', and no two keys are equal
		// ignoring case, which AWS would refuse.
		sent, lower := map[string]string{}, map[string]bool{}
		for _, tag := range in.Tags {
			sent[aws.ToString(tag.Key)] = aws.ToString(tag.Value)
			lower[strings.ToLower(aws.ToString(tag.Key))] = true
		}
		if len(sent) != len(a.Tags) || len(lower) != len(sent) || (len(sent) > 0 && !maps.Equal(sent, a.Tags)) {
			t.Fatalf("accepted tags %q as %q", a.Tags, sent)
		}
	})
}
