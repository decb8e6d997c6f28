package awsfault

import (
	"fmt"
	"html"
	"net/url"
	"strings"
	"time"
)

// What AssumeRoleWithSAML answers STS read from the assertion, and what
// GetDelegatedAccessToken answers was delegated: values moto does not give
// (it answers fixed ones, or does not serve the action).
const (
	SAMLAudience      = "https://signin.aws.amazon.com/saml"
	SAMLIssuer        = "https://idp.example.com/metadata"
	SAMLNameQualifier = "Fault+Server+Name+Qualifier="
	SAMLSubject       = "alice@example.com"
	SAMLSubjectType   = "persistent"
	SAMLSource        = "alice"
	DelegatedARN      = "arn:aws:iam::" + Account + ":role/delegated-access"
)

// credentialSuccess answers the STS actions that hand out credentials for
// another identity: a SAML assertion, a federated user, a trade-in token.
func credentialSuccess(action string, form url.Values) (string, bool) {
	x := html.EscapeString
	exp := time.Now().Add(time.Hour)
	switch action {
	case "AssumeRoleWithSAML":
		roleArn := form.Get("RoleArn")
		role := roleArn[strings.LastIndex(roleArn, "/")+1:]
		return fmt.Sprintf("%[1]s<AssumedRoleUser><Arn>arn:aws:sts::%[2]s:assumed-role/%[3]s/%[4]s</Arn>"+
			"<AssumedRoleId>AROAFAULTSERVER00001:%[4]s</AssumedRoleId></AssumedRoleUser>"+
			"<Audience>%[5]s</Audience><Issuer>%[6]s</Issuer><NameQualifier>%[7]s</NameQualifier>"+
			"<Subject>%[4]s</Subject><SubjectType>%[8]s</SubjectType><SourceIdentity>%[9]s</SourceIdentity>"+
			"<PackedPolicySize>5</PackedPolicySize>",
			credentialsDoc(exp), Account, x(role), SAMLSubject, SAMLAudience, SAMLIssuer, SAMLNameQualifier,
			SAMLSubjectType, SAMLSource), true
	case "GetFederationToken":
		if d, err := time.ParseDuration(form.Get("DurationSeconds") + "s"); err == nil {
			exp = time.Now().Add(d)
		} else {
			exp = time.Now().Add(12 * time.Hour) // AWS's default
		}
		name := x(form.Get("Name"))
		return fmt.Sprintf("%[1]s<FederatedUser><Arn>arn:aws:sts::%[2]s:federated-user/%[3]s</Arn>"+
			"<FederatedUserId>%[2]s:%[3]s</FederatedUserId></FederatedUser><PackedPolicySize>7</PackedPolicySize>",
			credentialsDoc(exp), Account, name), true
	case "GetDelegatedAccessToken":
		return credentialsDoc(exp) + "<AssumedPrincipal>" + DelegatedARN + "</AssumedPrincipal>", true
	}
	return "", false
}

// SessionCredentialsRefused is GetFederationToken's answer when it is
// called with temporary credentials (HTTP 403).
func SessionCredentialsRefused() Reply {
	return Fail(403, "AccessDenied", "Cannot call GetFederationToken with session credentials")
}

// ExpiredTradeInToken is GetDelegatedAccessToken's answer to a trade-in
// token that has expired.
func ExpiredTradeInToken() Reply {
	return Fail(400, "ExpiredTradeInTokenException", "The trade-in token has expired")
}
