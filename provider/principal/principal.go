// Package principal reads AWS principal ARNs: users, roles, STS sessions and
// everything else. It makes no AWS call, so getSessionContext can answer from
// the ARN alone and every rule here is unit-tested and fuzzed.
package principal

import (
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws/arn"
)

// Type is the kind of principal an ARN names, in AWS's own words.
type Type string

const (
	AssumedRole   Type = "assumed-role"
	User          Type = "user"
	Root          Type = "root"
	FederatedUser Type = "federated-user"
	Role          Type = "role"
	Other         Type = "other"
)

// Principal is what an ARN says about the principal it names.
type Principal struct {
	ARN       string
	Partition string
	AccountID string
	Type      Type
	// RoleName and SessionName are set only for STS assumed-role sessions.
	RoleName    string
	SessionName string
}

var (
	accountID = regexp.MustCompile(`^[0-9]{12}$`)
	partition = regexp.MustCompile(`^aws(-[a-z]+)*$`)
	// Role names are 1-64 of [\w+=,.@-]; session names are 2-64 of the same
	// set, but STS has issued shorter ones historically, so only the
	// character set is checked for sessions.
	roleName    = regexp.MustCompile(`^[\w+=,.@-]{1,64}$`)
	sessionName = regexp.MustCompile(`^[\w+=,.@-]{1,64}$`)
	// IAM paths are / or /.../ of printable ASCII, at most 512 characters.
	rolePath = regexp.MustCompile(`^(/[\x21-\x7E]*)?$`)
)

// Error is an ARN that cannot be read. It names the field it came from.
type Error struct {
	Field  string
	Value  string
	Reason string
}

func (e *Error) Error() string { return e.Field + ": " + e.Problem() }

// Problem is the message without the field's name, for lists of problems
// that name each field themselves.
func (e *Error) Problem() string {
	return fmt.Sprintf("%s is not a valid principal ARN: %s", quoteShort(e.Value), e.Reason)
}

// quoteShort quotes s, cut short if it is long, so that a huge input does
// not make a huge message.
func quoteShort(s string) string {
	const max = 100
	if r := []rune(s); len(r) > max {
		return fmt.Sprintf("%q... (%d characters)", string(r[:max]), len(r))
	}
	return fmt.Sprintf("%q", s)
}

// Parse reads a principal ARN. Only STS assumed-role ARNs are split into role
// and session; every other well-formed ARN is returned with its Type, to be
// passed through unchanged. field names the input in error messages.
func Parse(field, s string) (Principal, error) {
	fail := func(reason string) (Principal, error) {
		return Principal{}, &Error{Field: field, Value: s, Reason: reason}
	}
	if s == "" {
		return fail("it is empty; pass an ARN such as arn:aws:sts::123456789012:assumed-role/RoleName/SessionName")
	}
	if n := utf8.RuneCountInString(s); n > 2048 {
		return fail(fmt.Sprintf("it is %d characters long; ARNs are at most 2048", n))
	}
	if strings.TrimSpace(s) != s {
		return fail("it has leading or trailing white space")
	}
	a, err := arn.Parse(s)
	if err != nil {
		return fail("it does not have the form arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE")
	}
	if !partition.MatchString(a.Partition) {
		return fail(fmt.Sprintf("partition %s is not an AWS partition (aws, aws-cn, aws-us-gov, ...)", quoteShort(a.Partition)))
	}
	if a.Service == "" {
		return fail("the service is empty")
	}
	if a.Resource == "" {
		return fail("the resource is empty")
	}
	p := Principal{ARN: s, Partition: a.Partition, AccountID: a.AccountID, Type: Other}
	if a.Service != "iam" && a.Service != "sts" {
		return p, nil
	}
	if !IsAccountID(a.AccountID) {
		return fail(fmt.Sprintf("account %s is not a 12-digit AWS account ID", quoteShort(a.AccountID)))
	}
	if a.Region != "" {
		return fail(fmt.Sprintf("%s ARNs have no region, but this one has %s", a.Service, quoteShort(a.Region)))
	}
	kind, rest, _ := strings.Cut(a.Resource, "/")
	switch {
	case a.Service == "sts" && kind == "assumed-role":
		parts := strings.Split(rest, "/")
		if len(parts) != 2 || parts[0] == "" || parts[1] == "" {
			return fail("an assumed-role ARN ends in assumed-role/ROLE_NAME/SESSION_NAME")
		}
		if !roleName.MatchString(parts[0]) {
			return fail(fmt.Sprintf("role name %s must be 1-64 of letters, digits and +=,.@_-", quoteShort(parts[0])))
		}
		if !sessionName.MatchString(parts[1]) {
			return fail(fmt.Sprintf("session name %s must be 1-64 of letters, digits and +=,.@_-", quoteShort(parts[1])))
		}
		p.Type, p.RoleName, p.SessionName = AssumedRole, parts[0], parts[1]
	case a.Service == "sts" && kind == "federated-user" && rest != "":
		p.Type = FederatedUser
	case a.Service == "iam" && a.Resource == "root":
		p.Type = Root
	case a.Service == "iam" && kind == "user" && rest != "":
		p.Type = User
	case a.Service == "iam" && kind == "role" && rest != "":
		i := strings.LastIndex(rest, "/")
		path, name := rest[:i+1], rest[i+1:]
		if path != "" {
			path = "/" + path
		}
		if !roleName.MatchString(name) {
			return fail(fmt.Sprintf("role name %s must be 1-64 of letters, digits and +=,.@_-", quoteShort(name)))
		}
		if len(path) > 512 || !rolePath.MatchString(path) {
			return fail(fmt.Sprintf("role path %s must be at most 512 printable ASCII characters", quoteShort(path)))
		}
		p.Type = Role
	}
	return p, nil
}

// RoleARN is the IAM role ARN behind an assumed-role session, built from the
// session ARN alone. AWS drops the role's path from session ARNs, so this ARN
// has no path: only iam:GetRole can tell the real one.
func (p Principal) RoleARN() string {
	if p.Type != AssumedRole {
		return ""
	}
	return arn.ARN{Partition: p.Partition, Service: "iam", AccountID: p.AccountID, Resource: "role/" + p.RoleName}.String()
}

// IsAccountID reports whether id is an AWS account ID: 12 digits.
func IsAccountID(id string) bool { return accountID.MatchString(id) }
