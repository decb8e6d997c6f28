package credfakes

import (
	"fmt"
	"net/http"
	"sync"
	"testing"
)

// AccountSTS is an STS that knows which account each access key belongs
// to, as AWS does: GetCallerIdentity answers with the account of the key
// the request is signed with (from Accounts), and a key it does not know is
// refused with InvalidClientTokenId. It counts the calls per action and
// key, to prove which calls were made with which credentials.
type AccountSTS struct {
	*Server
	Accounts func(accessKey string) (account string, ok bool)

	mu    sync.Mutex
	calls map[[2]string]int // {action, key} -> calls
}

// StartAccountSTS starts the fake STS.
func StartAccountSTS(t testing.TB, accounts func(accessKey string) (string, bool)) *AccountSTS {
	f := &AccountSTS{Accounts: accounts, calls: map[[2]string]int{}}
	f.Server = start(t, f.serve)
	return f
}

// Calls is how many times action was called with key; with key "", with
// any key.
func (f *AccountSTS) Calls(action, key string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	if key != "" {
		return f.calls[[2]string{action, key}]
	}
	n := 0
	for k, c := range f.calls {
		if k[0] == action {
			n += c
		}
	}
	return n
}

func (f *AccountSTS) serve(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	action := r.Form.Get("Action")
	key := ""
	if m := signingKey.FindStringSubmatch(r.Header.Get("Authorization")); m != nil {
		key = m[1]
	}
	f.mu.Lock()
	f.calls[[2]string{action, key}]++
	f.mu.Unlock()
	w.Header().Set("Content-Type", "text/xml")
	account, ok := f.Accounts(key)
	if !ok {
		w.WriteHeader(http.StatusForbidden)
		_, _ = fmt.Fprint(w, `<ErrorResponse><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>`+
			`<Message>The security token included in the request is invalid.</Message></Error>`+
			`<RequestId>1</RequestId></ErrorResponse>`)
		return
	}
	body := ""
	if action == "GetCallerIdentity" {
		body = fmt.Sprintf("<Arn>arn:aws:sts::%[1]s:assumed-role/deployer/%[2]s</Arn>"+
			"<UserId>AROAACCOUNTSTS:%[2]s</UserId><Account>%[1]s</Account>", account, key)
	}
	_, _ = fmt.Fprintf(w, `<%[1]sResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><%[1]sResult>%[2]s`+
		`</%[1]sResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></%[1]sResponse>`, action, body)
}
