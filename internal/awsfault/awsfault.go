// Package awsfault is a fake AWS endpoint on 127.0.0.1 for fault tests. It
// speaks the query protocol that STS and IAM use (a form body with
// Action=...) and answers each action as scripted: with AWS's own XML error
// documents (Throttling, AccessDenied, ExpiredToken, ...), with a valid
// success document, or by hanging until the caller gives up. It counts the
// calls that reach it.
//
// Real AWS never sees these requests; moto (see internal/testenv) cannot
// produce these errors, which is why this server exists.
package awsfault

import (
	"fmt"
	"html"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

// Account is the account the scripted successes answer for.
const Account = "123456789012"

// Success values: tests search for these to prove secrets do not leak.
const (
	AccessKeyID     = "ASIAFAULTSERVER00001"
	SecretAccessKey = "faultServerSecretAccessKey0000000000000000"
	SessionToken    = "faultServerSessionToken000000000000000000000000000000"
	CallerARN       = "arn:aws:iam::" + Account + ":user/fault-tester"
	CallerUserID    = "AIDAFAULTSERVER00001"

	// What AssumeRoleWithWebIdentity answers STS read from the token.
	WebIdentitySubject  = "repo:octo-org/app:ref:refs/heads/main"
	WebIdentityAudience = "sts.amazonaws.com"
	WebIdentityProvider = "arn:aws:iam::" + Account + ":oidc-provider/token.actions.githubusercontent.com"
)

const (
	stsNS = "https://sts.amazonaws.com/doc/2011-06-15/"
	iamNS = "https://iam.amazonaws.com/doc/2010-05-08/"
)

// Reply is one scripted answer. Make them with OK, Fail, Hang or the named
// AWS errors below; Times says how many calls it answers.
type Reply struct {
	status  int
	errType string
	code    string
	message string
	hang    bool
	empty   bool
	body    *string // the inside of <ActionResult>, as given
	times   int     // calls this reply answers; 0 = every call from here on
}

// Times makes the reply answer n calls, after which the next reply in the
// script answers.
func (r Reply) Times(n int) Reply { r.times = n; return r }

// OK answers with a valid success document for the action.
func OK() Reply { return Reply{status: http.StatusOK} }

// Hang answers nothing: the request is held until the client gives up (its
// context ends or it closes the connection) or the server stops.
func Hang() Reply { return Reply{hang: true} }

// Empty answers HTTP 200 with a well-formed but empty result element: no
// credentials, no role. AWS does not do this; a broken proxy might.
func Empty() Reply { return Reply{status: http.StatusOK, empty: true} }

// Body answers HTTP 200 with doc as the inside of the result element, for
// partial or odd answers (credentials without a session token, ...) that
// AWS does not send and a broken proxy or emulator might.
func Body(doc string) Reply { return Reply{status: http.StatusOK, body: &doc} }

// Fail answers with AWS's XML error document: <ErrorResponse><Error><Type>
// Sender</Type><Code>code</Code><Message>message</Message></Error>...
func Fail(status int, code, message string) Reply {
	t := "Sender"
	if status >= 500 {
		t = "Receiver"
	}
	return Reply{status: status, errType: t, code: code, message: message}
}

// Throttling is STS's and IAM's throttling error (HTTP 400, Code Throttling).
func Throttling() Reply { return Fail(http.StatusBadRequest, "Throttling", "Rate exceeded") }

// AccessDenied is the error AssumeRole returns when the trust policy, MFA or
// external ID condition does not allow the caller (HTTP 403).
func AccessDenied() Reply {
	return Fail(http.StatusForbidden, "AccessDenied", "User: "+CallerARN+
		" is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::"+Account+":role/Deployer")
}

// ExpiredToken is what STS returns for expired temporary credentials.
func ExpiredToken() Reply {
	return Fail(http.StatusForbidden, "ExpiredToken", "The security token included in the request is expired")
}

// InvalidClientTokenId is what STS returns for an unknown access key.
func InvalidClientTokenId() Reply {
	return Fail(http.StatusForbidden, "InvalidClientTokenId", "The security token included in the request is invalid.")
}

// MFADenied is GetSessionToken's (and AssumeRole's) answer to an MFA code
// the device did not show, or one already used (HTTP 403).
func MFADenied() Reply {
	return Fail(http.StatusForbidden, "AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code. ")
}

// SessionCredentialsDenied is GetSessionToken's answer when it is called
// with temporary credentials (HTTP 403).
func SessionCredentialsDenied() Reply {
	return Fail(http.StatusForbidden, "AccessDenied", "Cannot call GetSessionToken with session credentials")
}

// InvalidIdentityToken is AssumeRoleWithWebIdentity's answer to a token STS
// cannot verify, for example one whose issuer has no IAM identity provider.
func InvalidIdentityToken() Reply {
	return Fail(http.StatusBadRequest, "InvalidIdentityToken",
		"No OpenIDConnect provider found in your account for https://token.actions.githubusercontent.com")
}

// IDPRejectedClaim is AssumeRoleWithWebIdentity's answer when the role's
// trust policy does not accept the token's claims (HTTP 403).
func IDPRejectedClaim() Reply {
	return Fail(http.StatusForbidden, "IDPRejectedClaim", "Incorrect token audience")
}

// ExpiredTokenException is AssumeRoleWithWebIdentity's answer to an expired
// web identity token.
func ExpiredTokenException() Reply {
	return Fail(http.StatusBadRequest, "ExpiredTokenException",
		"Token expired: current date/time 1700000600 must be before the expiration date/time 1700000300")
}

// RegionDisabled is STS's answer in a region the account has not activated.
func RegionDisabled() Reply {
	return Fail(http.StatusForbidden, "RegionDisabledException",
		"STS is not activated in this region for account:"+Account+". Your account administrator can activate STS "+
			"in this region using the IAM Console.")
}

// NoSuchEntity is IAM's answer to GetRole for a role that does not exist (HTTP 404).
func NoSuchEntity(role string) Reply {
	return Fail(http.StatusNotFound, "NoSuchEntity", "The role with name "+role+" cannot be found.")
}

// Server is a running fake endpoint, stopped when its test ends.
type Server struct {
	// URL is http://127.0.0.1:PORT; configure it as both the STS and the
	// IAM endpoint.
	URL string

	srv  *httptest.Server
	stop chan struct{}

	mu       sync.Mutex
	scripts  map[string][]Reply
	calls    map[string]int
	requests map[string][]url.Values
	signed   map[string][]bool
}

// Start runs a server that answers every action with OK until told otherwise.
func Start(t testing.TB) *Server {
	t.Helper()
	s := &Server{
		stop:     make(chan struct{}),
		scripts:  map[string][]Reply{},
		calls:    map[string]int{},
		requests: map[string][]url.Values{},
		signed:   map[string][]bool{},
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve)) // listens on 127.0.0.1
	s.URL = s.srv.URL
	t.Cleanup(func() {
		close(s.stop) // release hanging requests, or Close waits for them
		s.srv.Close()
	})
	return s
}

// On scripts action (such as "AssumeRole"): each call takes the first reply
// whose Times are not used up; the last reply without Times answers all
// later calls. Without a script, or once it is used up, the action answers OK.
func (s *Server) On(action string, replies ...Reply) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.scripts[action] = append([]Reply(nil), replies...)
}

// Calls is how many requests for action arrived.
func (s *Server) Calls(action string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.calls[action]
}

// Total is how many requests arrived for any action.
func (s *Server) Total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	for _, c := range s.calls {
		n += c
	}
	return n
}

// Requests returns the form values of every request for action, in order.
func (s *Server) Requests(action string) []url.Values {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]url.Values(nil), s.requests[action]...)
}

// Signed says, for every request for action in order, whether it was
// signed (carried an Authorization header).
func (s *Server) Signed(action string) []bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]bool(nil), s.signed[action]...)
}

// next takes the reply for one call of action.
func (s *Server) next(action string, form url.Values, signed bool) Reply {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls[action]++
	s.requests[action] = append(s.requests[action], form)
	s.signed[action] = append(s.signed[action], signed)
	script := s.scripts[action]
	if len(script) == 0 {
		return OK()
	}
	r := script[0]
	if r.times == 0 {
		return r
	}
	r.times--
	if r.times == 0 {
		script = script[1:]
	} else {
		script[0] = r
	}
	s.scripts[action] = script
	return r
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil || form.Get("Action") == "" {
		writeError(w, stsNS, Fail(http.StatusBadRequest, "MissingAction", "No Action in the request body"))
		return
	}
	action := form.Get("Action")
	ns := stsNS
	if form.Get("Version") == "2010-05-08" {
		ns = iamNS
	}
	reply := s.next(action, form, r.Header.Get("Authorization") != "")
	switch {
	case reply.hang:
		select {
		case <-r.Context().Done():
		case <-s.stop:
		}
		return
	case reply.status != http.StatusOK:
		writeError(w, ns, reply)
		return
	}
	doc, ok := success(action, form)
	if reply.empty {
		doc = ""
	}
	if reply.body != nil {
		doc, ok = *reply.body, true
	}
	if !ok {
		writeError(w, ns, Fail(http.StatusBadRequest, "InvalidAction", "awsfault has no success document for "+action))
		return
	}
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("X-Amzn-Requestid", requestID())
	_, _ = fmt.Fprintf(w, `<%[1]sResponse xmlns="%[2]s"><%[1]sResult>%[3]s</%[1]sResult>`+
		`<ResponseMetadata><RequestId>%[4]s</RequestId></ResponseMetadata></%[1]sResponse>`,
		action, ns, doc, requestID())
}

func writeError(w http.ResponseWriter, ns string, r Reply) {
	id := requestID()
	w.Header().Set("Content-Type", "text/xml")
	w.Header().Set("X-Amzn-Requestid", id)
	w.WriteHeader(r.status)
	_, _ = fmt.Fprintf(w, `<ErrorResponse xmlns="%s"><Error><Type>%s</Type><Code>%s</Code><Message>%s</Message>`+
		`</Error><RequestId>%s</RequestId></ErrorResponse>`,
		ns, r.errType, html.EscapeString(r.code), html.EscapeString(r.message), id)
}

// success is the inside of <ActionResult> for the actions the provider calls.
func success(action string, form url.Values) (string, bool) {
	x := html.EscapeString
	switch action {
	case "GetCallerIdentity":
		return fmt.Sprintf("<Arn>%s</Arn><UserId>%s</UserId><Account>%s</Account>", CallerARN, CallerUserID, Account), true
	case "AssumeRole":
		roleArn, session := form.Get("RoleArn"), form.Get("RoleSessionName")
		role := roleArn[strings.LastIndex(roleArn, "/")+1:]
		exp := time.Now().Add(time.Hour).UTC().Format(time.RFC3339)
		src := ""
		if v := form.Get("SourceIdentity"); v != "" {
			src = "<SourceIdentity>" + x(v) + "</SourceIdentity>"
		}
		return fmt.Sprintf("%[1]s<AssumedRoleUser><Arn>arn:aws:sts::%[2]s:assumed-role/%[3]s/%[4]s</Arn>"+
			"<AssumedRoleId>AROAFAULTSERVER00001:%[4]s</AssumedRoleId></AssumedRoleUser>"+
			"<Credentials><AccessKeyId>%[5]s</AccessKeyId><SecretAccessKey>%[6]s</SecretAccessKey>"+
			"<SessionToken>%[7]s</SessionToken><Expiration>%[8]s</Expiration></Credentials>"+
			"<PackedPolicySize>6</PackedPolicySize>",
			src, Account, x(role), x(session), AccessKeyID, SecretAccessKey, SessionToken, exp), true
	case "GetSessionToken":
		lifetime := 12 * time.Hour
		if d, err := time.ParseDuration(form.Get("DurationSeconds") + "s"); err == nil && form.Get("DurationSeconds") != "" {
			lifetime = d
		}
		return credentialsDoc(time.Now().Add(lifetime)), true
	case "AssumeRoleWithWebIdentity":
		roleArn, session := form.Get("RoleArn"), form.Get("RoleSessionName")
		role := roleArn[strings.LastIndex(roleArn, "/")+1:]
		return fmt.Sprintf("%[1]s<AssumedRoleUser><Arn>arn:aws:sts::%[2]s:assumed-role/%[3]s/%[4]s</Arn>"+
			"<AssumedRoleId>AROAFAULTSERVER00001:%[4]s</AssumedRoleId></AssumedRoleUser>"+
			"<SubjectFromWebIdentityToken>%[5]s</SubjectFromWebIdentityToken><Audience>%[6]s</Audience>"+
			"<Provider>%[7]s</Provider><PackedPolicySize>4</PackedPolicySize><SourceIdentity>alice</SourceIdentity>",
			credentialsDoc(time.Now().Add(time.Hour)), Account, x(role), x(session),
			WebIdentitySubject, WebIdentityAudience, WebIdentityProvider), true
	case "GetAccessKeyInfo":
		return "<Account>" + Account + "</Account>", true
	case "GetRole":
		name := form.Get("RoleName")
		return fmt.Sprintf("<Role><Path>/faults/</Path><Arn>arn:aws:iam::%[1]s:role/faults/%[2]s</Arn>"+
			"<RoleName>%[2]s</RoleName><RoleId>AROAFAULTSERVER00001</RoleId>"+
			"<CreateDate>2024-01-01T00:00:00Z</CreateDate>"+
			"<AssumeRolePolicyDocument>%%7B%%7D</AssumeRolePolicyDocument></Role>", Account, x(name)), true
	}
	return credentialSuccess(action, form)
}

func credentialsDoc(expires time.Time) string {
	return fmt.Sprintf("<Credentials><AccessKeyId>%s</AccessKeyId><SecretAccessKey>%s</SecretAccessKey>"+
		"<SessionToken>%s</SessionToken><Expiration>%s</Expiration></Credentials>",
		AccessKeyID, SecretAccessKey, SessionToken, expires.UTC().Format(time.RFC3339))
}

var (
	idMu sync.Mutex
	idN  int
)

func requestID() string {
	idMu.Lock()
	defer idMu.Unlock()
	idN++
	return fmt.Sprintf("00000000-0000-4000-8000-%012d", idN)
}

// ClosedPort returns http://127.0.0.1:PORT for a port that was just free and
// has nothing listening: connecting to it is refused.
func ClosedPort(t testing.TB) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("awsfault: no free port: %v", err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return "http://" + addr
}
