package sts

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode"

	"github.com/stretchr/testify/assert"
)

const encoded = "9n5dGRjbvKrN-4IbL8Lw_cWxZSVgoHx2Kbyy7p3xHpfYj3vRbUb2xTu-q0YAH-bi6mo3tX3s"

// What users paste: the message is found in all of it.
func TestExtractEncoded(t *testing.T) {
	for _, c := range []struct {
		name, text, want string
		found            bool
	}{
		{"message alone", encoded, encoded, false},
		{"message with line breaks around", "\n  " + encoded + "\r\n", encoded, false},
		{"message in quotes", `"` + encoded + `"`, encoded, false},
		{"message in single quotes", `'` + encoded + `'`, encoded, false},
		{"message wrapped by a terminal", encoded[:30] + "\n" + encoded[30:], encoded, false},
		{"AWS CLI error", "An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are " +
			"not authorized to perform this operation. Encoded authorization failure message: " + encoded, encoded, true},
		{"trailing full stop", "... Encoded authorization failure message: " + encoded + ".", encoded, true},
		{"trailing newline and more text", "Encoded authorization failure message: " + encoded + "\n\tstatus code: 403", encoded, true},
		{"quoted error", `"Encoded authorization failure message: ` + encoded + `"`, encoded, true},
		{"JSON-escaped error body", `{"Errors":{"Error":{"Code":"UnauthorizedOperation","Message":"You are not ` +
			`authorized to perform this operation. Encoded authorization failure message: ` + encoded + `\"}}}`, encoded, true},
		{"JSON-escaped newline after", `"message":"Encoded authorization failure message: ` + encoded + `\n"`, encoded, true},
		{"SDK error, lower case marker", "api error UnauthorizedOperation: encoded authorization failure message: " + encoded + ", ", encoded, true},
		{"marker then line break", "Encoded authorization failure message:\n" + encoded, encoded, true},
		{"the last of two", "Encoded authorization failure message: old-one. Encoded authorization failure message: " + encoded, encoded, true},
		{"non-ASCII before the marker", "Ünauthorized — İstanbul Encoded authorization failure message: " + encoded, encoded, true},
		{"a megabyte of log around it", strings.Repeat("noise ", 100_000) + "Encoded authorization failure message: " +
			encoded + "\n" + strings.Repeat("more noise ", 100_000), encoded, true},
		{"marker without message", "Encoded authorization failure message: ", "", true},
		{"marker followed by punctuation", "Encoded authorization failure message: (none)", "", true},
	} {
		t.Run(c.name, func(t *testing.T) {
			got, found := extractEncoded(c.text)
			assert.Equal(t, c.want, got)
			assert.Equal(t, c.found, found)
		})
	}
}

func TestDecodeAuthorizationMessageValidate(t *testing.T) {
	for _, c := range []struct {
		name, text string
		want       []string
	}{
		{"ok", encoded, nil},
		{"ok in an error text", "Encoded authorization failure message: " + encoded, nil},
		{"empty", "", []string{"encodedMessage: is empty: pass the encoded message of an authorization failure, or the whole error text"}},
		{"white space", " \n\t", []string{"encodedMessage: is empty"}},
		{"too long", strings.Repeat("A", 10241), []string{"encodedMessage: must be 1 to 10240 characters long, but is 10241"}},
		{"too long in an error text", "Encoded authorization failure message: " + strings.Repeat("A", 10241),
			[]string{"encodedMessage: must be 1 to 10240 characters long, but is 10241"}},
		{"prose without the marker", "You are not authorized to perform this operation.",
			[]string{`encodedMessage: is not an encoded authorization message (it has spaces) and holds no "Encoded authorization failure message:"`}},
		{"marker without message", "Encoded authorization failure message: .",
			[]string{`encodedMessage: holds "Encoded authorization failure message:" but no message after it`}},
	} {
		t.Run(c.name, func(t *testing.T) {
			vs := (&DecodeAuthorizationMessageArgs{EncodedMessage: c.text}).Validate()
			assert.Len(t, vs, len(c.want), "%v", vs)
			for i := range min(len(vs), len(c.want)) {
				assert.Contains(t, vs[i].Error(), c.want[i])
			}
		})
	}
}

func TestParseDecoded(t *testing.T) {
	doc := `{"allowed":true,"explicitDeny":false,"matchedStatements":{"items":[{"statementId":"","effect":"ALLOW",` +
		`"principals":{"items":[{"value":"AROAEXAMPLE:ci"}]},"actions":{"items":[{"value":"s3:GetObject"},{"value":"s3:*"}]},` +
		`"resources":{"items":[{"value":"*"}]},"conditions":{"items":[]}}]},"context":{"principal":{"id":"AROAEXAMPLE:ci",` +
		`"arn":"arn:aws:sts::123456789012:assumed-role/ci/ci"},"action":"s3:GetObject","resource":"arn:aws:s3:::b/k",` +
		`"conditions":{"items":[{"key":"aws:SecureTransport","values":{"items":[{"value":true}]}},` +
		`{"key":"s3:max-keys","values":{"items":[{"value":1000}]}},{"key":"aws:TagKeys","values":{"items":[{"value":"a"},{"value":"b"}]}}]}}}`
	d := parseDecoded(doc)
	assert.Equal(t, doc, d.DecodedMessage)
	assert.True(t, *d.Allowed)
	assert.False(t, *d.ExplicitDeny)
	assert.Len(t, d.MatchedStatements, 1)
	assert.Equal(t, []string{"s3:GetObject", "s3:*"}, d.MatchedStatements[0].Actions)
	assert.Equal(t, "ALLOW", d.MatchedStatements[0].Effect)
	assert.Equal(t, RequestPrincipal{ID: "AROAEXAMPLE:ci", Arn: "arn:aws:sts::123456789012:assumed-role/ci/ci"}, d.Principal)
	assert.Equal(t, map[string][]string{"aws:SecureTransport": {"true"}, "s3:max-keys": {"1000"}, "aws:TagKeys": {"a", "b"}}, d.Conditions)
	assert.Empty(t, d.Note)

	for _, c := range []struct{ name, doc, note string }{
		{"not JSON", "<xml/>", "is not a JSON document"},
		{"two documents", "{} {}", "is not a JSON document"},
		{"a stray brace after", `{"allowed":true,"explicitDeny":false,"context":{"principal":{},"action":"a","resource":"r"}}}`,
			"is not a JSON document"},
		{"a list", "[1,2]", "JSON but not an object"},
		{"null", "null", "JSON but not an object"},
		{"empty object", "{}", "allowed, explicitDeny, context missing"},
		{"strings for booleans", `{"allowed":"false","explicitDeny":0,"context":{}}`,
			"allowed, explicitDeny, context.principal, context.action, context.resource missing"},
		{"statements not a list", `{"allowed":false,"explicitDeny":false,"matchedStatements":"x","context":{"principal":{},"action":"a","resource":"r"}}`,
			"matchedStatements missing"},
		{"statement not an object", `{"allowed":false,"explicitDeny":false,"matchedStatements":[1],"context":{"principal":{},"action":"a","resource":"r"}}`,
			"matchedStatements item missing"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := parseDecoded(c.doc)
			assert.Equal(t, c.doc, d.DecodedMessage, "decodedMessage is returned as it came")
			assert.Contains(t, d.Note, c.note)
		})
	}
}

// FuzzExtractEncoded: whatever is pasted, the message found is a part of
// it with no white space, and checking it never panics. Run longer with
// `go test -run '^$' -fuzz '^FuzzExtractEncoded$' -fuzztime 2m ./provider/sts`.
func FuzzExtractEncoded(f *testing.F) {
	f.Add(encoded)
	f.Add("Encoded authorization failure message: " + encoded + ".")
	f.Add(`{"Message":"Encoded authorization failure message: ` + encoded + `\"}`)
	f.Add("ENCODED AUTHORIZATION FAILURE MESSAGE:\u00a0" + encoded)
	f.Add("\"'`\r\n")
	f.Fuzz(func(t *testing.T, text string) {
		m, found := extractEncoded(text)
		if found {
			if !strings.Contains(text, m) {
				t.Fatalf("%q is not part of %q", m, text)
			}
			if strings.IndexFunc(m, unicode.IsSpace) >= 0 || strings.ContainsAny(m, `"'.\`) {
				t.Fatalf("%q holds white space, quotes, full stops or backslashes", m)
			}
		} else if strings.ContainsAny(m, "\r\n") {
			t.Fatalf("%q holds a line break", m)
		}
		vs := (&DecodeAuthorizationMessageArgs{EncodedMessage: text}).Validate()
		for _, v := range vs {
			if !strings.HasPrefix(v.Error(), "encodedMessage: ") {
				t.Fatalf("a violation not naming encodedMessage: %v", v)
			}
		}
		if len(vs) == 0 && (m == "" || len([]rune(m)) > maxEncodedMessage) {
			t.Fatalf("%q accepted", m)
		}
	})
}

// FuzzParseDecoded: any text, and any JSON AWS could send, is read without
// a panic; decodedMessage is the text as it came, a note says when the
// shape was not AWS's, and the statements' JSON is valid. Run longer with
// `go test -run '^$' -fuzz '^FuzzParseDecoded$' -fuzztime 2m ./provider/sts`.
func FuzzParseDecoded(f *testing.F) {
	f.Add(`{"allowed":false,"explicitDeny":true,"matchedStatements":{"items":[{"statementId":"x","effect":"DENY"}]},` +
		`"context":{"principal":{"id":"i","name":"n","arn":"a"},"action":"s3:Get","resource":"*","conditions":{"items":[{"key":"k","values":{"items":[{"value":1}]}}]}}}`)
	f.Add(`{"allowed":null,"matchedStatements":{"items":null},"context":{"conditions":[{"key":{},"values":[[],{}]}]}}`)
	f.Add(`{"matchedStatements":[{"principals":{"items":[{"value":{"deep":[1,2]}}]}}],"context":{"principal":[]}}`)
	f.Add(strings.Repeat("[", 20000))
	f.Add(`{"allowed":1e400}`)
	f.Add("\xff\xfe")
	f.Fuzz(func(t *testing.T, text string) {
		d := parseDecoded(text)
		if d.DecodedMessage != text {
			t.Fatalf("decodedMessage changed")
		}
		var v map[string]any
		if json.Unmarshal([]byte(text), &v) != nil && d.Note == "" {
			t.Fatalf("no note for a text that is not a JSON object: %q", text)
		}
		if d.MatchedStatements == nil || d.Conditions == nil {
			t.Fatalf("nil list or map: outputs must be empty, not missing")
		}
		for _, s := range d.MatchedStatements {
			if s.Statement != "" && !json.Valid([]byte(s.Statement)) {
				t.Fatalf("statement is not JSON: %q", s.Statement)
			}
		}
		if d.Note == "" && (d.Allowed == nil || d.ExplicitDeny == nil || d.Action == "" || d.Resource == "") {
			t.Fatalf("no note, yet a documented field is missing: %+v", d)
		}
	})
}
