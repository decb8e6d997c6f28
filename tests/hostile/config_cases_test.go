package hostile

import (
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
)

// tokenCodeInState finds an MFA code stored as plain text (a string or a
// number) under a tokenCode key of the state.
func tokenCodeInState(code string) *regexp.Regexp {
	return regexp.MustCompile(`"tokenCode":\s*"?` + code + `\b`)
}

// oneTimeCode is the provider's reason for refusing an MFA code in its own
// configuration.
const oneTimeCode = "has a problem: is a one-time MFA code, and the provider's configuration is used more than " +
	"once: the update after the preview, every later refresh and destroy, and each renewal of the role's " +
	"credentials would send the same code, which AWS refuses once it has been used."

func configCases() []hcase {
	return []hcase{
		{"allowedAccountIds[0] set as the README shows it", func(t *testing.T, h *harness) {
			h.envKeys()
			h.run("config", "set", "--path", "aws-identity:allowedAccountIds[0]", "444455556666")
			h.caller()
			r := h.up(kill)
			r.fails(t, "the provider's credentials (from the environment variables AWS_ACCESS_KEY_ID and "+
				"AWS_SECRET_ACCESS_KEY) are for AWS account 123456789012, which is not in allowedAccountIds "+
				"[444455556666]. Nothing was done with them but sts:GetCallerIdentity. Use credentials for an "+
				"allowed account, or change allowedAccountIds / forbiddenAccountIds.")
			assert.NotContains(t, r.Flat, "float64", "the account ID is taken as the string typed")
		}},
		{"forbiddenAccountIds[0] set from the CLI, another account", func(t *testing.T, h *harness) {
			h.envKeys()
			h.run("config", "set", "--path", "aws-identity:forbiddenAccountIds[0]", "444455556666")
			h.caller()
			r := h.up(kill)
			if r.ok(t) {
				assert.Equal(t, "123456789012", r.out("accountId"))
			}
		}},
		{"allowedAccountIds[0] set from the CLI, the right account", func(t *testing.T, h *harness) {
			h.envKeys()
			h.run("config", "set", "--path", "aws-identity:allowedAccountIds[0]", "123456789012")
			h.caller()
			r := h.up(kill)
			if r.ok(t) {
				assert.Equal(t, "123456789012", r.out("accountId"))
			}
		}},
		{"numeric-looking strings from the CLI: externalId, session name, profile, region-less", func(t *testing.T, h *harness) {
			h.awsConfig("[profile 1234]\naws_access_key_id = AKIAHOSTILE000000012\naws_secret_access_key = " +
				h.canary("profile secret key") + "\n")
			h.run("config", "set", "aws-identity:profile", "1234")
			h.run("config", "set", "--path", "aws-identity:assumeRole.roleArn", shared.roleArn)
			h.run("config", "set", "--path", "aws-identity:assumeRole.externalId", "987654321")
			h.run("config", "set", "--path", "aws-identity:assumeRole.roleSessionName", "20261201")
			h.run("config", "set", "--path", "aws-identity:assumeRole.sourceIdentity", "42")
			h.caller()
			r := h.up(kill)
			if r.ok(t) {
				assert.Equal(t, assumed("20261201"), r.out("arn"))
			}
			assert.NotContains(t, r.Flat, "float64")
		}},
		{"tokenCode in the provider's assumeRole, from the CLI", func(t *testing.T, h *harness) {
			h.envKeys()
			code := "913577"
			h.run("config", "set", "--path", "aws-identity:assumeRole.roleArn", shared.roleArn)
			h.run("config", "set", "--path", "aws-identity:assumeRole.serialNumber", "arn:aws:iam::123456789012:mfa/jane")
			h.run("config", "set", "--path", "aws-identity:assumeRole.tokenCode", code)
			// An explicit provider too, as its inputs are kept in the state.
			h.extra = "resources:\n  asRole:\n    type: pulumi:providers:aws-identity\n    properties:\n" +
				"      region: us-east-1\n      endpoints:\n        sts: " + h.moto.Endpoint + "\n      assumeRole:\n" +
				"        roleArn: " + shared.roleArn + "\n        serialNumber: arn:aws:iam::123456789012:mfa/jane\n" +
				"        tokenCode: \"" + code + "\"\n"
			h.vars = append(h.vars, "  viaRole:\n    fn::invoke:\n      function: aws-identity:index:getCallerIdentity\n"+
				"      arguments: {}\n      options:\n        provider: ${asRole}\n")
			h.output("roleArn", "${viaRole.arn}")
			h.caller()
			r := h.up(kill)
			assert.NotContains(t, r.Flat, "float64", "the code is taken as the string typed")
			assert.NotRegexp(t, tokenCodeInState(code), r.Export, "tokenCode is plain text in pulumi stack export")
			if r.Err == nil {
				assert.Equal(t, assumed("pulumi-aws-identity"), r.out("arn"))
			} else {
				r.fails(t, "tokenCode", oneTimeCode)
			}
		}},
		{"tokenCode in the provider's assumeRoles, in the state", func(t *testing.T, h *harness) {
			h.envKeys()
			code := "864213"
			h.extra = "resources:\n  chain:\n    type: pulumi:providers:aws-identity\n    properties:\n" +
				"      region: us-east-1\n      endpoints:\n        sts: " + h.moto.Endpoint + "\n      assumeRoles:\n" +
				"        - roleArn: " + shared.roleArn + "\n          serialNumber: arn:aws:iam::123456789012:mfa/jane\n" +
				"          tokenCode: \"" + code + "\"\n"
			h.vars = append(h.vars, "  viaChain:\n    fn::invoke:\n      function: aws-identity:index:getCallerIdentity\n"+
				"      arguments: {}\n      options:\n        provider: ${chain}\n")
			h.output("chainArn", "${viaChain.arn}")
			r := h.up(kill)
			assert.NotRegexp(t, tokenCodeInState(code), r.Export, "tokenCode is plain text in pulumi stack export")
			if r.Err != nil {
				r.fails(t, "tokenCode", oneTimeCode)
			}
		}},
		{"secretKey pasted into the profile setting", func(t *testing.T, h *harness) {
			h.envKeys()
			secret := h.canary("pasted secret")
			h.run("config", "set", "--secret", "aws-identity:profile", secret)
			h.caller()
			r := h.up(kill)
			r.fails(t, "profile")
		}},
		{"a secret in roleSessionName that AWS refuses", func(t *testing.T, h *harness) {
			h.envKeys()
			h.decl("sessionName")
			h.run("config", "set", "--secret", "sessionName", "s p/"+h.canary("session name secret"))
			h.invoke("role", "aws-identity:sts:assumeRole", `{roleArn: "`+shared.roleArn+`", roleSessionName: "${sessionName}"}`)
			h.output("roleUser", "${role.assumedRoleUser.arn}")
			r := h.up(kill)
			r.fails(t, "roleSessionName")
		}},
	}
}
