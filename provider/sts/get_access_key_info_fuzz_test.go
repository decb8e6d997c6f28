package sts

import (
	"testing"
	"unicode/utf8"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/fuzzcheck"
)

// FuzzGetAccessKeyInfo feeds arbitrary access key IDs to Validate, and checks its
// answer against the model's rule written out another way: 16-128
// characters, each an ASCII letter, digit or _. Seeds are in
// testdata/fuzz/FuzzGetAccessKeyInfo; run longer with
// `go test -run '^$' -fuzz '^FuzzGetAccessKeyInfo$' -fuzztime 2m ./provider/sts`.
func FuzzGetAccessKeyInfo(f *testing.F) {
	f.Add("AKIAIOSFODNN7EXAMPLE")
	f.Add("ASIA_0123456789abcdef")
	f.Add("AKIA IOSFODNN7EXAMPLE")
	f.Add("")
	f.Fuzz(func(t *testing.T, key string) {
		a := GetAccessKeyInfoArgs{AccessKeyID: key}
		vs := fuzzcheck.Validate(t, "", a.Validate)
		for _, v := range vs {
			if v.Field != "accessKeyId" {
				t.Fatalf("violation of another field: %+v", v)
			}
		}
		n := utf8.RuneCountInString(key)
		lengthOK, charsOK := n >= 16 && n <= 128, true
		for _, r := range key {
			if word := r == '_' || r >= '0' && r <= '9' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'; !word {
				charsOK = false
			}
		}
		want := 0
		if !lengthOK {
			want++
		}
		if !charsOK {
			want++ // reported even when the length is wrong too
		}
		if len(vs) != want {
			t.Fatalf("%q: %d violations, want %d: %v", key, len(vs), want, vs)
		}
	})
}
