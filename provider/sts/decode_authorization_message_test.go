package sts_test

import (
	"encoding/json"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/providertest"
)

func TestDecodeAuthorizationMessage(t *testing.T) {
	aws := awsfault.Start(t)
	aws.On("DecodeAuthorizationMessage", awsfault.Decoded(decodedExample))
	s := providertest.NewServer(t, providertest.FaultConfig(aws.URL, nil))

	// The whole error text, as the AWS CLI prints it.
	pasted := "An error occurred (UnauthorizedOperation) when calling the RunInstances operation: You are not " +
		"authorized to perform this operation. User: arn:aws:iam::123456789012:user/alice is not authorized to " +
		"perform: ec2:RunInstances on resource: arn:aws:ec2:us-east-1:123456789012:instance/* with an explicit " +
		"deny in an identity-based policy. Encoded authorization failure message: " + encodedSmall + "\n"
	out, err := providertest.Invoke(s, decodeAuthorizationMessage, map[string]property.Value{"encodedMessage": providertest.Str(pasted)})
	require.NoError(t, err)
	req := aws.Requests("DecodeAuthorizationMessage")
	require.Len(t, req, 1)
	assert.Equal(t, encodedSmall, req[0].Get("EncodedMessage"), "only the message is sent")
	assert.Equal(t, []bool{true}, aws.Signed("DecodeAuthorizationMessage"))

	assert.JSONEq(t, decodedExample, out.Get("decodedMessage").AsString())
	assert.False(t, out.Get("allowed").AsBool())
	assert.True(t, out.Get("explicitDeny").AsBool())
	assert.Equal(t, "ec2:RunInstances", out.Get("action").AsString())
	assert.Equal(t, "arn:aws:ec2:us-east-1:123456789012:instance/*", out.Get("resource").AsString())
	assert.Equal(t, map[string]string{"id": "AIDAEXAMPLE", "name": "alice", "arn": "arn:aws:iam::123456789012:user/alice"},
		providertest.Outputs(out.Get("principal").AsMap()))
	stmts := out.Get("matchedStatements").AsArray()
	require.Equal(t, 1, stmts.Len())
	st := stmts.Get(0).AsMap()
	assert.Equal(t, "DenyRunOutsideEU", st.Get("statementId").AsString())
	assert.Equal(t, "DENY", st.Get("effect").AsString())
	assert.Equal(t, "ec2:RunInstances", st.Get("actions").AsArray().Get(0).AsString())
	assert.True(t, json.Valid([]byte(st.Get("statement").AsString())))
	assert.Equal(t, "us-east-1", out.Get("conditions").AsMap().Get("aws:RequestedRegion").AsArray().Get(0).AsString())
	assert.Empty(t, out.Get("note").AsString())

	// A decoded message of another shape: decodedMessage as it came, and a note.
	aws.On("DecodeAuthorizationMessage", awsfault.Decoded(`{"allowed":"no","context":[]}`))
	out, err = providertest.Invoke(s, decodeAuthorizationMessage, map[string]property.Value{"encodedMessage": providertest.Str(`"` + encodedSmall + `"`)})
	require.NoError(t, err)
	assert.Equal(t, encodedSmall, aws.Requests("DecodeAuthorizationMessage")[1].Get("EncodedMessage"), "quotes left out")
	assert.Equal(t, `{"allowed":"no","context":[]}`, out.Get("decodedMessage").AsString())
	assert.Contains(t, out.Get("note").AsString(), "not in the shape AWS documents: allowed, explicitDeny, context missing")
}
