package session

import (
	"context"
	"crypto/sha1" //nolint:gosec // the AWS CLI's cache key is a SHA-1; it names a file, it protects nothing
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
	"github.com/aws/smithy-go/middleware"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/redact"
)

// A role profile with mfa_serial needs a code from a person, which a plugin
// run by the Pulumi engine cannot ask for. The AWS CLI asks once and keeps
// the role's credentials in its cache, ~/.aws/cli/cache, one JSON file per
// set of AssumeRole arguments: the provider uses them while they are valid,
// and says what to run when there are none. Credentials the provider gets
// with a code by other means (the assumeRole function with serialNumber and
// tokenCode) go into the same cache, in the CLI's format, so that the CLI
// and the next run reuse them.
//
// The AWS CLI (v1 and v2) reads no variable for the cache's folder: it is
// ~/.aws/cli/cache under the home folder, HOME here.

// noPrompt is the code the SDK's AssumeRole provider is given in place of
// one from a person, so that the step knows no person was asked.
const noPrompt = "provider-cannot-prompt"

func noPromptToken() (string, error) { return noPrompt, nil }

// cliCacheDir is the AWS CLI's credential cache.
func cliCacheDir() (string, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(home, ".aws", "cli", "cache"), nil
}

// cliCacheKey is the name (less .json) of the AWS CLI's cache file for an
// AssumeRole with these arguments, as botocore's
// BaseAssumeRoleCredentialFetcher._create_cache_key computes it: the SHA-1,
// in hex, of json.dumps(args, sort_keys=True) of the arguments the CLI sends
// but the code (RoleArn, and those the profile sets: RoleSessionName,
// ExternalId, SerialNumber, DurationSeconds).
func cliCacheKey(args map[string]any) string {
	keys := make([]string, 0, len(args))
	for k := range args {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteByte('{')
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(pyJSONString(k))
		b.WriteString(": ")
		switch v := args[k].(type) {
		case int:
			b.WriteString(strconv.Itoa(v))
		case string:
			b.WriteString(pyJSONString(v))
		}
	}
	b.WriteByte('}')
	sum := sha1.Sum([]byte(b.String())) //nolint:gosec // see the import
	return hex.EncodeToString(sum[:])
}

// pyJSONString is a string as Python's json.dumps writes it by default
// (ensure_ascii): quotes, backslashes and control characters escaped,
// everything beyond ASCII as \uXXXX (UTF-16), and nothing else.
func pyJSONString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r < 0x20 || (r >= 0x7f && r <= 0xffff):
			fmt.Fprintf(&b, `\u%04x`, r)
		case r > 0xffff:
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(&b, `\u%04x\u%04x`, r1, r2)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// profileKeyArgs are the cache key's arguments of a profile's role, as the
// AWS CLI sends them (botocore's _load_creds_via_assume_role).
func profileKeyArgs(p *awsconfig.SharedConfig) map[string]any {
	args := map[string]any{"RoleArn": p.RoleARN, "SerialNumber": p.MFASerial}
	if p.RoleSessionName != "" {
		args["RoleSessionName"] = p.RoleSessionName
	}
	if p.ExternalID != "" {
		args["ExternalId"] = p.ExternalID
	}
	if p.RoleDurationSeconds != nil {
		args["DurationSeconds"] = int(p.RoleDurationSeconds.Seconds())
	}
	return args
}

// mfaProfile finds, in the shared config the SDK resolved, the profile of
// the source_profile chain whose role the SDK is assuming with MFA, and the
// profile that was asked for (the one to give the AWS CLI).
func (s *Session) mfaProfile(in *sts.AssumeRoleInput) (role *awsconfig.SharedConfig, asked string) {
	for _, src := range s.cfg.ConfigSources {
		sc, ok := src.(awsconfig.SharedConfig)
		if !ok {
			continue
		}
		for p := &sc; p != nil; p = p.Source {
			if p.RoleARN == aws.ToString(in.RoleArn) && p.MFASerial == aws.ToString(in.SerialNumber) {
				return p, sc.Profile
			}
		}
	}
	return nil, ""
}

// cliCacheFile is a cache file's content: AssumeRole's answer, as the AWS
// CLI writes it.
type cliCacheFile struct {
	Credentials struct {
		AccessKeyID     string `json:"AccessKeyId"`
		SecretAccessKey string
		SessionToken    string
		Expiration      string
		AccountID       string `json:"AccountId,omitempty"`
	}
	AssumedRoleUser struct {
		AssumedRoleID string `json:"AssumedRoleId"`
		Arn           string
	}
	ResponseMetadata map[string]any `json:",omitempty"`
}

// parseCLITime reads an Expiration in the forms the CLI writes: RFC 3339 in
// UTC (2026-12-01T06:15:48.216013Z from awscli 1.46), with an offset
// (Python's isoformat), or strftime's %Z (2026-12-01T06:15:48UTC).
func parseCLITime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05UTC"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("expiration %q is not a time the AWS CLI writes", redact.Cut(s, 40))
}

// readCLICache returns the cached answer of key, if it is there, whole, and
// valid for longer than window; ok is false otherwise.
func readCLICache(key string, window time.Duration) (*sts.AssumeRoleOutput, bool) {
	dir, err := cliCacheDir()
	if err != nil {
		return nil, false
	}
	data, err := readBounded(filepath.Join(dir, key+".json"))
	if err != nil {
		return nil, false
	}
	var f cliCacheFile
	if json.Unmarshal(data, &f) != nil {
		return nil, false
	}
	c := f.Credentials
	redact.Remember(c.SecretAccessKey, c.SessionToken)
	exp, err := parseCLITime(c.Expiration)
	if err != nil || c.AccessKeyID == "" || c.SecretAccessKey == "" || c.SessionToken == "" ||
		!exp.After(time.Now().Add(window)) {
		return nil, false
	}
	out := &sts.AssumeRoleOutput{Credentials: &ststypes.Credentials{AccessKeyId: aws.String(c.AccessKeyID),
		SecretAccessKey: aws.String(c.SecretAccessKey), SessionToken: aws.String(c.SessionToken), Expiration: aws.Time(exp)}}
	if f.AssumedRoleUser.Arn != "" {
		out.AssumedRoleUser = &ststypes.AssumedRoleUser{Arn: aws.String(f.AssumedRoleUser.Arn),
			AssumedRoleId: aws.String(f.AssumedRoleUser.AssumedRoleID)}
	}
	return out, true
}

// readBounded reads a cache file of a sensible size; a cache file is a few
// kilobytes.
func readBounded(path string) ([]byte, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.Mode().IsRegular() || st.Size() > 1<<20 {
		return nil, errors.New("not a cache file")
	}
	return os.ReadFile(path)
}

// writeCLICache writes AssumeRole's answer under key, as the AWS CLI does:
// the whole file at once (a temporary file renamed), readable by its owner
// only.
func writeCLICache(key string, out *sts.AssumeRoleOutput) error {
	dir, err := cliCacheDir()
	if err != nil {
		return err
	}
	c := out.Credentials
	var f cliCacheFile
	f.Credentials.AccessKeyID = aws.ToString(c.AccessKeyId)
	f.Credentials.SecretAccessKey = aws.ToString(c.SecretAccessKey)
	f.Credentials.SessionToken = aws.ToString(c.SessionToken)
	f.Credentials.Expiration = aws.ToTime(c.Expiration).UTC().Format(time.RFC3339)
	if u := out.AssumedRoleUser; u != nil {
		f.AssumedRoleUser.Arn = aws.ToString(u.Arn)
		f.AssumedRoleUser.AssumedRoleID = aws.ToString(u.AssumedRoleId)
		// As botocore adds it: the account of the assumed role's ARN.
		if parts := strings.SplitN(f.AssumedRoleUser.Arn, ":", 6); len(parts) == 6 {
			f.Credentials.AccountID = parts[4]
		}
	}
	data, err := json.Marshal(f)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, "*.tmp")
	if err != nil {
		return err
	}
	defer func() { _ = os.Remove(tmp.Name()) }()
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, key+".json"))
}

// mfaRole answers the credential chain's AssumeRole of a role profile with
// mfa_serial: from the AWS CLI's cache while it holds valid credentials of
// that role; otherwise with what to run, as no person can be asked.
func (s *Session) mfaRole(in *sts.AssumeRoleInput, what string) (*sts.AssumeRoleOutput, error) {
	role, asked := s.mfaProfile(in)
	if role == nil {
		return nil, &Error{msg: what + ": the role needs an MFA code (mfa_serial " + short(aws.ToString(in.SerialNumber)) +
			"), and the provider cannot prompt for one"}
	}
	if out, ok := readCLICache(cliCacheKey(profileKeyArgs(role)), s.expiryWindow()); ok {
		return out, nil
	}
	dir, err := cliCacheDir()
	if err != nil {
		dir = "~/.aws/cli/cache"
	}
	return nil, &Error{msg: fmt.Sprintf("%s: the role needs an MFA code (mfa_serial %s), the provider cannot prompt "+
		"for one, and the AWS CLI's cache (%s) holds no valid credentials of the role: run `aws sts get-caller-identity "+
		"--profile %s` once, which asks for the code and caches them, then run again", what,
		short(role.MFASerial), short(dir), short(asked))}
}

// cacheMFASessions adds to an STS client a step that writes the answer of
// every AssumeRole made with an MFA code to the AWS CLI's cache, under the
// key the CLI computes for a profile with the same role_arn, mfa_serial and
// settings. An AssumeRole with a session policy, tags or a source identity
// is not written: its credentials are narrower than the profile's role, and
// no profile's key names them.
func cacheMFASessions(o *sts.Options) {
	o.APIOptions = append(o.APIOptions, func(st *middleware.Stack) error {
		return st.Initialize.Add(middleware.InitializeMiddlewareFunc("CLICacheMFASessions",
			func(ctx context.Context, in middleware.InitializeInput, next middleware.InitializeHandler) (
				middleware.InitializeOutput, middleware.Metadata, error) {
				out, md, err := next.HandleInitialize(ctx, in)
				if err != nil {
					return out, md, err
				}
				if p, ok := in.Parameters.(*sts.AssumeRoleInput); ok {
					if r, ok := out.Result.(*sts.AssumeRoleOutput); ok {
						if args, ok := functionKeyArgs(p); ok && r.Credentials != nil {
							// A cache that cannot be written costs the
							// next run a code; it does not fail this one.
							_ = writeCLICache(cliCacheKey(args), r)
						}
					}
				}
				return out, md, err
			}), middleware.After)
	})
}

// functionKeyArgs are the cache key's arguments of an AssumeRole a function
// made with an MFA code; ok is false when it was made without one, or with
// what no profile can say.
// defaultSessionName is stsinput.DefaultSessionName, the session name config
// gives a role the user did not name; session takes plain settings and may
// not import stsinput.
const defaultSessionName = "pulumi-aws-identity"

func functionKeyArgs(in *sts.AssumeRoleInput) (map[string]any, bool) {
	code := aws.ToString(in.TokenCode)
	if in.SerialNumber == nil || code == "" || code == noPrompt || in.Policy != nil || len(in.PolicyArns) > 0 ||
		len(in.Tags) > 0 || len(in.TransitiveTagKeys) > 0 || in.SourceIdentity != nil || len(in.ProvidedContexts) > 0 {
		return nil, false
	}
	args := map[string]any{"RoleArn": aws.ToString(in.RoleArn), "SerialNumber": aws.ToString(in.SerialNumber)}
	// A session named by the provider's default is one the caller did not
	// name, as a profile without role_session_name.
	if name := aws.ToString(in.RoleSessionName); name != "" && name != defaultSessionName {
		args["RoleSessionName"] = name
	}
	if in.ExternalId != nil {
		args["ExternalId"] = aws.ToString(in.ExternalId)
	}
	if in.DurationSeconds != nil {
		args["DurationSeconds"] = int(aws.ToInt32(in.DurationSeconds))
	}
	return args, true
}
