// Package fuzzcheck holds what every fuzz target of a Validate asserts, so
// that each target states only what is particular to its inputs. It imports
// nothing of the provider but violation, so that the packages of the shapes
// (stsinput) can use it in their own tests.
package fuzzcheck

import (
	"reflect"
	"strings"
	"testing"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

// Validate runs validate twice and fails t unless every violation names a
// field under prefix and gives a reason, both answers are the same, and
// Join turns them into an error exactly when there are any. It returns the
// violations.
func Validate(t *testing.T, prefix string, validate func() []violation.Violation) []violation.Violation {
	t.Helper()
	vs := validate()
	for _, v := range vs {
		if !strings.HasPrefix(v.Field, prefix) || v.Field == prefix || v.Reason == "" {
			t.Fatalf("violation without a field or a reason: %+v", v)
		}
	}
	if again := validate(); !reflect.DeepEqual(vs, again) {
		t.Fatalf("Validate answered differently twice:\n%v\n%v", vs, again)
	}
	if err := violation.Join("x", vs); (err == nil) != (len(vs) == 0) {
		t.Fatalf("Join(%d violations) = %v", len(vs), err)
	}
	return vs
}
