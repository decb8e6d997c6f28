package sts

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/fuzzcheck"
)

// FuzzGetSessionToken feeds arbitrary GetSessionToken inputs to Validate. It must
// never panic, must name a field and a reason for every violation, must
// answer the same twice, and when it accepts the inputs, the request Input()
// builds must carry exactly them, within AWS's limits. Seeds are in
// testdata/fuzz/FuzzGetSessionToken; run longer with
// `go test -run '^$' -fuzz '^FuzzGetSessionToken$' -fuzztime 2m ./provider/sts`.
func FuzzGetSessionToken(f *testing.F) {
	f.Add(3600, "arn:aws:iam::123456789012:mfa/alice", "123456", uint8(0x7))
	f.Add(129600, "GAHT12345678", "000000", uint8(0x7))
	f.Add(899, "short", "12a45", uint8(0x7))
	f.Add(0, "", "", uint8(0))
	f.Fuzz(func(t *testing.T, duration int, serial, code string, mask uint8) {
		var a GetSessionTokenArgs
		if mask&1 != 0 {
			a.DurationSeconds = &duration
		}
		if mask&2 != 0 {
			a.SerialNumber = &serial
		}
		if mask&4 != 0 {
			a.TokenCode = &code
		}
		vs := fuzzcheck.Validate(t, "", a.Validate)
		if len(vs) > 0 {
			return
		}

		// Accepted: the request carries exactly the inputs, within limits.
		in := a.Input()
		if a.DurationSeconds != nil && (int(aws.ToInt32(in.DurationSeconds)) != duration || duration < 900 || duration > 129600) {
			t.Fatalf("accepted duration %d as %d", duration, aws.ToInt32(in.DurationSeconds))
		}
		if a.DurationSeconds == nil && in.DurationSeconds != nil {
			t.Fatal("a duration appeared from nowhere")
		}
		if (in.SerialNumber == nil) != (in.TokenCode == nil) {
			t.Fatal("accepted serialNumber and tokenCode apart")
		}
		if in.TokenCode != nil && (aws.ToString(in.TokenCode) != code || len(code) != 6 || strings.Trim(code, "0123456789") != "") {
			t.Fatalf("accepted token code %q", code)
		}
		if in.SerialNumber != nil {
			s := aws.ToString(in.SerialNumber)
			if n := utf8.RuneCountInString(s); s != serial || n < 9 || n > 256 {
				t.Fatalf("accepted serial number %q", s)
			}
			for _, r := range s {
				allowed := r < 128 && (r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' ||
					strings.ContainsRune("+=/:,.@-", r))
				if !allowed {
					t.Fatalf("accepted serial number %q with %q", s, r)
				}
			}
		}
	})
}
