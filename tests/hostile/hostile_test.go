// Package hostile runs hostile and careless set-ups through the real
// engine (the Pulumi CLI and the YAML language host from .tools/bin, the
// provider from bin/, a file backend, moto and the fakes of internal/
// credfakes and internal/awsfault, all on 127.0.0.1), as issue 15 asks:
// every credential source, every function, and every setting that reads a
// file or a URL, given what people really have and what an attacker would
// try.
//
// For each case it asserts the outcome (a clear error naming the setting,
// or the right answer), that the run ends within a bound (a hang is a
// failure, reported as HANG, not a test timeout), that nothing panics
// (CRASH), and that no planted canary secret shows (LEAK) in the update's
// output, the provider's stderr at -v=9, `pulumi stack export`, the plain
// outputs of `pulumi stack output --show-secrets`, or the backend's files.
package hostile

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// Bounds: every run is killed at kill; a case about a hang asserts that it
// ended well before, within prompt.
const (
	kill   = 100 * time.Second
	prompt = 70 * time.Second
)

// hcase is one hostile set-up.
type hcase struct {
	name string
	run  func(t *testing.T, h *harness)
}

// env is what every case shares: one moto, and a role in it whose
// sessions cases hand out as credentials.
type env struct {
	moto    *testenv.Moto
	roleArn string
}

var shared env

func TestHostile(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "hostile", "/")
	otherArn := "arn:aws:iam::444455556666:role/elsewhere"
	shared = env{moto: moto, roleArn: roleArn}
	_ = otherArn
	var all []hcase
	for _, group := range [][]hcase{processCases(), sourceCases(), fileCases(), networkCases(),
		functionCases(), configCases(), quotedCases(), stsCredsCases()} {
		all = append(all, group...)
	}
	if len(all) < 40 {
		t.Errorf("only %d hostile cases; issue 15 asks for at least 40", len(all))
	}
	seen := map[string]bool{}
	for _, c := range all {
		if strings.Contains(c.name, "/") {
			t.Fatalf("case %q: a / in a name makes it unreachable by go test -run", c.name)
		}
		if seen[c.name] {
			t.Fatalf("two cases named %q", c.name)
		}
		seen[c.name] = true
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.run(t, newHarness(t, moto))
		})
	}
}

// session mints credentials for a new session of the shared role and
// plants their secret parts as canaries.
func (h *harness) session(name string) aws.Credentials {
	h.t.Helper()
	c := h.moto.AssumeRole(h.t, shared.roleArn, name)
	h.plant("session secret key "+name, c.SecretAccessKey, "")
	h.plant("session token "+name, c.SessionToken, "")
	return c
}

// assumed is the caller ARN of a session of the shared role.
func assumed(session string) string {
	return "arn:aws:sts::" + testenv.MotoAccountID + ":assumed-role/hostile/" + session
}
