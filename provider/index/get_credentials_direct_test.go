package index

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// The credentialsDirect answer has exactly GetCredentialsResult's fields, by their pulumi names, with
// the secret ones marked secret: a field added to GetCredentialsResult and not to
// properties fails here. (Values and secrecy through the engine are in the
// provider's TestGetCredentials tests.)
func TestPropertiesMatchResult(t *testing.T) {
	r := GetCredentialsResult{AccessKeyID: "a", SecretAccessKey: "b", SessionToken: "c", Expiration: "d", Source: "e"}
	got := r.properties()
	typ := reflect.TypeFor[GetCredentialsResult]()
	assert.Equal(t, typ.NumField(), got.Len())
	for i := range typ.NumField() {
		f := typ.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("pulumi"), ",")
		v, ok := got.GetOk(name)
		if assert.True(t, ok, "missing %s", name) {
			assert.Equal(t, reflect.ValueOf(r).Field(i).String(), v.AsString(), name)
			assert.Equal(t, f.Tag.Get("provider") == "secret", v.Secret(), "%s secret", name)
		}
	}
}
