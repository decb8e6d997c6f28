package session

import (
	"context"
	"strings"
)

// ExplainSTS is Explain for the STS functions whose errors mean something of
// their own: a refused MFA code on GetSessionToken is not a missing policy,
// and an expired token on AssumeRoleWithWebIdentity is the web identity
// token, not the provider's credentials (AWS signs no request there). Any
// other error is explained as every call's is.
func (s *Session) ExplainSTS(ctx context.Context, err error, op string) error {
	if op == "sts:AssumeRoleWithWebIdentity" {
		return Explain(err, op, "") // the provider's credentials took no part
	}
	return s.Explain(ctx, err, op)
}

// stsHint is what to do about an error of the credential functions' calls,
// where the code alone does not say.
func stsHint(op, code, message string) string {
	switch op {
	case "sts:GetSessionToken":
		if code != "AccessDenied" && code != "AccessDeniedException" {
			return ""
		}
		lower := strings.ToLower(message)
		switch {
		case strings.Contains(lower, "session credentials") || strings.Contains(lower, "temporary"):
			return "GetSessionToken needs the long-term access keys of an IAM user (or of the root user), but the " +
				"provider's credentials are temporary: configure the IAM user's keys (see getCredentials for where " +
				"the provider's come from), or use assumeRole."
		default:
			return "AWS did not accept the MFA code: check that serialNumber is the serial number or ARN of the MFA " +
				"device assigned to the IAM user whose keys the provider uses (getCallerIdentity names that user), " +
				"and that tokenCode is the code the device shows now: each code is valid for about 30 seconds, and " +
				"only once."
		}
	case "sts:AssumeRoleWithWebIdentity":
		switch code {
		case "InvalidIdentityToken":
			return "The web identity token is not one STS accepts: check that it is a current OIDC token (a JWT) " +
				"as the identity provider issued it, that the role's account has an IAM OIDC identity provider for " +
				"the token's issuer (iss) with its audience (aud) among the provider's client IDs, and, for an " +
				"OAuth 2.0 access token from Amazon or Facebook, that providerId names the provider."
		case "IDPRejectedClaim":
			return "The role's trust policy does not accept this token: check that it trusts the token's identity " +
				"provider (a Federated principal arn:aws:iam::ACCOUNT:oidc-provider/ISSUER) for " +
				"sts:AssumeRoleWithWebIdentity, and that its conditions on the token's aud (audience) and sub " +
				"(subject) match the token's claims."
		case "ExpiredTokenException", "ExpiredToken":
			return "The web identity token has expired: get a fresh one from the identity provider (CI systems " +
				"issue one per job, Kubernetes rotates projected tokens) and run again. The provider's own " +
				"credentials took no part in this call."
		case "IDPCommunicationError":
			return "STS could not reach the identity provider to verify the token: check that the issuer's OIDC " +
				"discovery document and keys are reachable from the internet, and run again."
		case "AccessDenied", "AccessDeniedException":
			return "Check that the role's trust policy allows sts:AssumeRoleWithWebIdentity for the token's " +
				"identity provider."
		}
	}
	return ""
}
