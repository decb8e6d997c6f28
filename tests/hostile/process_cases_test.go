package hostile

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// awsConfig writes the shared config file and points AWS_CONFIG_FILE at it.
func (h *harness) awsConfig(text string) string {
	p := h.file("aws-config", text)
	h.set("AWS_CONFIG_FILE=" + p)
	return p
}

// processDoc is credential_process's JSON for c, with expiration as given.
func processDoc(t *testing.T, c aws.Credentials, expiration string) string {
	doc := map[string]any{"Version": 1, "AccessKeyId": c.AccessKeyID, "SecretAccessKey": c.SecretAccessKey,
		"SessionToken": c.SessionToken}
	if expiration != "" {
		doc["Expiration"] = expiration
	}
	b, err := json.Marshal(doc)
	require.NoError(t, err)
	return string(b)
}

// helper writes a credential_process program printing text on stdout.
func (h *harness) helper(name, text string) string {
	return h.file(name, "#!/bin/sh\ncat <<'EOF'\n"+text+"\nEOF\n")
}

// corp makes credential_process (as written) the process of profile corp,
// the profile in use.
func (h *harness) corp(process string) {
	h.awsConfig("[profile corp]\ncredential_process = " + process + "\n")
	h.set("AWS_PROFILE=corp")
}

// fakeCreds are credentials made of canaries, for helpers whose output
// must be refused anyway.
func (h *harness) fakeCreds() aws.Credentials {
	return aws.Credentials{AccessKeyID: "ASIAHOSTILE000000002", SecretAccessKey: h.canary("process secret key"),
		SessionToken: h.canary("process session token")}
}

func later(d time.Duration) string { return time.Now().Add(d).UTC().Format(time.RFC3339) }

func processCases() []hcase {
	return []hcase{
		{"credential_process: works, source names only the program", func(t *testing.T, h *harness) {
			c := h.session("proc-ok")
			prog := h.helper("corp-creds", processDoc(t, c, later(time.Hour)))
			h.corp(prog + " --account prod")
			h.caller()
			h.invoke("creds", "aws-identity:index:getCredentials", "{}")
			h.output("source", "${creds.source}")
			h.probe()
			r := h.up(kill)
			if r.ok(t) {
				assert.Equal(t, assumed("proc-ok"), r.out("arn"))
				assert.Equal(t, "the credential_process "+prog+` of profile "corp"`, r.out("source"))
				r.alive(t)
			}
		}},
		{"credential_process: Expiration without a time zone", func(t *testing.T, h *harness) {
			prog := h.helper("corp-creds", processDoc(t, h.fakeCreds(), "2030-01-01T00:00:00"))
			h.corp(prog)
			h.caller()
			r := h.up(kill)
			r.fails(t, "getting credentials from the credential_process "+prog+` of profile "corp" failed: it printed `+
				`output that is not the JSON AWS expects: Expiration must be RFC 3339 with a time zone, such as 2030-01-01T00:00:00Z`)
		}},
		{"credential_process: a banner line before the JSON", func(t *testing.T, h *harness) {
			prog := h.helper("corp-creds", "Fetching credentials for prod...\n"+processDoc(t, h.fakeCreds(), later(time.Hour)))
			h.corp(prog)
			h.caller()
			r := h.up(kill)
			r.fails(t, "getting credentials from the credential_process "+prog+` of profile "corp" failed: it printed `+
				`text before its JSON: it must print only the JSON object on stdout (messages go to stderr)`)
		}},
		{"credential_process: truncated JSON", func(t *testing.T, h *harness) {
			doc := processDoc(t, h.fakeCreds(), later(time.Hour))
			prog := h.helper("corp-creds", doc[:len(doc)-20])
			h.corp(prog)
			h.caller()
			r := h.up(kill)
			r.fails(t, "getting credentials from the credential_process "+prog+` of profile "corp" failed: it printed `+
				`output that is not the JSON AWS expects: it is cut short or malformed`)
		}},
		{"credential_process: JSON without the secret key", func(t *testing.T, h *harness) {
			h.corp(h.helper("corp-creds", `{"Version": 1, "AccessKeyId": "ASIAHOSTILE000000003", "SessionToken": "`+
				h.canary("lone session token")+`"}`))
			h.caller()
			h.probe()
			r := h.up(kill)
			r.fails(t, "credential_process", `profile "corp"`)
		}},
		{"credential_process: a VAULT_TOKEN prefix holding a token", func(t *testing.T, h *harness) {
			c := h.session("proc-prefix")
			prog := h.helper("vault-helper", processDoc(t, c, later(time.Hour)))
			h.corp("VAULT_TOKEN=" + h.canary("vault token") + " " + prog)
			h.caller()
			h.invoke("creds", "aws-identity:index:getCredentials", "{}")
			h.output("source", "${creds.source}")
			r := h.up(kill)
			if r.ok(t) {
				assert.Equal(t, assumed("proc-prefix"), r.out("arn"))
				assert.Equal(t, "the credential_process "+prog+` of profile "corp"`, r.out("source"),
					"source names the program after the NAME=value prefix")
				h.noCanary("getCredentials.source", r.out("source"))
			}
		}},
		{"credential_process: a VAULT_TOKEN prefix, and the helper fails", func(t *testing.T, h *harness) {
			prog := h.file("vault-helper", "#!/bin/sh\nexit 3\n")
			h.corp("VAULT_TOKEN=" + h.canary("vault token") + " " + prog + " --role prod")
			h.caller()
			r := h.up(kill)
			r.fails(t, "getting credentials from the credential_process "+prog+` of profile "corp" failed: it exited `+
				`with status 3: run the command by hand to see why`)
		}},
		{"credential_process: blank", func(t *testing.T, h *harness) {
			h.corp(`" "`)
			h.caller()
			r := h.up(kill)
			r.fails(t, `the credential_process of profile "corp" names no program (it is blank, or only sets `+
				`variables): set it to the command that prints the credentials, or remove it`)
		}},
		{"credential_process: blank beside static keys", func(t *testing.T, h *harness) {
			// The SDK takes the keys; only describing the source can fail.
			h.awsConfig("[profile corp]\naws_access_key_id = AKIAHOSTILE000000004\naws_secret_access_key = " +
				h.canary("profile secret key") + "\ncredential_process = \" \"\n")
			h.set("AWS_PROFILE=corp")
			h.caller()
			h.invoke("creds", "aws-identity:index:getCredentials", "{}")
			h.output("source", "${creds.source}")
			h.probe()
			r := h.up(kill)
			if r.ok(t) {
				assert.Equal(t, "arn:aws:sts::123456789012:user/moto", r.out("arn"))
				assert.Contains(t, r.out("source"), `profile "corp"`)
				r.alive(t)
			}
		}},
		{"credential_process: the helper exits non-zero and prints a token on stderr", func(t *testing.T, h *harness) {
			prog := h.file("corp-login", "#!/bin/sh\necho 'debug: refresh token "+h.canary("helper stderr token")+
				" rejected' >&2\nexit 2\n")
			h.corp(prog)
			h.caller()
			r := h.up(kill)
			r.fails(t, "getting credentials from the credential_process "+prog+` of profile "corp" failed: it exited `+
				`with status 2; the end of its stderr: "debug: refresh token [redacted] rejected"`)
		}},
		{"credential_process: stderr's last lines, with tokens bare, as NAME=value and in JSON", func(t *testing.T, h *harness) {
			prog := h.file("corp-sso", "#!/bin/sh\n"+
				"echo 'starting' >&2\n"+
				"echo 'using cached session "+h.canary("stderr bare session")+"' >&2\n"+
				"echo 'VAULT_TOKEN="+h.canary("stderr vault token")+"' >&2\n"+
				"echo '{\"SessionToken\": \""+h.canary("stderr json token")+"\"}' >&2\n"+
				"printf '\\033[2J\\033[31mError: the login for prod expired\\033[0m\\n' >&2\n"+
				"exit 3\n")
			h.corp(prog)
			h.caller()
			r := h.up(kill)
			r.fails(t, "getting credentials from the credential_process "+prog+` of profile "corp" failed: it exited `+
				`with status 3; the end of its stderr: "using cached session [redacted] | VAULT_TOKEN=[redacted] | `+
				`{"SessionToken": "[redacted]"} | Error: the login for prod expired"`)
			assert.NotContains(t, r.Out, "\x1b[2J", "an escape from the helper reaches the terminal")
		}},
		{"credential_process: prints 100 MB", func(t *testing.T, h *harness) {
			secret := h.canary("flood secret")
			prog := h.file("flood", "#!/bin/sh\nprintf '{\"Version\": 1, \"SecretAccessKey\": \""+secret+"\", \"x\": \"'\n"+
				"head -c 100000000 /dev/zero | tr '\\0' 'A'\n")
			h.corp(prog)
			h.caller()
			r := h.up(kill)
			r.fails(t, "credential_process "+prog+` of profile "corp"`)
			r.within(t, prompt)
			assert.Less(t, len(r.Flat), 100_000, "the message is short")
		}},
		{"credential_process: never exits", func(t *testing.T, h *harness) {
			prog := h.file("stuck", "#!/bin/sh\nexec sleep 3600\n")
			h.corp(prog)
			// A call's budget is then 3 s and no retry (plus a few
			// seconds): the credential chain's steps are within it.
			h.endpoint(h.moto.Endpoint)
			h.caller()
			r := h.up(kill)
			r.fails(t, "credential_process "+prog+` of profile "corp"`)
			r.within(t, prompt)
		}},
		{"credential_process: control characters and ANSI escapes in its output", func(t *testing.T, h *harness) {
			h.corp(h.helper("ansi", "\x1b[2J\x1b[31mERROR\x1b[0m \x07 token="+h.canary("ansi token")+"\n{\"Version\": 1}"))
			h.caller()
			r := h.up(kill)
			r.fails(t, "credential_process", `profile "corp"`)
			assert.NotContains(t, r.Out, "\x1b[2J", "an escape from the helper reaches the terminal")
		}},
		{"credential_process: credentials with two minutes left; getCredentials.expiration", func(t *testing.T, h *harness) {
			c := h.session("proc-short")
			h.corp(h.helper("short-creds", processDoc(t, c, later(2*time.Minute))))
			h.invoke("creds", "aws-identity:index:getCredentials", "{}")
			h.output("expiration", "${creds.expiration}")
			r := h.up(kill)
			if r.ok(t) {
				exp, err := time.Parse(time.RFC3339, r.out("expiration"))
				if assert.NoError(t, err, "expiration %q", r.out("expiration")) {
					assert.True(t, exp.After(time.Now()), "getCredentials.expiration %s is in the past", exp)
				}
			}
		}},
		{"credential_process: the account changes at a refresh; the guard checks again", func(t *testing.T, h *harness) {
			// Each run of the helper hands out credentials with a minute
			// left, so each call refreshes them: first of the allowed
			// account, then of another one.
			a := h.session("guard-first")
			b := h.moto.AssumeRole(t, "arn:aws:iam::444455556666:role/elsewhere", "guard-second")
			h.plant("other account secret", b.SecretAccessKey, "")
			count := h.file("count", "")
			first := h.file("first.json", processDoc(t, a, later(time.Minute)))
			second := h.file("second.json", processDoc(t, b, later(time.Minute)))
			prog := h.file("rotating", "#!/bin/sh\necho x >> '"+count+"'\nif [ \"$(wc -l < '"+count+"')\" -le 1 ]; then cat '"+
				first+"'; else cat '"+second+"'; fi\n")
			h.corp(prog)
			h.cfg("aws-identity:allowedAccountIds", []string{"123456789012"})
			h.caller()
			h.invoke("again", "aws-identity:index:getCallerIdentity", "{}")
			h.output("againAccount", "${again.accountId}")
			r := h.up(kill)
			r.fails(t, "444455556666", "allowedAccountIds")
		}},
	}
}

var _ = strings.Contains
