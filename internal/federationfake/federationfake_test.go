package federationfake

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder keeps the fake's complaints instead of failing this test.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func get(t *testing.T, f *Fake, q url.Values) (int, string) {
	t.Helper()
	resp, err := http.Get(f.URL + "?" + q.Encode())
	require.NoError(t, err)
	defer func() { _ = resp.Body.Close() }()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

// The fake's checks can fail: a request AWS would not take is reported.
func TestFakeAssertsRequests(t *testing.T) {
	good := Session{SessionID: "ASIAEXAMPLE000000001", SessionKey: "key", SessionToken: "token"}
	rec := &recorder{TB: t}
	f := Start(rec, "tok", good)

	status, body := get(t, f, url.Values{"Action": {"getSigninToken"}, "Session": {`{"sessionId":"ASIAEXAMPLE000000001","sessionKey":"key","sessionToken":"token"}`}, "SessionDuration": {"900"}})
	assert.Equal(t, http.StatusOK, status)
	assert.JSONEq(t, `{"SigninToken":"tok"}`, body)
	assert.Empty(t, rec.errs)

	status, _ = get(t, f, url.Values{"Action": {"getSigninToken"}, "Session": {`{"sessionId":"x","secret":"y"}`}, "SessionDuration": {"60"}, "Extra": {"1"}})
	assert.Equal(t, http.StatusBadRequest, status, "unknown credentials: 400, as AWS")
	require.Len(t, rec.errs, 3, "%v", rec.errs)
	assert.Contains(t, rec.errs[0]+rec.errs[1]+rec.errs[2], `unknown parameter "Extra"`)
	assert.Contains(t, rec.errs[0]+rec.errs[1]+rec.errs[2], "Session is not the documented JSON")
	assert.Contains(t, rec.errs[0]+rec.errs[1]+rec.errs[2], `SessionDuration "60" is outside 900-43200`)

	resp, err := http.Post(f.URL, "application/x-www-form-urlencoded", nil)
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.Len(t, rec.errs, 4, "only GET getSigninToken is expected")
	assert.Len(t, f.Requests(), 2)
}
