package session

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The keys botocore 1.43.62 (awscli 1.46.2) computes for the same arguments:
// python3 -c 'import json, hashlib; print(hashlib.sha1(json.dumps(ARGS, sort_keys=True).encode()).hexdigest())'
func TestCLICacheKeyIsBotocores(t *testing.T) {
	assert.Equal(t, "ccaefcf950c6cca360d13611757379ef04dcd045", cliCacheKey(map[string]any{
		"RoleArn": "arn:aws:iam::123456789012:role/mfa", "SerialNumber": "arn:aws:iam::123456789012:mfa/alice"}))
	// Every field a profile can set, and the escapes of json.dumps.
	assert.Equal(t, "0c673d5d331369f5e4e592865cd8c632684d8498", cliCacheKey(map[string]any{
		"RoleArn": "arn:aws:iam::123456789012:role/deploy/mfa", "SerialNumber": "arn:aws:iam::123456789012:mfa/alice",
		"ExternalId": "ext \"42\" é\\ \u2603 \U0001F600\x7f\n", "RoleSessionName": "release-42", "DurationSeconds": 1800}))
}

const (
	mfaRoleArn = "arn:aws:iam::123456789012:role/mfa"
	mfaSerial  = "arn:aws:iam::123456789012:mfa/alice"
	mfaKey     = "ccaefcf950c6cca360d13611757379ef04dcd045" // of the two above
)

// mfaProfile writes profile "mfa" (role_arn, mfa_serial, source_profile
// base) in a HOME of its own; the STS endpoint is a closed port, so any
// AssumeRole fails.
func mfaSetup(t *testing.T) (Settings, string) {
	isolatedEnv(t)
	dir := t.TempDir()
	home := filepath.Join(dir, "home")
	t.Setenv("HOME", home)
	config := filepath.Join(dir, "config")
	require.NoError(t, os.WriteFile(config, []byte("[profile mfa]\nrole_arn = "+mfaRoleArn+"\nmfa_serial = "+mfaSerial+
		"\nsource_profile = base\n[profile base]\naws_access_key_id = AKIABASE000000000001\n"+
		"aws_secret_access_key = baseSecretKey0000000000000000000000000000\n"), 0o600))
	return Settings{Profile: "mfa", SharedConfigFiles: []string{config}, SharedCredentialsFiles: []string{"/dev/null"},
		STSEndpoint: "http://127.0.0.1:9", MaxRetries: aws.Int(0)}, filepath.Join(home, ".aws", "cli", "cache")
}

// cliFile is a cache file as awscli 1.46.2 wrote it against moto (less
// ResponseMetadata), expiring at exp.
func cliFile(t *testing.T, dir string, exp time.Time) {
	require.NoError(t, os.MkdirAll(dir, 0o700))
	doc := `{"Credentials": {"AccessKeyId": "ASIACLICACHE00000001", "SecretAccessKey": "` + canarySecret +
		`", "SessionToken": "` + canaryToken + `", "Expiration": "` + exp.UTC().Format("2006-01-02T15:04:05.000000Z") +
		`", "AccountId": "123456789012"}, "AssumedRoleUser": {"AssumedRoleId": "AROAEXAMPLE:botocore-session-1", ` +
		`"Arn": "arn:aws:sts::123456789012:assumed-role/mfa/botocore-session-1"}, "PackedPolicySize": 6}`
	require.NoError(t, os.WriteFile(filepath.Join(dir, mfaKey+".json"), []byte(doc), 0o600))
}

func TestMFAProfileFromCLICache(t *testing.T) {
	st, dir := mfaSetup(t)
	exp := time.Now().Add(time.Hour).Truncate(time.Microsecond)
	cliFile(t, dir, exp)
	c, err := New(st).Credentials(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "ASIACLICACHE00000001", c.AccessKeyID)
	assert.Equal(t, canarySecret, c.SecretAccessKey)
	assert.WithinDuration(t, exp, c.Expires, DefaultExpiryWindow+time.Second)
}

func TestMFAProfileWithoutCache(t *testing.T) {
	want := `getting credentials from profile "mfa" (role_arn ` + mfaRoleArn + `, source_profile base): assuming ` +
		`role_arn ` + mfaRoleArn + `: the role needs an MFA code (mfa_serial ` + mfaSerial + `), the provider cannot ` +
		`prompt for one, and the AWS CLI's cache (%s) holds no valid credentials of the role: run ` +
		"`aws sts get-caller-identity --profile mfa`" + ` once, which asks for the code and caches them, then run again`
	t.Run("none", func(t *testing.T) {
		st, dir := mfaSetup(t)
		_, err := New(st).Credentials(context.Background())
		require.Error(t, err)
		assert.Equal(t, fmt.Sprintf(want, dir), err.Error())
	})
	t.Run("expiring within the refresh window", func(t *testing.T) {
		st, dir := mfaSetup(t)
		cliFile(t, dir, time.Now().Add(4*time.Minute))
		_, err := New(st).Credentials(context.Background())
		require.Error(t, err)
		assert.Equal(t, fmt.Sprintf(want, dir), err.Error())
		assertNoCanary(t, err.Error())
	})
	t.Run("not JSON", func(t *testing.T) {
		st, dir := mfaSetup(t)
		require.NoError(t, os.MkdirAll(dir, 0o700))
		require.NoError(t, os.WriteFile(filepath.Join(dir, mfaKey+".json"), []byte(`{"Credentials": `+canarySecret), 0o600))
		_, err := New(st).Credentials(context.Background())
		require.Error(t, err)
		assert.Equal(t, fmt.Sprintf(want, dir), err.Error())
		assertNoCanary(t, err.Error())
	})
}

// What the provider writes, the provider (and the CLI: tests/credsources)
// reads back; only an AssumeRole a profile could have made is written.
func TestCLICacheWrite(t *testing.T) {
	st, dir := mfaSetup(t)
	in := &sts.AssumeRoleInput{RoleArn: aws.String(mfaRoleArn), SerialNumber: aws.String(mfaSerial),
		TokenCode: aws.String("123456"), RoleSessionName: aws.String("pulumi-aws-identity")}
	args, ok := functionKeyArgs(in)
	require.True(t, ok)
	assert.Equal(t, mfaKey, cliCacheKey(args), "the default session name is no session name, as in a profile")
	exp := time.Now().Add(time.Hour).Truncate(time.Second)
	require.NoError(t, writeCLICache(cliCacheKey(args), &sts.AssumeRoleOutput{
		Credentials: &ststypes.Credentials{AccessKeyId: aws.String("ASIAWRITTEN000000001"),
			SecretAccessKey: aws.String(canarySecret), SessionToken: aws.String(canaryToken), Expiration: aws.Time(exp)},
		AssumedRoleUser: &ststypes.AssumedRoleUser{Arn: aws.String("arn:aws:sts::123456789012:assumed-role/mfa/pulumi-aws-identity"),
			AssumedRoleId: aws.String("AROAEXAMPLE:pulumi-aws-identity")}}))
	info, err := os.Stat(filepath.Join(dir, mfaKey+".json"))
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o600), info.Mode().Perm())
	var doc map[string]map[string]any
	data, err := os.ReadFile(filepath.Join(dir, mfaKey+".json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(data, &doc))
	assert.Equal(t, exp.UTC().Format(time.RFC3339), doc["Credentials"]["Expiration"])
	assert.Equal(t, "123456789012", doc["Credentials"]["AccountId"])

	c, err := New(st).Credentials(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "ASIAWRITTEN000000001", c.AccessKeyID)

	for name, change := range map[string]func(*sts.AssumeRoleInput){
		"no code":         func(in *sts.AssumeRoleInput) { in.TokenCode = nil },
		"a policy":        func(in *sts.AssumeRoleInput) { in.Policy = aws.String("{}") },
		"policy ARNs":     func(in *sts.AssumeRoleInput) { in.PolicyArns = []ststypes.PolicyDescriptorType{{}} },
		"tags":            func(in *sts.AssumeRoleInput) { in.Tags = []ststypes.Tag{{}} },
		"source identity": func(in *sts.AssumeRoleInput) { in.SourceIdentity = aws.String("alice") },
	} {
		in := *in
		change(&in)
		_, ok := functionKeyArgs(&in)
		assert.False(t, ok, name)
	}
	in.RoleSessionName, in.ExternalId, in.DurationSeconds = aws.String("release-42"), aws.String("ext"), aws.Int32(1800)
	args, _ = functionKeyArgs(in)
	assert.Equal(t, map[string]any{"RoleArn": mfaRoleArn, "SerialNumber": mfaSerial, "RoleSessionName": "release-42",
		"ExternalId": "ext", "DurationSeconds": 1800}, args)
}
