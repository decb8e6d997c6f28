package hostile

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
)

func functionCases() []hcase {
	return []hcase{
		{"assumeRole: STS answers without credentials", func(t *testing.T, h *harness) {
			h.envKeys()
			fault := awsfault.Start(t)
			fault.On("AssumeRole", awsfault.Empty())
			h.endpoint(fault.URL)
			h.invoke("role", "aws-identity:sts:assumeRole", `{roleArn: "`+shared.roleArn+`"}`)
			h.output("roleUser", "${role.assumedRoleUser.arn}")
			r := h.up(kill)
			r.fails(t, "sts:AssumeRole answered without credentials for "+shared.roleArn+"; check that the STS "+
				"endpoint is AWS's or a faithful emulator")
		}},
		{"assumeRole: a tag key of a million characters", func(t *testing.T, h *harness) {
			h.envKeys()
			key := strings.Repeat("k", 1_000_000)
			// YAML's implicit keys stop at 1024 characters; "? " makes
			// an explicit one of any length.
			h.vars = append(h.vars, "  role:\n    fn::invoke:\n      function: aws-identity:sts:assumeRole\n"+
				"      arguments:\n        roleArn: "+shared.roleArn+"\n        tags:\n          ? "+key+"\n          : v\n")
			h.output("roleUser", "${role.assumedRoleUser.arn}")
			r := h.up(kill)
			r.fails(t, "tags")
			// The YAML host quotes the program's lines, key and all; the
			// provider's own message must be short.
			msg := r.providerError()
			assert.Contains(t, msg, `... (1000000 characters)] key: must be 1 to 128 characters long, but is 1000000`)
			assert.Less(t, len(msg), 2000, "the provider's message is short: %.300s", msg)
		}},
		{"assumeRole: multibyte tag values are counted in characters", func(t *testing.T, h *harness) {
			h.envKeys()
			fits := strings.Repeat("é", 200)    // 200 characters, 400 bytes: AWS allows 256 characters
			tooLong := strings.Repeat("é", 300) // 300 characters, 600 bytes
			h.invoke("ok", "aws-identity:sts:assumeRole", `{roleArn: "`+shared.roleArn+`", roleSessionName: fits, tags: {team: "`+fits+`"}}`)
			h.invoke("bad", "aws-identity:sts:assumeRole", `{roleArn: "`+shared.roleArn+`", tags: {team: "`+tooLong+`"}}`)
			h.output("okUser", "${ok.assumedRoleUser.arn}")
			h.output("badUser", "${bad.assumedRoleUser.arn}")
			r := h.up(kill)
			r.fails(t, `tags["team"]`, "300")
			assert.NotContains(t, r.Flat, "600", "a length in bytes is given as characters")
			assert.NotContains(t, r.Flat, "invalid arguments to aws-identity:sts:assumeRole (1 problem): - tags[\"team\"]: must be 0 to 256 characters long, but is 400",
				"the tag value of 200 characters is refused")
		}},
		{"getSessionContext: an ARN of multibyte characters, counted in characters", func(t *testing.T, h *harness) {
			h.envKeys()
			arn := "arn:aws:iam::123456789012:user/" + strings.Repeat("é", 1100) // 1131 characters, 2231 bytes
			h.invoke("ctx", "aws-identity:iam:getSessionContext", `{arn: "`+arn+`", lookupRole: false}`)
			h.output("issuer", "${ctx.issuerArn}")
			r := h.up(kill)
			assert.NotContains(t, r.Flat, "2231 characters", "a length in bytes is given as characters")
			if r.Err == nil { // a user ARN passes through, whole
				assert.Equal(t, arn, r.out("issuer"))
			}
		}},
		{"getSessionContext: a role that appears late, and the same lookup with other lookupTimeoutSeconds", func(t *testing.T, h *harness) {
			h.envKeys()
			fault := awsfault.Start(t)
			// The role is missing for the first lookups, then found (IAM is
			// eventually consistent). YAML makes its invokes one after the
			// other, so the two lookups share the cache, not a call in
			// flight; concurrent sharing is proved in-process
			// (provider/concurrency_test.go).
			fault.On("GetRole", awsfault.NoSuchEntity("Late").Times(3), awsfault.OK())
			h.endpoint(fault.URL)
			arn := `"arn:aws:sts::123456789012:assumed-role/Late/s"`
			h.invoke("patient", "aws-identity:iam:getSessionContext", `{arn: `+arn+`, lookupTimeoutSeconds: 60}`)
			h.invoke("impatient", "aws-identity:iam:getSessionContext", `{arn: `+arn+`, lookupTimeoutSeconds: 1}`)
			h.output("a", "${patient.issuerArn}")
			h.output("b", "${impatient.issuerArn}")
			r := h.up(kill)
			if r.ok(t) {
				assert.Equal(t, "arn:aws:iam::123456789012:role/faults/Late", r.out("a"))
				assert.Equal(t, "arn:aws:iam::123456789012:role/faults/Late", r.out("b"))
				assert.Equal(t, 4, fault.Calls("GetRole"), "one lookup's answer serves the other")
			}
		}},
		{"getSessionToken: STS answers without credentials", func(t *testing.T, h *harness) {
			h.envKeys()
			fault := awsfault.Start(t)
			fault.On("GetSessionToken", awsfault.Empty())
			h.endpoint(fault.URL)
			h.invoke("mfa", "aws-identity:sts:getSessionToken", `{durationSeconds: 900}`)
			h.output("exp", "${mfa.expiration}")
			r := h.up(kill)
			r.fails(t, "sts:GetSessionToken")
		}},
		{"getSessionToken: works, with serial number and code", func(t *testing.T, h *harness) {
			h.envKeys()
			h.invoke("mfa", "aws-identity:sts:getSessionToken",
				`{durationSeconds: 900, serialNumber: "arn:aws:iam::123456789012:mfa/jane", tokenCode: "123456"}`)
			h.output("exp", "${mfa.expiration}")
			h.probe()
			r := h.up(kill)
			if r.ok(t) {
				r.alive(t)
			}
		}},
		{"assumeRoleWithWebIdentity: STS answers without credentials", func(t *testing.T, h *harness) {
			fault := awsfault.Start(t)
			fault.On("AssumeRoleWithWebIdentity", awsfault.Empty())
			h.endpoint(fault.URL)
			h.decl("jwt")
			h.run("config", "set", "--secret", "jwt", "eyJhbGciOiJSUzI1NiJ9.e30."+h.canary("web identity token"))
			h.invoke("web", "aws-identity:sts:assumeRoleWithWebIdentity", `{roleArn: "`+shared.roleArn+`", webIdentityToken: "${jwt}"}`)
			h.output("webUser", "${web.assumedRoleUser.arn}")
			r := h.up(kill)
			r.fails(t, "sts:AssumeRoleWithWebIdentity")
		}},
		{"getAccessKeyInfo: control characters and ANSI escapes in the key ID", func(t *testing.T, h *harness) {
			h.envKeys()
			h.invoke("owner", "aws-identity:sts:getAccessKeyInfo", `{accessKeyId: "AKIA\e[2J\e[31m\u0007EVIL"}`)
			h.output("account", "${owner.account}")
			r := h.up(kill)
			r.fails(t, "accessKeyId")
			assert.NotContains(t, r.Out, "\x1b[2J", "an escape from the input reaches the terminal raw")
		}},
		{"getAccessKeyInfo: works, and getCallerIdentity after it", func(t *testing.T, h *harness) {
			h.envKeys()
			h.invoke("owner", "aws-identity:sts:getAccessKeyInfo", `{accessKeyId: "AKIAHOSTILE000000011"}`)
			h.output("account", "${owner.account}")
			h.caller()
			r := h.up(kill)
			if r.ok(t) {
				assert.Equal(t, "123456789012", r.out("account"))
			}
		}},
	}
}
