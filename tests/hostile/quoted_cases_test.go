package hostile

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
)

// The messages README.md's Failure behaviour section quotes, each made
// through the engine and asserted word for word (TestFailureMessagesAreAsserted
// checks that every quote is asserted by some test).
func quotedCases() []hcase {
	// faulty points the default provider at an awsfault server, with
	// static keys whose secret is a canary, and no retries.
	faulty := func(h *harness) *awsfault.Server {
		h.envKeys()
		f := awsfault.Start(h.t)
		h.endpoint(f.URL)
		return f
	}
	return []hcase{
		{"quoted: bad input to assumeRole", func(t *testing.T, h *harness) {
			h.envKeys()
			h.invoke("role", "aws-identity:sts:assumeRole", `{roleArn: "`+shared.roleArn+
				`", roleSessionName: "a b", durationSeconds: 60, tokenCode: "123456"}`)
			h.output("roleUser", "${role.assumedRoleUser.arn}")
			r := h.up(kill)
			r.fails(t, "invalid arguments to aws-identity:sts:assumeRole (3 problems):",
				`- roleSessionName: may contain only letters, digits and +=,.@_-; found " "`,
				"- durationSeconds: must be between 900 (15 minutes) and 43200 (12 hours), but is 60",
				"- serialNumber: is required with tokenCode: give the MFA device's serial number or ARN")
		}},
		{"quoted: a session token without keys", func(t *testing.T, h *harness) {
			h.run("config", "set", "--secret", "aws-identity:token", h.canary("lone token"))
			h.caller()
			r := h.up(kill)
			// The engine words a provider's check failure as "property
			// NAME value {...} has a problem: ...", the value masked.
			r.fails(t, "pulumi:providers:aws-identity resource 'default': property token value",
				"has a problem: is a session token and needs accessKey and secretKey too")
		}},
		{"quoted: not an ARN", func(t *testing.T, h *harness) {
			h.envKeys()
			h.invoke("ctx", "aws-identity:iam:getSessionContext", `{arn: Deployer}`)
			h.output("issuer", "${ctx.issuerArn}")
			r := h.up(kill)
			r.fails(t, `arn: "Deployer" is not a valid principal ARN: it does not have the form `+
				`arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`)
		}},
		{"quoted: throttled", func(t *testing.T, h *harness) {
			f := faulty(h)
			f.On("GetCallerIdentity", awsfault.Throttling())
			h.cfg("aws-identity:maxRetries", 1)
			h.caller()
			r := h.up(kill)
			r.fails(t, "sts:GetCallerIdentity failed after 2 attempts: Throttling: Rate exceeded. AWS kept "+
				"throttling the request; retry later or raise the provider's maxRetries.")
		}},
		{"quoted: access denied on assumeRole", func(t *testing.T, h *harness) {
			f := faulty(h)
			f.On("AssumeRole", awsfault.AccessDenied())
			h.invoke("role", "aws-identity:sts:assumeRole", `{roleArn: "arn:aws:iam::123456789012:role/Deployer"}`)
			h.output("roleUser", "${role.assumedRoleUser.arn}")
			r := h.up(kill)
			r.fails(t, "sts:AssumeRole failed: AccessDenied: User: arn:aws:iam::123456789012:user/fault-tester is not "+
				"authorized to perform: sts:AssumeRole on resource: arn:aws:iam::123456789012:role/Deployer. Check that "+
				"the role's trust policy allows this caller as principal; that, if it requires MFA, serialNumber and a "+
				"current tokenCode are set; that, if it requires an external ID, externalId matches; and that the "+
				"caller's own policies allow sts:AssumeRole on the role.")
		}},
		{"quoted: access denied on iam:GetRole", func(t *testing.T, h *harness) {
			f := faulty(h)
			f.On("GetRole", awsfault.Fail(403, "AccessDenied", "User: "+awsfault.CallerARN+
				" is not authorized to perform: iam:GetRole on resource: role Deployer"))
			h.invoke("ctx", "aws-identity:iam:getSessionContext", `{arn: "arn:aws:sts::123456789012:assumed-role/Deployer/s"}`)
			h.output("issuer", "${ctx.issuerArn}")
			r := h.up(kill)
			r.fails(t, "iam:GetRole failed: AccessDenied: User: arn:aws:iam::123456789012:user/fault-tester is not "+
				"authorized to perform: iam:GetRole on resource: role Deployer. The caller's IAM policies must allow iam:GetRole.")
		}},
		{"quoted: expired keys from the environment", func(t *testing.T, h *harness) {
			f := faulty(h)
			f.On("GetCallerIdentity", awsfault.ExpiredToken())
			h.caller()
			r := h.up(kill)
			r.fails(t, "sts:GetCallerIdentity failed: ExpiredToken: The security token included in the request is "+
				"expired. The base AWS credentials (from the environment variables AWS_ACCESS_KEY_ID and "+
				"AWS_SECRET_ACCESS_KEY) have expired: refresh them (for example `aws sso login`, or a new session "+
				"token) and run again.")
		}},
		{"quoted: keys from the configuration that AWS does not accept", func(t *testing.T, h *harness) {
			f := awsfault.Start(t)
			h.endpoint(f.URL)
			f.On("GetCallerIdentity", awsfault.InvalidClientTokenId())
			h.cfg("aws-identity:accessKey", "AKIAHOSTILE000000030")
			h.run("config", "set", "--secret", "aws-identity:secretKey", h.canary("config secret key"))
			h.caller()
			r := h.up(kill)
			r.fails(t, "sts:GetCallerIdentity failed: InvalidClientTokenId: The security token included in the "+
				"request is invalid. AWS did not accept the base AWS credentials (from the provider's accessKey and "+
				"secretKey): check the access key, secret key and session token, and that they belong to this partition.")
		}},
		{"quoted: STS disabled in the region", func(t *testing.T, h *harness) {
			f := faulty(h)
			f.On("AssumeRole", awsfault.RegionDisabled())
			h.invoke("role", "aws-identity:sts:assumeRole", `{roleArn: "arn:aws:iam::123456789012:role/Deployer"}`)
			h.output("roleUser", "${role.assumedRoleUser.arn}")
			r := h.up(kill)
			r.fails(t, "sts:AssumeRole failed: RegionDisabledException: STS is not activated in this region for "+
				"account:123456789012. Your account administrator can activate STS in this region using the IAM "+
				"Console. STS is not activated in this region for the account: activate it in the IAM console "+
				"(Account settings), or set region to one where it is.")
		}},
		{"quoted: role not found", func(t *testing.T, h *harness) {
			f := faulty(h)
			f.On("GetRole", awsfault.NoSuchEntity("Ghost"))
			h.invoke("ctx", "aws-identity:iam:getSessionContext",
				`{arn: "arn:aws:sts::123456789012:assumed-role/Ghost/s", lookupTimeoutSeconds: 1}`)
			h.output("issuer", "${ctx.issuerArn}")
			r := h.up(kill)
			r.fails(t, `arn: IAM role "Ghost" was not found in account 123456789012 (waited 1s, as IAM is eventually `+
				`consistent). The session may belong to a role that has since been deleted or renamed. Set `+
				`lookupRole: false to answer from the ARN alone, or lookupTimeoutSeconds to wait longer for a new role`)
		}},
		{"quoted: endpoint down", func(t *testing.T, h *harness) {
			h.envKeys()
			closed := awsfault.ClosedPort(t)
			h.endpoint(closed)
			h.caller()
			r := h.up(kill)
			r.fails(t, "sts:GetCallerIdentity failed after 1 attempt: could not reach "+closed+": connection refused. "+
				"Check the provider's endpoints and proxy settings, AWS_ENDPOINT_URL / AWS_ENDPOINT_URL_STS / "+
				"AWS_ENDPOINT_URL_IAM / AWS_ENDPOINT_URL_SSO, and the network.")
			assert.True(t, strings.HasPrefix(closed, "http://127.0.0.1:"))
		}},
		{"quoted: endpoint that never answers", func(t *testing.T, h *harness) {
			f := faulty(h)
			f.On("GetCallerIdentity", awsfault.Hang())
			h.cfg("aws-identity:requestTimeoutSeconds", 1)
			h.caller()
			r := h.up(kill)
			// What ended the wait (the HTTP client's timeout, or the call's
			// deadline) is Go's wording, and left out of the README's quote.
			r.fails(t, "sts:GetCallerIdentity did not answer in time after 1 attempt: ")
			r.within(t, prompt)
		}},
	}
}
