package stsinput

// The advice for errors of the calls that both a function and the
// provider's own credential chain make: the assumeRole function and the
// assumeRole, assumeRoles and profile role_arn steps; the
// assumeRoleWithWebIdentity function and the provider's web identity role.
// The functions pass them to session.Explain; config passes them to the
// session for its chain (Hints).

// AssumeRoleHint is the advice for an error of sts:AssumeRole.
func AssumeRoleHint(code, _ string) string {
	if code == "AccessDenied" || code == "AccessDeniedException" {
		return "Check that the role's trust policy allows this caller as principal; that, if it requires MFA, " +
			"serialNumber and a current tokenCode are set; that, if it requires an external ID, externalId matches; " +
			"and that the caller's own policies allow sts:AssumeRole on the role."
	}
	return ""
}

// WebIdentityHint is the advice for an error of
// sts:AssumeRoleWithWebIdentity, where the token, not the provider's
// credentials, is what STS judged.
func WebIdentityHint(code, _ string) string {
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
	return ""
}
