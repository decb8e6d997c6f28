package nodejs

import (
	"strings"
	"testing"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/federationfake"
)

// signinToken is what the fake federation endpoint hands out; the
// console-signin example's test finds it in the URL and nowhere else.
const signinToken = "node-fake-signin-token-7e57"

// checkFederation: what the console-signin example sent the fake
// federation endpoint. One getSigninToken, with the role session's
// temporary credentials as the Session JSON and SessionDuration 3600; and
// neither their secret parts nor the sign-in token in the tests' output or
// the state.
func checkFederation(t *testing.T, f *federationfake.Fake, out, state string) {
	t.Helper()
	reqs := f.Requests()
	if len(reqs) != 1 {
		t.Fatalf("the fake federation endpoint got %d getSigninToken requests, want 1", len(reqs))
	}
	r := reqs[0]
	if !strings.HasPrefix(r.Session.SessionID, "ASIA") || len(r.Session.SessionKey) < 20 || len(r.Session.SessionToken) < 20 {
		t.Errorf("the Session JSON does not hold a role session's credentials (sessionId %q)", r.Session.SessionID)
	}
	if r.SessionDuration == nil || *r.SessionDuration != 3600 {
		t.Errorf("SessionDuration: got %v, want 3600", r.SessionDuration)
	}
	if !strings.Contains(state, `"ciphertext":`) {
		t.Errorf("the state holds no encrypted secrets")
	}
	for name, v := range map[string]string{"secret key": r.Session.SessionKey, "session token": r.Session.SessionToken,
		"sign-in token": signinToken} {
		if strings.Contains(state, v) {
			t.Errorf("the %s is in the state as plain text", name)
		}
		if name != "sign-in token" && strings.Contains(out, v) {
			t.Errorf("the %s is in the tests' output", name)
		}
	}
}
