package credfakes

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// SigninRequest is what the fake signin service received in one token
// request, less the refresh token's value.
type SigninRequest struct {
	Path, ContentType string
	ClientID          string
	GrantType         string
	RefreshTokenOK    bool   // the refresh token was the one expected
	DPoP              string // "valid", or what is wrong with the DPoP proof
	DPoPHtm, DPoPHtu  string
}

// Signin is the signin service's token endpoint as `aws login` sessions
// use it (POST /v1/token, CreateOAuth2Token): it takes the refresh token
// refresh only, with a DPoP proof signed by the key in its header, and
// hands out creds and a new refresh token, next.
type Signin struct {
	*Server
	mu       sync.Mutex
	requests []SigninRequest
}

// Requests are the token requests received, in order.
func (s *Signin) Requests() []SigninRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]SigninRequest(nil), s.requests...)
}

// StartSignin starts the fake signin token endpoint.
func StartSignin(t testing.TB, refresh, next string, creds func() aws.Credentials) *Signin {
	f := &Signin{}
	f.Server = start(t, func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		var in struct {
			ClientID     string `json:"clientId"`
			GrantType    string `json:"grantType"`
			RefreshToken string `json:"refreshToken"`
		}
		_ = json.Unmarshal(body, &in)
		req := SigninRequest{Path: r.URL.Path, ContentType: r.Header.Get("Content-Type"), ClientID: in.ClientID,
			GrantType: in.GrantType, RefreshTokenOK: in.RefreshToken == refresh}
		req.DPoP, req.DPoPHtm, req.DPoPHtu = checkDPoP(r.Header.Get("DPoP"))
		f.mu.Lock()
		f.requests = append(f.requests, req)
		f.mu.Unlock()
		switch {
		case r.Method != http.MethodPost || r.URL.Path != "/v1/token":
			http.NotFound(w, r)
		case req.DPoP != "valid":
			w.Header().Set("x-amzn-ErrorType", "ValidationException")
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "INVALID_REQUEST", "message": "DPoP proof " + req.DPoP})
		case !req.RefreshTokenOK:
			// What AWS answers for a refresh token that has expired.
			w.Header().Set("x-amzn-ErrorType", "AccessDeniedException")
			writeJSON(w, http.StatusBadRequest, map[string]string{"error": "TOKEN_EXPIRED",
				"message": "The refresh token has expired"})
		default:
			c := creds()
			f.served.Add(1)
			writeJSON(w, http.StatusOK, map[string]any{
				"accessToken": map[string]string{"accessKeyId": c.AccessKeyID, "secretAccessKey": c.SecretAccessKey,
					"sessionToken": c.SessionToken},
				"tokenType": "aws_sigv4", "expiresIn": 900, "refreshToken": next,
			})
		}
	})
	return f
}

// checkDPoP verifies a DPoP proof (RFC 9449) as signin does: an ES256 JWT
// whose header carries the public key that signed it.
func checkDPoP(proof string) (verdict, htm, htu string) {
	parts := strings.Split(proof, ".")
	if len(parts) != 3 {
		return "missing or not a JWT", "", ""
	}
	var header struct {
		Typ, Alg string
		Jwk      struct{ Kty, Crv, X, Y string }
	}
	var payload struct{ Htm, Htu, Jti string }
	if decodeJSON(parts[0], &header) != nil || decodeJSON(parts[1], &payload) != nil {
		return "not JSON", "", ""
	}
	if header.Typ != "dpop+jwt" || header.Alg != "ES256" || header.Jwk.Kty != "EC" || header.Jwk.Crv != "P-256" {
		return "of the wrong type or algorithm", payload.Htm, payload.Htu
	}
	x, errX := base64.RawURLEncoding.DecodeString(header.Jwk.X)
	y, errY := base64.RawURLEncoding.DecodeString(header.Jwk.Y)
	sig, errS := base64.RawURLEncoding.DecodeString(parts[2])
	if errX != nil || errY != nil || errS != nil || len(sig) != 64 || len(x) > 32 || len(y) > 32 {
		return "badly encoded", payload.Htm, payload.Htu
	}
	// The coordinates as the SDK writes them (big.Int's bytes) may be
	// shorter than 32 bytes: padded, in the uncompressed form.
	point := make([]byte, 65)
	point[0] = 4
	copy(point[33-len(x):33], x)
	copy(point[65-len(y):], y)
	key, err := ecdsa.ParseUncompressedPublicKey(elliptic.P256(), point)
	if err != nil {
		return "with a key that is not on P-256", payload.Htm, payload.Htu
	}
	sum := sha256.Sum256([]byte(parts[0] + "." + parts[1]))
	if !ecdsa.Verify(key, sum[:], new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:])) {
		return "with a bad signature", payload.Htm, payload.Htu
	}
	if payload.Jti == "" {
		return "without jti", payload.Htm, payload.Htu
	}
	return "valid", payload.Htm, payload.Htu
}

func decodeJSON(part string, v any) error {
	b, err := base64.RawURLEncoding.DecodeString(part)
	if err != nil {
		return err
	}
	return json.Unmarshal(b, v)
}
