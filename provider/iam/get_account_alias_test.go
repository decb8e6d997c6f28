package iam_test

import (
	"context"
	"net/http"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsiam "github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
	pt "github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/providertest"
)

const accountAlias = "aws-identity:iam:getAccountAlias"

func TestGetAccountAlias(t *testing.T) {
	moto := testenv.StartMoto(t)
	calls := testenv.CountCalls(t, moto.Endpoint)

	// No alias yet: empty, not an error.
	out, err := pt.Invoke(pt.NewServer(t, pt.EndpointConfig(calls.Endpoint)), accountAlias, nil)
	require.NoError(t, err)
	assert.Equal(t, map[string]string{"accountAlias": "", "accountId": pt.Account}, pt.Outputs(out))

	_, err = awsiam.NewFromConfig(moto.AWSConfig()).CreateAccountAlias(context.Background(),
		&awsiam.CreateAccountAliasInput{AccountAlias: aws.String("acme-prod")})
	require.NoError(t, err)

	// A new provider process, N invokes at once: one ListAccountAliases.
	calls.Reset()
	s := pt.NewServer(t, pt.EndpointConfig(calls.Endpoint))
	const n = 8
	var wg sync.WaitGroup
	got := make([]map[string]string, n)
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := pt.Invoke(s, accountAlias, nil)
			got[i], errs[i] = pt.Outputs(out), err
		}()
	}
	wg.Wait()
	for i := range n {
		require.NoError(t, errs[i])
		assert.Equal(t, map[string]string{"accountAlias": "acme-prod", "accountId": pt.Account}, got[i])
	}
	assert.Equal(t, 1, calls.Count("ListAccountAliases"), "asked once per provider process")
	assert.Equal(t, 1, calls.Count("GetCallerIdentity"))
}

// Denied: the advice names the permission, and the failure is not
// remembered: the next call asks again.
func TestGetAccountAliasDenied(t *testing.T) {
	fault := awsfault.Start(t)
	fault.On("ListAccountAliases", awsfault.Fail(http.StatusForbidden, "AccessDenied", "User: "+awsfault.CallerARN+
		" is not authorized to perform: iam:ListAccountAliases on resource: *"))
	s := pt.NewServer(t, pt.FaultConfig(fault.URL, nil))
	for range 2 {
		_, err := pt.Invoke(s, accountAlias, nil)
		require.Error(t, err)
		assert.Contains(t, err.Error(), "iam:ListAccountAliases failed: AccessDenied")
		assert.Contains(t, err.Error(), "the provider's identity may not call iam:ListAccountAliases. Grant it that action")
		assert.NotContains(t, err.Error(), pt.FaultSecretKey)
	}
	assert.Equal(t, 2, fault.Calls("ListAccountAliases"))
}
