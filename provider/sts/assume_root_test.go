package sts_test

import (
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/providertest"
)

func TestAssumeRootRequest(t *testing.T) {
	aws := awsfault.Start(t)
	aws.On("AssumeRoot", awsfault.AssumeRootOK(15*time.Minute))
	s := providertest.NewServer(t, providertest.FaultConfig(aws.URL, nil))

	out, err := providertest.Invoke(s, assumeRoot, map[string]property.Value{
		"targetPrincipal": providertest.Str(memberAcct), "taskPolicyArn": providertest.Str(rootTask), "durationSeconds": providertest.Num(900)})
	require.NoError(t, err)
	creds, exp := providertest.SecretCreds(t, out.Get("credentials"))
	assert.Equal(t, awsfault.AccessKeyID, creds["accessKeyId"])
	assert.WithinDuration(t, time.Now().Add(15*time.Minute), exp, 2*time.Minute)
	assert.Equal(t, awsfault.RootSourceIdentity, out.Get("sourceIdentity").AsString())
	req := aws.Requests("AssumeRoot")
	require.Len(t, req, 1)
	assert.Equal(t, memberAcct, req[0].Get("TargetPrincipal"))
	assert.Equal(t, rootTask, req[0].Get("TaskPolicyArn.arn"), "a PolicyDescriptorType, as the model says")
	assert.Equal(t, "900", req[0].Get("DurationSeconds"))
	assert.Equal(t, []bool{true}, aws.Signed("AssumeRoot"))

	_, err = providertest.Invoke(s, assumeRoot, map[string]property.Value{
		"targetPrincipal": providertest.Str("arn:aws:iam::111122223333:root"), "taskPolicyArn": providertest.Str(rootTask), "durationSeconds": providertest.Num(0)})
	require.NoError(t, err)
	req = aws.Requests("AssumeRoot")
	assert.Equal(t, "arn:aws:iam::111122223333:root", req[1].Get("TargetPrincipal"))
	assert.Equal(t, "0", req[1].Get("DurationSeconds"), "0 is in RootDurationSecondsType and is sent")
}
