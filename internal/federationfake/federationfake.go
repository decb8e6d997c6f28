// Package federationfake is a local stand-in for the AWS federation endpoint
// (signin.aws.amazon.com/federation): it answers getSigninToken for the
// credentials it is told to expect, records every request, and fails the
// test on any request AWS's endpoint would not take.
package federationfake

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// Session is the JSON document of getSigninToken's Session parameter.
type Session struct {
	SessionID    string `json:"sessionId"`
	SessionKey   string `json:"sessionKey"`
	SessionToken string `json:"sessionToken"`
}

// Request is one getSigninToken request, as received.
type Request struct {
	Method          string
	Params          []string // names of the query parameters, sorted as received
	Session         Session
	SessionDuration *int
}

// Fake is a running fake federation endpoint.
type Fake struct {
	URL   string // the endpoint, ending in /federation
	Token string // the sign-in token it hands out

	t      testing.TB
	accept map[Session]bool
	any    bool
	mu     sync.Mutex
	reqs   []Request
}

// Start serves on 127.0.0.1 until the test ends. It hands out token to the
// credentials in accept, and answers HTTP 400 (as AWS does) to any other.
func Start(t testing.TB, token string, accept ...Session) *Fake {
	f := &Fake{Token: token, t: t, accept: map[Session]bool{}}
	for _, s := range accept {
		f.accept[s] = true
	}
	srv := httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(srv.Close)
	f.URL = srv.URL + "/federation"
	return f
}

// Accept adds credentials the fake hands a token to.
func (f *Fake) Accept(s Session) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.accept[s] = true
}

// AcceptAnyTemporary hands a token to any complete temporary credentials
// (ASIA... with a secret and a session token), for programs whose
// credentials are made while they run; the test then compares Requests
// with what the program got.
func (f *Fake) AcceptAnyTemporary() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.any = true
}

// Requests are the getSigninToken requests received so far.
func (f *Fake) Requests() []Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]Request(nil), f.reqs...)
}

func (f *Fake) serve(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if r.URL.Path != "/federation" || r.Method != http.MethodGet || q.Get("Action") != "getSigninToken" {
		f.t.Errorf("federation fake: unexpected %s %s (Action %q)", r.Method, r.URL.Path, q.Get("Action"))
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	req := Request{Method: r.Method}
	for k := range q {
		req.Params = append(req.Params, k)
		if k != "Action" && k != "Session" && k != "SessionDuration" {
			f.t.Errorf("federation fake: unknown parameter %q", k)
		}
	}
	dec := json.NewDecoder(strings.NewReader(q.Get("Session")))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req.Session); err != nil {
		f.t.Errorf("federation fake: Session is not the documented JSON: %v", err)
	}
	if d, ok := q["SessionDuration"]; ok {
		n, err := strconv.Atoi(d[0])
		if err != nil || n < 900 || n > 43200 {
			f.t.Errorf("federation fake: SessionDuration %q is outside 900-43200", d[0])
		}
		req.SessionDuration = &n
	}
	f.mu.Lock()
	f.reqs = append(f.reqs, req)
	c := req.Session
	ok := f.accept[c] || (f.any && strings.HasPrefix(c.SessionID, "ASIA") && c.SessionKey != "" && c.SessionToken != "")
	f.mu.Unlock()
	if !ok {
		// AWS answers a bad or expired session with a bare 400.
		http.Error(w, "Bad Request", http.StatusBadRequest)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]string{"SigninToken": f.Token})
}
