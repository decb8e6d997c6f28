package request

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/principal"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

// The character sets AWS documents for each AssumeRole parameter.
var (
	sessionChars  = violation.NewSet(`[\w+=,.@-]`, "letters, digits and +=,.@_-")
	externalChars = violation.NewSet(`[\w+=,.@:/-]`, "letters, digits and +=,.@:/_-")
	serialChars   = violation.NewSet(`[\w+=/:,.@-]`, "letters, digits and +=/:,.@_-")
	tagChars      = violation.NewSet(`[\p{L}\p{Z}\p{N}_.:/=+\-@]`, "letters, digits, spaces and _.:/=+-@")
	policyChars   = violation.NewSet(`[\x{0009}\x{000A}\x{000D}\x{0020}-\x{00FF}]`,
		"tab, line breaks and characters U+0020 to U+00FF")
	tokenCode = regexp.MustCompile(`^[0-9]{6}$`)
)

const (
	minDuration    = 900
	maxDuration    = 43200
	maxPolicyArns  = 10
	maxPolicyText  = 2048
	maxTags        = 50
	maxProvidedCtx = 5
)

// Validate checks every input against AWS's limits and returns all
// violations at once, each naming its field under prefix (for example
// "assumeRole." for the provider configuration block).
func (a *Args) Validate(prefix string) []violation.Violation {
	l := &violation.List{Prefix: prefix}
	add, length, chars := l.Add, l.Length, l.Chars

	if length("roleArn", a.RoleArn, 20, 2048) {
		if p, err := principal.Parse(prefix+"roleArn", a.RoleArn); err != nil {
			add("roleArn", "is not an ARN (%s); pass an IAM role ARN such as arn:aws:iam::123456789012:role/Deployer",
				err.(*principal.Error).Reason)
		} else if p.Type != principal.Role {
			add("roleArn", "%q is not an IAM role ARN; pass one such as arn:aws:iam::123456789012:role/Deployer", a.RoleArn)
		}
	}
	if a.RoleSessionName != nil && length("roleSessionName", *a.RoleSessionName, 2, 64) {
		chars("roleSessionName", *a.RoleSessionName, sessionChars)
	}
	if d := a.DurationSeconds; d != nil && (*d < minDuration || *d > maxDuration) {
		add("durationSeconds", "must be between %d (15 minutes) and %d (12 hours), but is %d", minDuration, maxDuration, *d)
	}

	if len(a.PolicyArns) > maxPolicyArns {
		add("policyArns", "may hold at most %d ARNs, but holds %d", maxPolicyArns, len(a.PolicyArns))
	}
	plain, partsOK := 0, true // the combined limit is reported only when each part is within its own
	for i, p := range a.PolicyArns {
		field := fmt.Sprintf("policyArns[%d]", i)
		plain += utf8.RuneCountInString(p)
		if !length(field, p, 20, 2048) {
			partsOK = false
		} else if !strings.HasPrefix(p, "arn:") {
			add(field, "%q is not an ARN; pass a managed policy ARN such as arn:aws:iam::aws:policy/ReadOnlyAccess", p)
		}
	}
	if a.Policy != nil {
		p := *a.Policy
		plain += utf8.RuneCountInString(p)
		if partsOK = partsOK && length("policy", p, 1, maxPolicyText); partsOK {
			chars("policy", p, policyChars)
			if !json.Valid([]byte(p)) {
				add("policy", "is not valid JSON; pass an IAM policy document")
			}
		}
	}
	if plain > maxPolicyText && partsOK {
		add("policy", "together with policyArns is %d characters of plain text; AWS allows at most %d", plain, maxPolicyText)
	}

	if len(a.Tags) > maxTags {
		add("tags", "may hold at most %d session tags, but holds %d", maxTags, len(a.Tags))
	}
	seen := map[string]string{}
	for _, k := range sortedKeys(a.Tags) {
		field := fmt.Sprintf("tags[%q]", k)
		if length(field+" key", k, 1, 128) {
			chars(field+" key", k, tagChars)
		}
		if v := a.Tags[k]; length(field, v, 0, 256) {
			chars(field, v, tagChars)
		}
		if other, dup := seen[strings.ToLower(k)]; dup {
			add(field, "duplicates tag %q: AWS compares tag keys ignoring case", other)
		}
		seen[strings.ToLower(k)] = k
	}
	if len(a.TransitiveTagKeys) > maxTags {
		add("transitiveTagKeys", "may hold at most %d keys, but holds %d", maxTags, len(a.TransitiveTagKeys))
	}
	for i, k := range a.TransitiveTagKeys {
		if _, ok := seen[strings.ToLower(k)]; !ok {
			add(fmt.Sprintf("transitiveTagKeys[%d]", i), "%q is not a key of tags; only session tags can be transitive", k)
		}
	}

	if a.ExternalId != nil && length("externalId", *a.ExternalId, 2, 1224) {
		chars("externalId", *a.ExternalId, externalChars)
	}
	if a.SerialNumber != nil && length("serialNumber", *a.SerialNumber, 9, 256) {
		chars("serialNumber", *a.SerialNumber, serialChars)
	}
	if a.TokenCode != nil && !tokenCode.MatchString(*a.TokenCode) {
		add("tokenCode", "must be exactly 6 digits, the code the MFA device shows")
	}
	switch {
	case a.SerialNumber != nil && a.TokenCode == nil:
		add("tokenCode", "is required with serialNumber: give the MFA device's current code")
	case a.TokenCode != nil && a.SerialNumber == nil:
		add("serialNumber", "is required with tokenCode: give the MFA device's serial number or ARN")
	}
	if s := a.SourceIdentity; s != nil && length("sourceIdentity", *s, 2, 64) {
		if strings.HasPrefix(strings.ToLower(*s), "aws:") {
			add("sourceIdentity", "must not start with \"aws:\", which AWS reserves")
		} else {
			chars("sourceIdentity", *s, sessionChars)
		}
	}

	if len(a.ProvidedContexts) > maxProvidedCtx {
		add("providedContexts", "may hold at most %d contexts, but holds %d", maxProvidedCtx, len(a.ProvidedContexts))
	}
	for i, c := range a.ProvidedContexts {
		field := fmt.Sprintf("providedContexts[%d].", i)
		length(field+"providerArn", c.ProviderArn, 20, 2048)
		length(field+"contextAssertion", c.ContextAssertion, 4, 2048)
	}
	return l.All
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
