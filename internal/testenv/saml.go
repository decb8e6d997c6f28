package testenv

import (
	"encoding/base64"
	"fmt"
)

// SAMLAssertion is a SAML response as an identity provider posts it,
// base64-encoded, whose Role attribute names the pair role,provider. moto
// reads the role, session name and duration from its attributes and checks
// no signature (AWS would verify it against the SAML provider's metadata),
// so it is unsigned.
func SAMLAssertion(roleArn, providerArn, session string, seconds int) string {
	attr := func(name, value string) string {
		return `<saml:Attribute Name="https://aws.amazon.com/SAML/Attributes/` + name + `">` +
			`<saml:AttributeValue>` + value + `</saml:AttributeValue></saml:Attribute>`
	}
	xml := `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ` +
		`xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"><saml:Issuer>https://idp.example.com/metadata</saml:Issuer>` +
		`<saml:Assertion><saml:Subject><saml:NameID>alice@example.com</saml:NameID></saml:Subject>` +
		`<saml:AttributeStatement>` + attr("Role", roleArn+","+providerArn) + attr("RoleSessionName", session) +
		attr("SessionDuration", fmt.Sprint(seconds)) + `</saml:AttributeStatement></saml:Assertion></samlp:Response>`
	return base64.StdEncoding.EncodeToString([]byte(xml))
}
