package iam

import (
	"context"
	"testing"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The direct path answers exactly what infer's path answers, for every
// argument shape; only plain arguments take it. (Lookups, which need a
// configured provider, are covered through the provider's own tests, which
// assert whole answers.)
func TestDirectMatchesInfer(t *testing.T) {
	const session = "arn:aws:sts::123456789012:assumed-role/Deployer/ci"
	str, no := property.New[string], property.New(false)
	cases := []struct {
		name  string
		args  map[string]property.Value
		plain bool
	}{
		{"session, lookupRole false", map[string]property.Value{"arn": str(session), "lookupRole": no}, true},
		{"session, lookupRole false, timeout", map[string]property.Value{"arn": str(session), "lookupRole": no,
			"lookupTimeoutSeconds": property.New(30.0)}, true},
		{"China session, no lookup", map[string]property.Value{"arn": str("arn:aws-cn:sts::123456789012:assumed-role/R/s"),
			"lookupRole": no}, true},
		{"user", map[string]property.Value{"arn": str("arn:aws:iam::123456789012:user/division/alice")}, true},
		{"root", map[string]property.Value{"arn": str("arn:aws:iam::123456789012:root")}, true},
		{"federated user", map[string]property.Value{"arn": str("arn:aws:sts::123456789012:federated-user/bob")}, true},
		{"role", map[string]property.Value{"arn": str("arn:aws:iam::123456789012:role/a/b/R")}, true},
		{"bucket", map[string]property.Value{"arn": str("arn:aws:s3:::my-bucket")}, true},
		{"malformed", map[string]property.Value{"arn": str("abcd"), "lookupTimeoutSeconds": property.New(-5.0)}, true},
		{"control character", map[string]property.Value{"arn": str("arn:aws:s3:::b\x00")}, true},
		{"timeout too high", map[string]property.Value{"arn": str(session), "lookupTimeoutSeconds": property.New(301.0)}, true},
		{"secret arn", map[string]property.Value{"arn": str("arn:aws:iam::123456789012:user/alice").WithSecret(true)}, false},
		{"arn a number", map[string]property.Value{"arn": property.New(42.0)}, false},
		{"arn missing", map[string]property.Value{}, false},
		{"arn null", map[string]property.Value{"arn": property.New(property.Null)}, false},
		{"lookupRole a string", map[string]property.Value{"arn": str(session), "lookupRole": str("yes")}, false},
		{"timeout fractional", map[string]property.Value{"arn": str(session), "lookupRole": no,
			"lookupTimeoutSeconds": property.New(1.5)}, false},
		{"unknown key", map[string]property.Value{"arn": str("arn:aws:iam::123456789012:root"), "extra": str("x")}, false},
		{"unknown arn", map[string]property.Value{"arn": property.New(property.Computed)}, false},
	}
	viaInfer := infer.Function(&GetSessionContext{})
	viaDirect := GetSessionContextFunction()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			args := property.NewMap(tc.args)
			_, plain := plainArgs(args)
			assert.Equal(t, tc.plain, plain, "takes the direct path")

			req := p.InvokeRequest{Token: "aws-identity:iam:getSessionContext", Args: args}
			want, wantErr := viaInfer.Invoke(context.Background(), req)
			got, gotErr := viaDirect.Invoke(context.Background(), req)
			if wantErr != nil {
				require.Error(t, gotErr)
				assert.Equal(t, wantErr.Error(), gotErr.Error())
				return
			}
			require.NoError(t, gotErr)
			assert.Equal(t, want.Failures, got.Failures)
			if plain {
				// The direct path adds the id that provider/id_outputs.go adds
				// to infer's answer.
				assert.Equal(t, want.Return.Get("arn"), got.Return.Get("id"))
				got.Return = got.Return.Delete("id")
			}
			assert.True(t, want.Return.Equals(got.Return), "infer: %v\ndirect: %v", want.Return, got.Return)
		})
	}
}
