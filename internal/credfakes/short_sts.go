package credfakes

import (
	"fmt"
	"html"
	"net/http"
	"regexp"
	"sync"
	"testing"
	"time"
)

// ShortSTS is an STS whose AssumeRole hands out credentials that live for
// lifetime only, and which refuses, with AWS's ExpiredToken, any request
// signed with credentials it issued that have expired. The base key is
// always accepted. It proves that a long run refreshes in time.
type ShortSTS struct {
	*Server
	BaseKey  string
	lifetime time.Duration

	mu      sync.Mutex
	expires map[string]time.Time // access key -> when it expires
	ok      int
	expired int
}

var signingKey = regexp.MustCompile(`Credential=([A-Z0-9]+)/`)

// StartShortSTS starts the fake STS.
func StartShortSTS(t testing.TB, lifetime time.Duration) *ShortSTS {
	f := &ShortSTS{BaseKey: "AKIASHORTSTSBASE0001", lifetime: lifetime, expires: map[string]time.Time{}}
	f.Server = start(t, f.serve)
	return f
}

// Calls are the requests answered, and those refused as expired.
func (f *ShortSTS) Calls() (ok, expired int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.ok, f.expired
}

// Issued is how many credentials AssumeRole handed out.
func (f *ShortSTS) Issued() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.expires)
}

func (f *ShortSTS) serve(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	m := signingKey.FindStringSubmatch(r.Header.Get("Authorization"))
	now := time.Now()
	f.mu.Lock()
	key := ""
	if m != nil {
		key = m[1]
	}
	exp, issued := f.expires[key]
	valid := key == f.BaseKey || (issued && now.Before(exp))
	if !valid {
		f.expired++
	} else {
		f.ok++
	}
	var body string
	if valid && r.Form.Get("Action") == "AssumeRole" {
		newKey := fmt.Sprintf("ASIASHORTSTS%08d", len(f.expires)+1)
		f.expires[newKey] = now.Add(f.lifetime)
		body = fmt.Sprintf("<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/short/%[1]s</Arn>"+
			"<AssumedRoleId>AROASHORTSTS:%[1]s</AssumedRoleId></AssumedRoleUser><Credentials>"+
			"<AccessKeyId>%[2]s</AccessKeyId><SecretAccessKey>shortSecret</SecretAccessKey>"+
			"<SessionToken>shortToken</SessionToken><Expiration>%[3]s</Expiration></Credentials>",
			html.EscapeString(r.Form.Get("RoleSessionName")), newKey,
			now.Add(f.lifetime).UTC().Format("2006-01-02T15:04:05.000Z"))
	}
	f.mu.Unlock()
	w.Header().Set("Content-Type", "text/xml")
	action := r.Form.Get("Action")
	if !valid {
		w.WriteHeader(http.StatusForbidden)
		_, _ = fmt.Fprintf(w, `<ErrorResponse><Error><Type>Sender</Type><Code>ExpiredToken</Code>`+
			`<Message>The security token included in the request is expired</Message></Error>`+
			`<RequestId>1</RequestId></ErrorResponse>`)
		return
	}
	if action == "GetCallerIdentity" {
		body = fmt.Sprintf("<Arn>arn:aws:sts::123456789012:assumed-role/short/%s</Arn><UserId>AROASHORTSTS:x</UserId>"+
			"<Account>123456789012</Account>", key)
	}
	_, _ = fmt.Fprintf(w, `<%[1]sResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><%[1]sResult>%[2]s`+
		`</%[1]sResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></%[1]sResponse>`, action, body)
}
