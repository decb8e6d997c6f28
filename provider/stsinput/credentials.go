package stsinput

import (
	"errors"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
	"github.com/pulumi/pulumi-go-provider/infer"
)

// Credentials are the temporary credentials STS hands out, in the one shape
// every function returns them: the secret parts marked secret.
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

// CredentialsFrom converts STS's credentials; ok is false when STS answered
// without them, which AWS never does and a broken proxy might.
func CredentialsFrom(c *ststypes.Credentials) (_ Credentials, ok bool) {
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

// AssumedRoleUserFrom converts STS's assumed-role user; ok is false when it
// is missing.
func AssumedRoleUserFrom(u *ststypes.AssumedRoleUser) (_ AssumedRoleUser, ok bool) {
	if u == nil {
		return AssumedRoleUser{}, false
	}
	return AssumedRoleUser{Arn: aws.ToString(u.Arn), AssumedRoleID: aws.ToString(u.AssumedRoleId)}, true
}

// Time formats an expiry as every output does: RFC 3339 in UTC.
func Time(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// NoCredentials is the error of a call that STS answered without the
// credentials it hands out; forWhom, if not empty, names the role.
func NoCredentials(op, forWhom string) error {
	if forWhom != "" {
		forWhom = " for " + forWhom
	}
	return errors.New(op + " answered without credentials" + forWhom +
		"; check that the STS endpoint is AWS's or a faithful emulator")
}

// RoleSession is what every STS call that assumes a role answers
// (AssumeRole, AssumeRoleWithWebIdentity, AssumeRoleWithSAML): a function's
// result embeds it, and describes packedPolicySize and sourceIdentity again
// where its call sets them differently.
type RoleSession struct {
	Credentials      Credentials     `pulumi:"credentials"`
	AssumedRoleUser  AssumedRoleUser `pulumi:"assumedRoleUser"`
	PackedPolicySize int             `pulumi:"packedPolicySize"`
	SourceIdentity   string          `pulumi:"sourceIdentity"`
}

func (r *RoleSession) Annotate(a infer.Annotator) {
	a.Describe(&r.Credentials, "The temporary credentials. secretAccessKey and sessionToken are secrets.")
	a.Describe(&r.AssumedRoleUser, "The session the credentials belong to.")
	a.Describe(&r.PackedPolicySize, "Percentage of the allowed size that the session policies use, after AWS "+
		"packs them. Near 100, the request is close to failing.")
	a.Describe(&r.SourceIdentity, "The source identity stamped on the session, if any.")
}

// NewRoleSession converts STS's answer for op, which assumed roleArn; an
// answer without credentials or the assumed-role user is an error.
func NewRoleSession(op, roleArn string, c *ststypes.Credentials, u *ststypes.AssumedRoleUser,
	packedPolicySize *int32, sourceIdentity *string,
) (RoleSession, error) {
	creds, okC := CredentialsFrom(c)
	user, okU := AssumedRoleUserFrom(u)
	if !okC || !okU {
		return RoleSession{}, NoCredentials(op, roleArn)
	}
	return RoleSession{
		Credentials:      creds,
		AssumedRoleUser:  user,
		PackedPolicySize: int(aws.ToInt32(packedPolicySize)),
		SourceIdentity:   aws.ToString(sourceIdentity),
	}, nil
}
