package awsfault

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func clients(s *Server) (*sts.Client, *iam.Client) {
	cfg := aws.Config{Region: "us-east-1", BaseEndpoint: aws.String(s.URL), RetryMaxAttempts: 1,
		Credentials: credentials.NewStaticCredentialsProvider("AKIAEXAMPLE", "secret", "")}
	return sts.NewFromConfig(cfg), iam.NewFromConfig(cfg)
}

func TestSuccessDocuments(t *testing.T) {
	s := Start(t)
	st, im := clients(s)
	ctx := context.Background()

	me, err := st.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	require.NoError(t, err)
	assert.Equal(t, CallerARN, aws.ToString(me.Arn))
	assert.Equal(t, Account, aws.ToString(me.Account))
	assert.Equal(t, CallerUserID, aws.ToString(me.UserId))

	ar, err := st.AssumeRole(ctx, &sts.AssumeRoleInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/x/Deployer"),
		RoleSessionName: aws.String("s1"), SourceIdentity: aws.String("alice")})
	require.NoError(t, err)
	assert.Equal(t, AccessKeyID, aws.ToString(ar.Credentials.AccessKeyId))
	assert.Equal(t, SecretAccessKey, aws.ToString(ar.Credentials.SecretAccessKey))
	assert.Equal(t, SessionToken, aws.ToString(ar.Credentials.SessionToken))
	assert.WithinDuration(t, time.Now().Add(time.Hour), aws.ToTime(ar.Credentials.Expiration), time.Minute)
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/s1", aws.ToString(ar.AssumedRoleUser.Arn))
	assert.Equal(t, "alice", aws.ToString(ar.SourceIdentity))
	assert.Equal(t, int32(6), aws.ToInt32(ar.PackedPolicySize)) //nolint:staticcheck // the provider's packedPolicySize reads it

	role, err := im.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("Deployer")})
	require.NoError(t, err)
	assert.Equal(t, "arn:aws:iam::123456789012:role/faults/Deployer", aws.ToString(role.Role.Arn))
	assert.Equal(t, "AROAFAULTSERVER00001", aws.ToString(role.Role.RoleId))

	assert.Equal(t, 1, s.Calls("GetCallerIdentity"))
	assert.Equal(t, 3, s.Total())
	assert.Equal(t, "s1", s.Requests("AssumeRole")[0].Get("RoleSessionName"))
}

func TestScriptedErrors(t *testing.T) {
	s := Start(t)
	st, im := clients(s)
	ctx := context.Background()
	s.On("GetCallerIdentity", Throttling().Times(2), ExpiredToken().Times(1), OK())
	s.On("GetRole", NoSuchEntity("Ghost"))

	code := func(err error) (string, int) {
		var api smithy.APIError
		var resp *awshttp.ResponseError
		require.True(t, errors.As(err, &api), "%v", err)
		require.True(t, errors.As(err, &resp), "%v", err)
		return api.ErrorCode(), resp.HTTPStatusCode()
	}
	for _, want := range []struct {
		code   string
		status int
	}{{"Throttling", 400}, {"Throttling", 400}, {"ExpiredToken", 403}} {
		_, err := st.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		c, st := code(err)
		assert.Equal(t, want.code, c)
		assert.Equal(t, want.status, st)
	}
	_, err := st.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	require.NoError(t, err, "the script ends in OK")

	_, err = im.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String("Ghost")})
	c, status := code(err)
	assert.Equal(t, "NoSuchEntity", c)
	assert.Equal(t, http.StatusNotFound, status)
	assert.Contains(t, err.Error(), "The role with name Ghost cannot be found.")
	assert.Equal(t, 4, s.Calls("GetCallerIdentity"))
}

func TestHangReleasedByClient(t *testing.T) {
	s := Start(t)
	s.On("GetCallerIdentity", Hang())
	st, _ := clients(s)
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := st.GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
	require.Error(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(start), 2*time.Second)
}

func TestClosedPortRefuses(t *testing.T) {
	url := ClosedPort(t)
	_, err := http.Post(url, "text/plain", nil)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "connection refused")
}

func TestCredentialFunctionDocuments(t *testing.T) {
	s := Start(t)
	st, _ := clients(s)
	ctx := context.Background()

	gst, err := st.GetSessionToken(ctx, &sts.GetSessionTokenInput{DurationSeconds: aws.Int32(900)})
	require.NoError(t, err)
	assert.Equal(t, SecretAccessKey, aws.ToString(gst.Credentials.SecretAccessKey))
	assert.WithinDuration(t, time.Now().Add(15*time.Minute), aws.ToTime(gst.Credentials.Expiration), time.Minute)
	gst, err = st.GetSessionToken(ctx, &sts.GetSessionTokenInput{})
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now().Add(12*time.Hour), aws.ToTime(gst.Credentials.Expiration), time.Minute,
		"AWS's default lifetime")

	wi, err := st.AssumeRoleWithWebIdentity(ctx, &sts.AssumeRoleWithWebIdentityInput{
		RoleArn: aws.String("arn:aws:iam::123456789012:role/ci"), RoleSessionName: aws.String("job-1"),
		WebIdentityToken: aws.String("header.payload.signature"),
	}, func(o *sts.Options) { o.Credentials = aws.AnonymousCredentials{} })
	require.NoError(t, err)
	assert.Equal(t, AccessKeyID, aws.ToString(wi.Credentials.AccessKeyId))
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/ci/job-1", aws.ToString(wi.AssumedRoleUser.Arn))
	assert.Equal(t, WebIdentitySubject, aws.ToString(wi.SubjectFromWebIdentityToken))
	assert.Equal(t, WebIdentityAudience, aws.ToString(wi.Audience))
	assert.Equal(t, WebIdentityProvider, aws.ToString(wi.Provider))
	assert.Equal(t, "alice", aws.ToString(wi.SourceIdentity))

	info, err := st.GetAccessKeyInfo(ctx, &sts.GetAccessKeyInfoInput{AccessKeyId: aws.String("AKIAIOSFODNN7EXAMPLE")})
	require.NoError(t, err)
	assert.Equal(t, Account, aws.ToString(info.Account))

	assert.Equal(t, []bool{true, true}, s.Signed("GetSessionToken"))
	assert.Equal(t, []bool{false}, s.Signed("AssumeRoleWithWebIdentity"), "anonymous credentials sign nothing")
}

func TestCredentialFunctionErrors(t *testing.T) {
	s := Start(t)
	st, _ := clients(s)
	ctx := context.Background()
	web := &sts.AssumeRoleWithWebIdentityInput{RoleArn: aws.String("arn:aws:iam::123456789012:role/ci"),
		RoleSessionName: aws.String("job-1"), WebIdentityToken: aws.String("header.payload.signature")}
	for _, c := range []struct {
		action, code string
		reply        Reply
		call         func() error
	}{
		{"GetSessionToken", "AccessDenied", MFADenied(), func() error {
			_, err := st.GetSessionToken(ctx, &sts.GetSessionTokenInput{})
			return err
		}},
		{"AssumeRoleWithWebIdentity", "InvalidIdentityToken", InvalidIdentityToken(), func() error {
			_, err := st.AssumeRoleWithWebIdentity(ctx, web)
			return err
		}},
		{"AssumeRoleWithWebIdentity", "IDPRejectedClaim", IDPRejectedClaim(), func() error {
			_, err := st.AssumeRoleWithWebIdentity(ctx, web)
			return err
		}},
		{"AssumeRoleWithWebIdentity", "ExpiredTokenException", ExpiredTokenException(), func() error {
			_, err := st.AssumeRoleWithWebIdentity(ctx, web)
			return err
		}},
	} {
		s.On(c.action, c.reply)
		var api smithy.APIError
		require.ErrorAs(t, c.call(), &api, c.code)
		assert.Equal(t, c.code, api.ErrorCode())
	}
}
