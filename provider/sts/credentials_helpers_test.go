package sts_test

import (
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/providertest"
)

const (
	assumeRoleWithSaml      = "aws-identity:sts:assumeRoleWithSaml"
	getFederationToken      = "aws-identity:sts:getFederationToken"
	getDelegatedAccessToken = "aws-identity:sts:getDelegatedAccessToken"
	samlProvider            = "arn:aws:iam::123456789012:saml-provider/Okta"
	tradeInToken            = "tradeInTokenSecret0123456789abcdef"
)

func samlAssertion(roleArn, session string, seconds int) string {
	return testenv.SAMLAssertion(roleArn, samlProvider, session, seconds)
}

func tagMap(kv map[string]string) property.Value {
	m := map[string]property.Value{}
	for k, v := range kv {
		m[k] = providertest.Str(v)
	}
	return property.New(m)
}

// adviceCase is one refusal of AWS's and words the answer must hold.
type adviceCase struct {
	name  string
	reply awsfault.Reply
	want  []string
}

// checkAdvice calls token with args against the fault server answering
// action with each case's refusal, once, and checks that the answer holds
// the advice, and quotes no secret: not the provider's key, the trade-in
// token or any of the SAML assertion.
func checkAdvice(t *testing.T, token, action string, args map[string]property.Value, cases []adviceCase) {
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			aws := awsfault.Start(t)
			aws.On(action, c.reply)
			s := providertest.NewServer(t, providertest.FaultConfig(aws.URL, map[string]property.Value{"maxRetries": providertest.Num(0)}))
			_, err := providertest.Invoke(s, token, args)
			require.Error(t, err)
			msg := err.Error()
			for _, w := range c.want {
				assert.Contains(t, msg, w)
			}
			assert.NotContains(t, msg, tradeInToken)
			assert.NotContains(t, msg, providertest.FaultSecretKey)
			assert.NotContains(t, msg, "PHNhbWxw", "no part of the assertion")
			assert.Equal(t, 1, aws.Calls(action))
		})
	}
}
