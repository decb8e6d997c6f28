// Package tempcreds holds the temporary credentials STS hands out, in the one
// shape every function returns them (assumeRole, getSessionToken,
// assumeRoleWithWebIdentity): the secret parts marked secret.
package tempcreds

import (
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
	"github.com/pulumi/pulumi-go-provider/infer"
)

// Credentials are temporary AWS credentials.
type Credentials struct {
	AccessKeyID     string `pulumi:"accessKeyId"`
	SecretAccessKey string `pulumi:"secretAccessKey" provider:"secret"`
	SessionToken    string `pulumi:"sessionToken" provider:"secret"`
	Expiration      string `pulumi:"expiration"`
}

// AssumedRoleUser names the session the credentials belong to.
type AssumedRoleUser struct {
	Arn           string `pulumi:"arn"`
	AssumedRoleID string `pulumi:"assumedRoleId"`
}

func (c *Credentials) Annotate(a infer.Annotator) {
	a.SetToken("sts", "Credentials")
	a.Describe(c, "Temporary AWS credentials.")
	a.Describe(&c.AccessKeyID, "The access key ID (`ASIA...`).")
	a.Describe(&c.SecretAccessKey, "The secret access key. Secret.")
	a.Describe(&c.SessionToken, "The session token. Secret.")
	a.Describe(&c.Expiration, "When the credentials expire, in RFC 3339 (UTC).")
}

func (u *AssumedRoleUser) Annotate(a infer.Annotator) {
	a.SetToken("sts", "AssumedRoleUser")
	a.Describe(u, "The assumed-role session.")
	a.Describe(&u.Arn, "ARN of the session, `arn:aws:sts::ACCOUNT:assumed-role/ROLE/SESSION`: what "+
		"getCallerIdentity returns under these credentials.")
	a.Describe(&u.AssumedRoleID, "Unique ID of the session, `ROLE_ID:SESSION_NAME`.")
}

// From converts STS's credentials; ok is false when STS answered without
// them, which AWS never does and a broken proxy might.
func From(c *ststypes.Credentials) (_ Credentials, ok bool) {
	if c == nil || aws.ToString(c.AccessKeyId) == "" {
		return Credentials{}, false
	}
	return Credentials{
		AccessKeyID:     aws.ToString(c.AccessKeyId),
		SecretAccessKey: aws.ToString(c.SecretAccessKey),
		SessionToken:    aws.ToString(c.SessionToken),
		Expiration:      Time(aws.ToTime(c.Expiration)),
	}, true
}

// User converts STS's assumed-role user; ok is false when it is missing.
func User(u *ststypes.AssumedRoleUser) (_ AssumedRoleUser, ok bool) {
	if u == nil {
		return AssumedRoleUser{}, false
	}
	return AssumedRoleUser{Arn: aws.ToString(u.Arn), AssumedRoleID: aws.ToString(u.AssumedRoleId)}, true
}

// Time formats an expiry as every output does: RFC 3339 in UTC.
func Time(t time.Time) string { return t.UTC().Format(time.RFC3339) }
