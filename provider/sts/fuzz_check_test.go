package sts

import (
	"reflect"
	"testing"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

// checkProblems is what every Validate must do for any input: name a field
// and a reason for each problem, answer the same a second time, and make an
// error of them exactly when there are some. It says whether the inputs
// were accepted.
func checkProblems(t *testing.T, validate func() []violation.Violation) (accepted bool) {
	t.Helper()
	vs := validate()
	for _, v := range vs {
		if v.Field == "" || v.Reason == "" {
			t.Fatalf("violation without a field or a reason: %+v", v)
		}
	}
	if again := validate(); !reflect.DeepEqual(vs, again) {
		t.Fatalf("Validate answered differently twice:\n%v\n%v", vs, again)
	}
	if err := violation.Join("x", vs); (err == nil) != (len(vs) == 0) {
		t.Fatalf("Join(%d violations) = %v", len(vs), err)
	}
	return len(vs) == 0
}
