package awsfault

import (
	"html"
	"net/http"
	"time"
)

// Answers of the STS operations moto 5.2.5 does not implement (it answers
// AssumeRoot, GetWebIdentityToken and DecodeAuthorizationMessage with HTTP
// 500 NotImplementedError), in the shapes of the STS service model.

// RootSourceIdentity is the source identity AssumeRootOK reports.
const RootSourceIdentity = "alice-admin"

// WebIdentityJWT is the token GetWebIdentityTokenOK hands out: shaped as a
// JWT (header.payload.signature), so that tests can search for it in every
// output to prove it stays secret.
const WebIdentityJWT = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImZhdWx0In0.eyJhdWQiOiJmYXVsdCIsInN1YiI6ImZhdWx0In0.ZmF1bHRTZXJ2ZXJTaWduYXR1cmUwMDAwMDAwMA"

// AssumeRootOK is AssumeRoot's answer: credentials for lifetime, and the
// caller's source identity.
func AssumeRootOK(lifetime time.Duration) Reply {
	return Body(credentialsDoc(time.Now().Add(lifetime)) + "<SourceIdentity>" + RootSourceIdentity + "</SourceIdentity>")
}

// GetWebIdentityTokenOK is GetWebIdentityToken's answer: WebIdentityJWT,
// expiring after lifetime.
func GetWebIdentityTokenOK(lifetime time.Duration) Reply {
	return Body("<WebIdentityToken>" + WebIdentityJWT + "</WebIdentityToken><Expiration>" +
		time.Now().Add(lifetime).UTC().Format(time.RFC3339) + "</Expiration>")
}

// Decoded is DecodeAuthorizationMessage's answer: decoded, the JSON text.
func Decoded(decoded string) Reply {
	return Body("<DecodedMessage>" + html.EscapeString(decoded) + "</DecodedMessage>")
}

// InvalidAuthorizationMessage is DecodeAuthorizationMessage's answer to a
// message it cannot read (HTTP 400).
func InvalidAuthorizationMessage() Reply {
	return Fail(http.StatusBadRequest, "InvalidAuthorizationMessageException",
		"Message is not valid")
}

// OutboundFederationDisabled is GetWebIdentityToken's answer in an account
// that has not enabled outbound identity federation (HTTP 403).
func OutboundFederationDisabled() Reply {
	return Fail(http.StatusForbidden, "OutboundWebIdentityFederationDisabledException",
		"Outbound web identity federation is disabled for this account")
}

// RootAccessDenied is AssumeRoot's answer to a caller that may not act as
// root in the target account (HTTP 403).
func RootAccessDenied() Reply {
	return Fail(http.StatusForbidden, "AccessDenied", "User: "+CallerARN+
		" is not authorized to perform: sts:AssumeRoot on resource: arn:aws:iam::111122223333:root")
}
