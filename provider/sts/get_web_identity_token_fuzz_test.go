package sts

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
)

func TestGetWebIdentityTokenValidate(t *testing.T) {
	d := func(n int) *int { return &n }
	ok := func(a GetWebIdentityTokenArgs) GetWebIdentityTokenArgs {
		if a.Audience == nil {
			a.Audience = []string{"api://AzureADTokenExchange"}
		}
		if a.SigningAlgorithm == "" {
			a.SigningAlgorithm = "RS256"
		}
		return a
	}
	for _, c := range []struct {
		name string
		args GetWebIdentityTokenArgs
		want []string
	}{
		{"minimal", ok(GetWebIdentityTokenArgs{}), nil},
		{"at the bounds", ok(GetWebIdentityTokenArgs{Audience: make10(strings.Repeat("a", 1000)), SigningAlgorithm: "ES384",
			DurationSeconds: d(3600), Tags: map[string]string{strings.Repeat("k", 128): strings.Repeat("v", 256)}}), nil},
		{"60 seconds", ok(GetWebIdentityTokenArgs{DurationSeconds: d(60)}), nil},
		{"no audience", GetWebIdentityTokenArgs{Audience: []string{}, SigningAlgorithm: "RS256"},
			[]string{"audience: must hold at least 1 audience: who the token is for"}},
		{"eleven audiences, one empty", GetWebIdentityTokenArgs{Audience: append(make10("a"), ""), SigningAlgorithm: "RS256"},
			[]string{"audience: may hold at most 10 audiences, but holds 11", "audience[10]: must be 1 to 1000 characters long, but is 0"}},
		{"audience too long", ok(GetWebIdentityTokenArgs{Audience: []string{"ok", strings.Repeat("ä", 1001)}}),
			[]string{"audience[1]: must be 1 to 1000 characters long, but is 1001"}},
		{"algorithms", GetWebIdentityTokenArgs{Audience: []string{"a"}, SigningAlgorithm: "rs256"},
			[]string{`signingAlgorithm: must be RS256 or ES384, but is "rs256"`}},
		{"HS256 is not offered", GetWebIdentityTokenArgs{Audience: []string{"a"}, SigningAlgorithm: "HS256"},
			[]string{`signingAlgorithm: must be RS256 or ES384, but is "HS256"`}},
		{"durations", ok(GetWebIdentityTokenArgs{DurationSeconds: d(59)}),
			[]string{"durationSeconds: must be between 60 (1 minute) and 3600 (1 hour), but is 59"}},
		{"3601", ok(GetWebIdentityTokenArgs{DurationSeconds: d(3601)}), []string{"but is 3601"}},
		{"tags", ok(GetWebIdentityTokenArgs{Tags: map[string]string{"": "x", "Team": "a", "team": "b", "bad\x00": "v", "k": "\t"}}), []string{
			`tags[""] key: must be 1 to 128 characters long, but is 0`,
			`tags["bad\x00"] key: may contain only letters, digits, spaces and _.:/=+-@; found "\x00"`,
			`tags["k"]: may contain only letters, digits, spaces and _.:/=+-@; found "\t"`,
			`tags["team"]: duplicates tag "Team": AWS compares tag keys ignoring case`}},
		{"51 tags", ok(GetWebIdentityTokenArgs{Tags: tags51()}), []string{"tags: may hold at most 50 session tags, but holds 51"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			vs := c.args.Validate()
			assert.Len(t, vs, len(c.want), "%v", vs)
			for i := range min(len(vs), len(c.want)) {
				assert.Contains(t, vs[i].Error(), c.want[i])
			}
		})
	}
}

func make10(aud string) []string {
	out := make([]string, 10)
	for i := range out {
		out[i] = aud
	}
	return out
}

func tags51() map[string]string {
	m := map[string]string{}
	for i := range 51 {
		m[fmt.Sprintf("k%d", i)] = "v"
	}
	return m
}

// FuzzGetWebIdentityTokenValidate: any audiences, algorithm, duration and
// tag answer without a panic, each violation naming one input, and the
// audience and algorithm rules agree with the model's written out another
// way. Run longer with
// `go test -run '^$' -fuzz '^FuzzGetWebIdentityTokenValidate$' -fuzztime 2m ./provider/sts`.
func FuzzGetWebIdentityTokenValidate(f *testing.F) {
	f.Add("api://AzureADTokenExchange", 1, "RS256", 300, "team", "platform")
	f.Add("", 11, "ES384", 59, "", "")
	f.Add(strings.Repeat("é", 1001), 0, "es384", 3601, "k\x00", "v\t")
	f.Fuzz(func(t *testing.T, aud string, n int, alg string, dur int, key, value string) {
		n = min(max(n, 0), 12)
		a := GetWebIdentityTokenArgs{Audience: make([]string, n), SigningAlgorithm: alg, DurationSeconds: &dur,
			Tags: map[string]string{key: value}}
		for i := range a.Audience {
			a.Audience[i] = aud
		}
		vs := a.Validate()
		fields := map[string]int{}
		for _, v := range vs {
			field, _, _ := strings.Cut(v.Field, "[")
			switch field {
			case "audience", "signingAlgorithm", "durationSeconds", "tags":
				fields[field]++
			default:
				t.Fatalf("violation of no input: %v", v)
			}
		}
		audOK := n >= 1 && n <= 10 && (n == 0 || utf8.RuneCountInString(aud) >= 1 && utf8.RuneCountInString(aud) <= 1000)
		if audOK != (fields["audience"] == 0) {
			t.Fatalf("audience %d×%q: %v", n, aud, vs)
		}
		if algOK := alg == "RS256" || alg == "ES384"; algOK != (fields["signingAlgorithm"] == 0) {
			t.Fatalf("algorithm %q: %v", alg, vs)
		}
		if durOK := dur >= 60 && dur <= 3600; durOK != (fields["durationSeconds"] == 0) {
			t.Fatalf("duration %d: %v", dur, vs)
		}
	})
}
