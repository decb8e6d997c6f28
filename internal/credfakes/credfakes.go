// Package credfakes serves, on 127.0.0.1, the credential sources that moto
// does not: the IAM Identity Center (SSO) portal, an ECS or EKS Pod Identity
// container credentials endpoint, and the EC2 instance metadata service
// (IMDSv2). Each hands out the credentials the test gives it (usually minted
// by moto's AssumeRole, so that moto knows whose they are) and answers bad
// requests as the real service does, and counts what it serves.
package credfakes

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Server is one fake, with the number of credentials it has handed out.
type Server struct {
	URL    string
	served atomic.Int64
}

// Served is how many times the fake handed out credentials.
func (s *Server) Served() int { return int(s.served.Load()) }

func start(t testing.TB, h http.HandlerFunc) *Server {
	t.Helper()
	s := &Server{}
	srv := httptest.NewServer(h) // httptest listens on 127.0.0.1 only
	t.Cleanup(srv.Close)
	s.URL = srv.URL
	return s
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

// SSOPortal is the SSO portal's GetRoleCredentials
// (GET /federation/credentials), for the access token token only.
func SSOPortal(t testing.TB, token string, creds func(account, role string) aws.Credentials) *Server {
	var s *Server
	s = start(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/federation/credentials" {
			http.NotFound(w, r)
			return
		}
		if r.Header.Get("x-amz-sso_bearer_token") != token {
			w.Header().Set("x-amzn-ErrorType", "UnauthorizedException")
			writeJSON(w, http.StatusUnauthorized, map[string]string{"message": "Session token not found or invalid"})
			return
		}
		c := creds(r.URL.Query().Get("account_id"), r.URL.Query().Get("role_name"))
		s.served.Add(1)
		writeJSON(w, http.StatusOK, map[string]any{"roleCredentials": map[string]any{
			"accessKeyId": c.AccessKeyID, "secretAccessKey": c.SecretAccessKey, "sessionToken": c.SessionToken,
			"expiration": c.Expires.UnixMilli(),
		}})
	})
	return s
}

// Container is a container credentials endpoint as ECS and EKS Pod Identity
// serve it: with token set, a request must carry it in Authorization.
func Container(t testing.TB, token string, creds func() aws.Credentials) *Server {
	var s *Server
	s = start(t, func(w http.ResponseWriter, r *http.Request) {
		if token != "" && r.Header.Get("Authorization") != token {
			writeJSON(w, http.StatusForbidden, map[string]string{"code": "AccessDenied",
				"message": "Authorization token is missing or wrong"})
			return
		}
		c := creds()
		s.served.Add(1)
		writeJSON(w, http.StatusOK, map[string]string{"AccessKeyId": c.AccessKeyID,
			"SecretAccessKey": c.SecretAccessKey, "Token": c.SessionToken,
			"Expiration": c.Expires.UTC().Format(time.RFC3339)})
	})
	return s
}

// IMDS is the EC2 instance metadata service, IMDSv2 only: every request
// needs a session token from PUT /latest/api/token. An empty role is an
// instance without an instance profile.
func IMDS(t testing.TB, role string, creds func() aws.Credentials) *Server {
	const sessionToken = "imds-session-token"
	const prefix = "/latest/meta-data/iam/security-credentials/"
	var s *Server
	s = start(t, func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/latest/api/token" {
			ttl := r.Header.Get("X-aws-ec2-metadata-token-ttl-seconds")
			if r.Method != http.MethodPut || ttl == "" {
				http.Error(w, "", http.StatusBadRequest)
				return
			}
			// IMDS says how long the token lives; the AWS SDK refuses a
			// token without it and falls back to IMDSv1, which this fake
			// does not serve.
			w.Header().Set("X-aws-ec2-metadata-token-ttl-seconds", ttl)
			_, _ = w.Write([]byte(sessionToken))
			return
		}
		if r.Header.Get("X-aws-ec2-metadata-token") != sessionToken {
			http.Error(w, "", http.StatusUnauthorized)
			return
		}
		name, ok := strings.CutPrefix(r.URL.Path, prefix)
		switch {
		case !ok || role == "":
			http.NotFound(w, r)
		case name == "":
			_, _ = w.Write([]byte(role))
		case name == role:
			c := creds()
			s.served.Add(1)
			writeJSON(w, http.StatusOK, map[string]string{"Code": "Success", "Type": "AWS-HMAC",
				"LastUpdated": time.Now().UTC().Format(time.RFC3339), "AccessKeyId": c.AccessKeyID,
				"SecretAccessKey": c.SecretAccessKey, "Token": c.SessionToken,
				"Expiration": c.Expires.UTC().Format(time.RFC3339)})
		default:
			http.NotFound(w, r)
		}
	})
	return s
}
