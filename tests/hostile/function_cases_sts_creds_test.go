package hostile

import (
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
)

// stsCredsCases: assumeRoleWithSaml, getFederationToken and
// getDelegatedAccessToken, with their secret inputs planted as canaries.
func stsCredsCases() []hcase {
	return []hcase{
		{"assumeRoleWithSaml: an assertion AWS rejects", func(t *testing.T, h *harness) {
			fault := awsfault.Start(t)
			fault.On("AssumeRoleWithSAML", awsfault.Fail(403, "IDPRejectedClaim", "Not authorized to assume role"))
			h.endpoint(fault.URL)
			h.decl("assertion")
			// Base64 (a multiple of 4 of its letters), so that it passes the
			// checks and reaches the call.
			h.run("config", "set", "--secret", "assertion", "PHNh"+h.canary("saml assertion")+"AA")
			h.invoke("saml", "aws-identity:sts:assumeRoleWithSaml", `{roleArn: "`+shared.roleArn+
				`", principalArn: "arn:aws:iam::123456789012:saml-provider/Okta", samlAssertion: "${assertion}"}`)
			h.output("samlUser", "${saml.assumedRoleUser.arn}")
			r := h.up(kill)
			r.fails(t, "sts:AssumeRoleWithSAML failed: IDPRejectedClaim: Not authorized to assume role. The assertion "+
				"does not allow this role")
			assert.Equal(t, 1, fault.Calls("AssumeRoleWithSAML"))
		}},
		{"getFederationToken: works, and the provider answers after it", func(t *testing.T, h *harness) {
			h.envKeys()
			h.invoke("fed", "aws-identity:sts:getFederationToken", `{name: "hostile-reader", durationSeconds: 900}`)
			h.output("fedUser", "${fed.federatedUser.arn}")
			h.probe()
			r := h.up(kill)
			if r.ok(t) {
				r.alive(t)
			}
		}},
		{"getDelegatedAccessToken: an expired trade-in token", func(t *testing.T, h *harness) {
			h.envKeys()
			fault := awsfault.Start(t)
			fault.On("GetDelegatedAccessToken", awsfault.ExpiredTradeInToken())
			h.endpoint(fault.URL)
			h.decl("tradeIn")
			h.run("config", "set", "--secret", "tradeIn", h.canary("trade-in token"))
			h.invoke("delegated", "aws-identity:sts:getDelegatedAccessToken", `{tradeInToken: "${tradeIn}"}`)
			h.output("principal", "${delegated.assumedPrincipal}")
			r := h.up(kill)
			r.fails(t, "The trade-in token has expired and cannot be exchanged any more")
			assert.Equal(t, []bool{true}, fault.Signed("GetDelegatedAccessToken"))
		}},
	}
}
