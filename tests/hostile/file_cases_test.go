package hostile

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
)

// bigFile writes a file of size bytes made of line, repeated.
func (h *harness) bigFile(name, line string, size int) string {
	h.t.Helper()
	path := filepath.Join(h.dir, name)
	f, err := os.Create(path)
	require.NoError(h.t, err)
	chunk := []byte(strings.Repeat(line, 1<<20/len(line)+1))
	for n := 0; n < size; n += len(chunk) {
		_, err = f.Write(chunk)
		require.NoError(h.t, err)
	}
	require.NoError(h.t, f.Close())
	return path
}

// notRegular is what a message about a FIFO, a device or a folder where a
// file was expected says.
const notRegular = `(?i)regular file|fifo|named pipe|device|directory|too (large|big|long)|limit`

// tls points the default provider at an https endpoint where nothing
// listens, so that a CA bundle must be loaded for the call: a provider may
// well leave the bundle unread for plain http endpoints.
func (h *harness) tls() {
	h.endpoint(strings.Replace(awsfault.ClosedPort(h.t), "http://", "https://", 1))
}

func fileCases() []hcase {
	webIdentity := func(h *harness, file string) {
		h.cfg("aws-identity:assumeRoleWithWebIdentity", map[string]any{"roleArn": shared.roleArn, "webIdentityTokenFile": file})
	}
	return []hcase{
		{"sharedConfigFiles: a FIFO nobody writes", func(t *testing.T, h *harness) {
			h.envKeys()
			pipe := h.fifo("config-pipe")
			h.cfg("aws-identity:sharedConfigFiles", []string{pipe})
			h.caller()
			r := h.up(kill)
			r.fails(t, `sharedConfigFiles: the file "`+pipe+`" is a named pipe (FIFO), not a regular file`)
			r.within(t, prompt)
		}},
		{"AWS_CONFIG_FILE: a FIFO nobody writes", func(t *testing.T, h *harness) {
			h.envKeys()
			h.set("AWS_CONFIG_FILE=" + h.fifo("config-pipe"))
			h.caller()
			r := h.up(kill)
			r.fails(t, "AWS_CONFIG_FILE")
			r.within(t, prompt)
		}},
		{"sharedCredentialsFiles: the zero device", func(t *testing.T, h *harness) {
			h.envKeys()
			h.cfg("aws-identity:sharedCredentialsFiles", []string{"/dev/zero"})
			h.caller()
			r := h.up(kill)
			r.fails(t, `sharedCredentialsFiles: the file "/dev/zero" is a device, not a regular file`)
			r.within(t, prompt)
		}},
		{"sharedConfigFiles: a folder", func(t *testing.T, h *harness) {
			h.envKeys()
			h.cfg("aws-identity:sharedConfigFiles", []string{h.dir})
			h.caller()
			r := h.up(kill)
			r.fails(t, "sharedConfigFiles")
			r.within(t, prompt)
		}},
		{"sharedConfigFiles: 200 MB of profiles", func(t *testing.T, h *harness) {
			h.envKeys()
			big := h.bigFile("huge-config", "[profile p]\nregion = us-east-1\n# padding padding padding padding\n", 200<<20)
			h.cfg("aws-identity:sharedConfigFiles", []string{big})
			h.caller()
			r := h.up(kill)
			r.fails(t, `sharedConfigFiles: the file "`+big+`" is larger than 16 MiB`)
			r.within(t, prompt)
		}},
		{"sharedCredentialsFiles: a broken line holding a secret", func(t *testing.T, h *harness) {
			h.envKeys()
			h.cfg("aws-identity:sharedCredentialsFiles", []string{h.file("creds",
				"[default\naws_secret_access_key "+h.canary("broken line secret")+"\n")})
			h.cfg("aws-identity:profile", "default")
			h.caller()
			h.up(kill) // whatever the outcome, the line must not be quoted
		}},
		{"customCaBundle: the zero device", func(t *testing.T, h *harness) {
			h.envKeys()
			h.tls()
			h.cfg("aws-identity:customCaBundle", "/dev/zero")
			h.caller()
			r := h.up(kill)
			r.fails(t, "customCaBundle")
			assert.Regexp(t, notRegular, r.Flat)
			r.within(t, prompt)
		}},
		{"customCaBundle: a FIFO nobody writes", func(t *testing.T, h *harness) {
			h.envKeys()
			h.tls()
			h.cfg("aws-identity:customCaBundle", h.fifo("ca-pipe"))
			h.caller()
			r := h.up(kill)
			r.fails(t, "customCaBundle")
			r.within(t, prompt)
		}},
		{"AWS_CA_BUNDLE: the zero device", func(t *testing.T, h *harness) {
			h.envKeys()
			h.tls()
			h.set("AWS_CA_BUNDLE=/dev/zero")
			h.caller()
			r := h.up(kill)
			r.fails(t, "AWS_CA_BUNDLE")
			r.within(t, prompt)
		}},
		{"customCaBundle: not PEM, and holding a secret", func(t *testing.T, h *harness) {
			h.envKeys()
			h.tls()
			h.cfg("aws-identity:customCaBundle", h.file("ca.pem", "-----BEGIN CERTIFICATE-----\n"+
				h.canary("ca bundle secret")+"\n-----END CERTIFICATE-----\n"))
			h.caller()
			r := h.up(kill)
			r.fails(t, "customCaBundle")
		}},
		{"assumeRoleWithWebIdentity.webIdentityTokenFile: the zero device", func(t *testing.T, h *harness) {
			webIdentity(h, "/dev/zero")
			h.caller()
			r := h.up(kill)
			r.fails(t, `assumeRoleWithWebIdentity.webIdentityTokenFile: the file "/dev/zero" is a device, not a regular file`)
			r.within(t, prompt)
		}},
		{"assumeRoleWithWebIdentity.webIdentityTokenFile: a FIFO", func(t *testing.T, h *harness) {
			webIdentity(h, h.fifo("token-pipe"))
			h.caller()
			r := h.up(kill)
			r.fails(t, "webIdentityTokenFile")
			r.within(t, prompt)
		}},
		{"assumeRoleWithWebIdentity.webIdentityTokenFile: 50 MB of token", func(t *testing.T, h *harness) {
			webIdentity(h, h.bigFile("token", h.canary("huge token"), 50<<20))
			h.caller()
			r := h.up(kill)
			r.fails(t, "webIdentityTokenFile")
			r.within(t, prompt)
		}},
		{"assumeRoleWithWebIdentity.webIdentityTokenFile: works", func(t *testing.T, h *harness) {
			webIdentity(h, h.file("token", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJjaSJ9."+h.canary("web identity token")))
			h.caller()
			r := h.up(kill)
			if r.ok(t) {
				assert.Equal(t, assumed("pulumi-aws-identity"), r.out("arn"))
			}
		}},
	}
}
