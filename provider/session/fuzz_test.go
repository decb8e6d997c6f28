package session

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/processcreds"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	ssotypes "github.com/aws/aws-sdk-go-v2/service/sso/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
	"github.com/aws/smithy-go"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/redact"
)

// plant puts secret into text in one of the shapes secrets travel in: as a
// credential the provider has seen (anywhere), or, unseen, as a JSON or XML
// field, a NAME=value pair, a header, a URL's password or query.
func plant(shape uint8, prefix, secret, suffix string) string {
	var s string
	switch shape % 9 {
	case 0:
		redact.Remember(secret)
		s = secret
	case 1:
		s = `"SecretAccessKey": "` + secret + `"`
	case 2:
		s = `{"SessionToken":"` + secret
	case 3:
		s = "VAULT_TOKEN=" + secret + " /usr/local/bin/helper"
	case 4:
		s = "<SessionToken>" + secret + "</SessionToken>"
	case 5:
		s = "Authorization: AWS4-HMAC-SHA256 Signature=" + secret
	case 6:
		s = "http://alice:" + url.PathEscape(secret) + "@proxy:3128/"
	case 7:
		s = "https://portal.example/federation/credentials?role_name=x&sig=" + secret
	case 8:
		s = "password: " + secret
	}
	return prefix + s + suffix
}

// FuzzMessages feeds the code that builds messages random credential_process
// outputs, SDK error texts and AWS answers, with a secret planted in them.
// The property: no message carries the secret or a 12-character piece of it,
// every message is short, and nothing panics. The secret is lowercase hex,
// which the redactor's base64 heuristic does not catch: each shape must be
// caught for what it is. Seeds are in testdata/fuzz/FuzzMessages; run longer
// with `go test -run '^$' -fuzz '^FuzzMessages$' -fuzztime 2m ./provider/session`.
func FuzzMessages(f *testing.F) {
	f.Add("Fetching credentials for prod...\n{\"Version\": 1, ", uint8(1), "seed", "}", "AccessDenied", uint16(0))
	f.Add("{\"Version\": 1, \"AccessKeyId\": \"ASIA\", ", uint8(2), "x", "\", \"Expiration\": \"2030-01-01T00:00:00\"}",
		"InvalidClientTokenId", uint16(0xffff))
	f.Add("operation error STS: AssumeRole, https response error StatusCode: 403: ", uint8(5), "y", "\r\nHost: sts",
		"SignatureDoesNotMatch", uint16(0x00f0))
	f.Add("proxyconnect tcp: dial ", uint8(6), "z", ": connection refused", "", uint16(0x0f0f))
	f.Add(`{"token": "cut off `, uint8(1), "w", "", "ExpiredToken", uint16(1))
	f.Add("arn:aws:iam::123456789012:role/", uint8(0), "v", "/x", "AccessDenied", uint16(2))
	f.Add("", uint8(3), "u", "", "", uint16(3))
	f.Fuzz(func(t *testing.T, prefix string, shape uint8, seed, suffix, code string, mask uint16) {
		sum := sha256.Sum256([]byte(seed + prefix))
		secret := hex.EncodeToString(sum[:16]) // 32 characters
		text := plant(shape, prefix, secret, suffix)

		var msgs []string
		add := func(err error) {
			if err != nil {
				msgs = append(msgs, err.Error())
			}
		}
		// AWS's and the SDK's words.
		add(explain(&smithy.GenericAPIError{Code: code, Message: text}, Call{Op: "sts:AssumeRole"}, ""))
		add(explain(&smithy.GenericAPIError{Code: text, Message: code}, Call{Op: "sts:GetSessionToken",
			Hint: func(code, msg string) string { return "A hint quoting " + msg + " and " + code }}, "the provider's accessKey"))
		add(explain(&url.Error{Op: "Post", URL: text, Err: errors.New(text)}, Call{Op: "sts:GetCallerIdentity"}, ""))
		add(explain(fmt.Errorf("%s: %w", text, context.DeadlineExceeded), Call{Op: "iam:GetRole"}, ""))
		add(explain(errors.New(text), Call{Op: "sts:AssumeRole"}, ""))
		add(New(Settings{}).step(errors.New(text), "sso:GetRoleCredentials", "getting role"))
		add(sourceError(fmt.Errorf("failed to refresh cached credentials, %w", errors.New(text)), "the source"))
		add(loadError(errors.New(text), Settings{}))

		// A credential_process's output, as the SDK wraps it when it cannot
		// parse it, and its command line.
		var resp processcreds.CredentialProcessResponse
		if perr := json.Unmarshal([]byte(text), &resp); perr != nil {
			add(sourceError(&processcreds.ProviderError{Err: fmt.Errorf("parse failed of process output: %s, error: %w",
				text, perr)}, "the credential_process helper of profile \"corp\""))
		}
		msgs = append(msgs, diagnoseProcessOutput([]byte(text)), redact.Program(text), redact.URL(text),
			hostOf(text), describeRoleChain(Settings{WebIdentity: &WebIdentity{RoleArn: short(text)}}, ""))

		// AWS answers with any field missing: checked, never a panic.
		str := func(bit int, v string) *string {
			if mask&(1<<bit) != 0 {
				return nil
			}
			return aws.String(v)
		}
		var exp *time.Time
		if mask&(1<<4) == 0 {
			exp = aws.Time(time.Now().Add(time.Hour))
		}
		creds := &ststypes.Credentials{AccessKeyId: str(0, "ASIAFUZZ"), SecretAccessKey: str(1, text),
			SessionToken: str(2, text), Expiration: exp}
		if mask&(1<<5) != 0 {
			creds = nil
		}
		add(emptyAnswer("assumeRoles[0]", "sts:AssumeRole", creds))
		s := New(Settings{})
		_, err := chainAssumeRole{s: s, inner: fixedAssumeRole{&sts.AssumeRoleOutput{Credentials: creds}}}.AssumeRole(
			context.Background(), &sts.AssumeRoleInput{RoleArn: aws.String(text)})
		add(err)
		var rc *ssotypes.RoleCredentials
		if mask&(1<<6) == 0 {
			rc = &ssotypes.RoleCredentials{AccessKeyId: str(7, "ASIAFUZZ"), SecretAccessKey: str(8, text),
				SessionToken: str(9, text), Expiration: int64(mask >> 10)}
		}
		_, err = chainSSO{s: s, inner: fixedSSO{&sso.GetRoleCredentialsOutput{RoleCredentials: rc}}}.GetRoleCredentials(
			context.Background(), &sso.GetRoleCredentialsInput{RoleName: aws.String(text), AccountId: aws.String(code)})
		add(err)

		for _, m := range msgs {
			if i := leak(m, secret); i >= 0 {
				t.Fatalf("a piece of the secret %s (shape %d) at %d of: %q", secret, shape%9, i, m)
			}
			if n := utf8.RuneCountInString(m); n > 4000 {
				t.Fatalf("a message of %d characters: %.200q", n, m)
			}
		}
	})
}

// leak is where a 12-character piece of secret is in m, or -1.
func leak(m, secret string) int {
	for i := 0; i+12 <= len(secret); i++ {
		if j := strings.Index(m, secret[i:i+12]); j >= 0 {
			return j
		}
	}
	return -1
}

type fixedAssumeRole struct{ out *sts.AssumeRoleOutput }

func (f fixedAssumeRole) AssumeRole(context.Context, *sts.AssumeRoleInput, ...func(*sts.Options)) (*sts.AssumeRoleOutput, error) {
	return f.out, nil
}
