package stsinput

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/principal"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

// Validate checks every input against AWS's limits and returns all
// violations at once, each naming its field under prefix (for example
// "assumeRole." for the provider configuration block). Every check of a
// field runs even when another of its checks failed, so one answer says all
// that is wrong.
func (a *Role) Validate(prefix string) []violation.Violation {
	l := &violation.List{Prefix: prefix}

	RoleArn(l, "roleArn", a.RoleArn)
	if a.RoleSessionName != nil {
		l.SessionName("roleSessionName", *a.RoleSessionName)
	}
	if a.DurationSeconds != nil {
		l.Duration("durationSeconds", *a.DurationSeconds)
	}
	a.CheckPolicies(l)

	seen := Tags(l, "tags", a.Tags)
	l.Count("transitiveTagKeys", len(a.TransitiveTagKeys), MaxTags, "keys")
	for i, k := range a.TransitiveTagKeys {
		if _, ok := seen[strings.ToLower(k)]; !ok {
			l.Add(fmt.Sprintf("transitiveTagKeys[%d]", i), "%s is not a key of tags; only session tags can be transitive",
				violation.Quote(k))
		}
	}

	if a.ExternalId != nil {
		l.Length("externalId", *a.ExternalId, 2, 1224)
		l.Chars("externalId", *a.ExternalId, violation.ExternalIDChars)
	}
	MFA(l, a.SerialNumber, a.TokenCode)
	if s := a.SourceIdentity; s != nil {
		l.SessionName("sourceIdentity", *s)
		if strings.HasPrefix(strings.ToLower(*s), "aws:") {
			l.Add("sourceIdentity", "must not start with \"aws:\", which AWS reserves")
		}
	}

	ProvidedContexts(l, "providedContexts", a.ProvidedContexts)
	return l.All
}

// RoleArn checks an IAM role ARN: AWS's ARN limits, then that it names a role.
func RoleArn(l *violation.List, field, value string) {
	l.ARN(field, value)
	if p, err := principal.Parse(l.Prefix+field, value); err != nil {
		l.Add(field, "is not an ARN (%s); pass an IAM role ARN such as arn:aws:iam::123456789012:role/Deployer",
			err.(*principal.Error).Reason)
	} else if p.Type != principal.Role {
		l.Add(field, "%s is not an IAM role ARN; pass one such as arn:aws:iam::123456789012:role/Deployer",
			violation.Quote(value))
	}
}

// SessionPolicies checks policyArns and the inline policy, each on its own
// and together: AWS allows 2048 characters of plain text for both.
func SessionPolicies(l *violation.List, policyArns []string, policy *string) {
	plain, partsOK := l.PolicyArns("policyArns", policyArns)
	if policy != nil {
		p := *policy
		plain += len([]rune(p))
		partsOK = l.Length("policy", p, 1, violation.MaxPolicyText) && partsOK
		l.Chars("policy", p, violation.PolicyChars)
		if !json.Valid([]byte(p)) {
			l.Add("policy", "is not valid JSON; pass an IAM policy document")
		}
	}
	// The combined limit only when each part is within its own: otherwise
	// it would repeat what those violations say.
	if plain > violation.MaxPolicyText && partsOK {
		l.Add("policy", "together with policyArns is %d characters of plain text; AWS allows at most %d",
			plain, violation.MaxPolicyText)
	}
}

// MFA checks an MFA device's serialNumber and tokenCode, which go together.
func MFA(l *violation.List, serial, code *string) {
	if serial != nil {
		l.SerialNumber("serialNumber", *serial)
	}
	if code != nil {
		l.TokenCode("tokenCode", *code)
	}
	switch {
	case serial != nil && code == nil:
		l.Add("tokenCode", "is required with serialNumber: give the MFA device's current code")
	case code != nil && serial == nil:
		l.Add("serialNumber", "is required with tokenCode: give the MFA device's serial number or ARN")
	}
}

// Tags checks session tags against the model's tagListType: how many, each
// key and value, and keys equal ignoring case. It returns the keys by their
// lower-case form, for the checks of transitive tag keys.
func Tags(l *violation.List, field string, tags map[string]string) map[string]string {
	l.Count(field, len(tags), MaxTags, "session tags")
	seen := map[string]string{}
	for _, k := range sortedKeys(tags) {
		f := field + "[" + violation.Quote(k) + "]"
		l.Length(f+" key", k, 1, 128)
		l.Chars(f+" key", k, violation.TagChars)
		v := tags[k]
		l.Length(f, v, 0, 256)
		l.Chars(f, v, violation.TagChars)
		if other, dup := seen[strings.ToLower(k)]; dup {
			l.Add(f, "duplicates tag %s: AWS compares tag keys ignoring case", violation.Quote(other))
		}
		seen[strings.ToLower(k)] = k
	}
	return seen
}

// ProvidedContexts checks trusted context assertions (providedContextsListType).
func ProvidedContexts(l *violation.List, field string, cs []ProvidedContext) {
	l.Count(field, len(cs), MaxProvidedContexts, "contexts")
	for i, c := range cs {
		f := fmt.Sprintf("%s[%d].", field, i)
		l.ARN(f+"providerArn", c.ProviderArn)
		l.Length(f+"contextAssertion", c.ContextAssertion, 4, 2048)
	}
}

// WebIdentityToken checks an OIDC token's length (clientTokenType), and only
// its length: any character could be part of the secret, and no message
// quotes it.
func WebIdentityToken(l *violation.List, field, token string) {
	l.Length(field, token, MinWebIdentityToken, MaxWebIdentityToken)
}

// AccountID checks an AWS account ID: 12 digits.
func AccountID(l *violation.List, field, id string) bool {
	if principal.IsAccountID(id) {
		return true
	}
	l.Add(field, "%.40q is not an AWS account ID: 12 digits, such as 123456789012", id) // %.40q: a huge value is cut short
	return false
}

// FederatedName checks the name of a federated user (GetFederationToken's
// userNameType: 2-32 characters of the session name's set).
func FederatedName(l *violation.List, field, name string) {
	l.Length(field, name, MinFederatedName, MaxFederatedName)
	l.Chars(field, name, violation.SessionNameChars)
}
