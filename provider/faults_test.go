package provider_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/providertest"
)

// The fault tests run the provider in-process against awsfault, a local
// endpoint that answers with AWS's own XML error documents. Each asserts
// what the user reads, not only that the call failed.

const faultRole = providertest.FaultRole

// failing invokes token and returns the error message, failing the test if the call succeeded.
func failing(t *testing.T, s integration.Server, token string, args map[string]property.Value) string {
	t.Helper()
	_, err := invokeAll(s, token, args)
	require.Error(t, err, "%s should have failed", token)
	t.Logf("%s: %v", token, err)
	return err.Error()
}

func TestFaultThrottlingRetriedThenSuccess(t *testing.T) {
	for _, mode := range []string{"", "standard", "adaptive"} {
		t.Run("retryMode "+mode, func(t *testing.T) {
			aws := awsfault.Start(t)
			aws.On("GetCallerIdentity", awsfault.Throttling().Times(2), awsfault.OK())
			extra := map[string]property.Value{"maxRetries": num(2)}
			if mode != "" {
				extra["retryMode"] = str(mode)
			}
			s := newServer(t, faultConfig(aws.URL, extra))

			out, err := invoke(s, callerIdentity, nil)
			require.NoError(t, err)
			assert.Equal(t, awsfault.CallerARN, outputs(out)["arn"])
			assert.Equal(t, 3, aws.Calls("GetCallerIdentity"), "two throttled attempts, then the one that succeeded")
		})
	}
}

func TestFaultServerErrorRetriedThenSuccess(t *testing.T) {
	aws := awsfault.Start(t)
	aws.On("AssumeRole", awsfault.Fail(http.StatusServiceUnavailable, "ServiceUnavailable", "Service is unavailable").Times(1),
		awsfault.OK())
	s := newServer(t, faultConfig(aws.URL, map[string]property.Value{"maxRetries": num(1)}))

	out, err := invoke(s, assumeRole, map[string]property.Value{"roleArn": str(faultRole)})
	require.NoError(t, err)
	assert.Equal(t, awsfault.AccessKeyID, out.Get("credentials").AsMap().Get("accessKeyId").AsString())
	assert.Equal(t, 2, aws.Calls("AssumeRole"))
}

func TestFaultThrottlingExhausted(t *testing.T) {
	aws := awsfault.Start(t)
	aws.On("GetCallerIdentity", awsfault.Throttling())
	s := newServer(t, faultConfig(aws.URL, map[string]property.Value{"maxRetries": num(1)}))

	msg := failing(t, s, callerIdentity, nil)
	assert.Contains(t, msg, "sts:GetCallerIdentity failed after 2 attempts: Throttling: Rate exceeded")
	assert.Contains(t, msg, "raise the provider's maxRetries")
	assert.Equal(t, 2, aws.Calls("GetCallerIdentity"), "maxRetries 1 is two attempts")
}

func TestFaultAccessDeniedOnAssumeRole(t *testing.T) {
	aws := awsfault.Start(t)
	aws.On("AssumeRole", awsfault.AccessDenied())
	s := newServer(t, faultConfig(aws.URL, nil))

	msg := failing(t, s, assumeRole, map[string]property.Value{"roleArn": str(faultRole)})
	assert.Contains(t, msg, "sts:AssumeRole failed: AccessDenied: User: "+awsfault.CallerARN+" is not authorized")
	for _, want := range []string{"trust policy", "MFA", "serialNumber", "tokenCode", "external ID", "externalId"} {
		assert.Contains(t, msg, want)
	}
	assert.Equal(t, 1, aws.Calls("AssumeRole"), "access denied is not retried")
	assert.NotContains(t, msg, faultSecretKey)
}

// The base credentials' source is named: static keys from the provider
// configuration, the standard environment variables, or the provider's
// assumeRole block.
func TestFaultBadBaseCredentials(t *testing.T) {
	for _, c := range []struct {
		name, code, want string
		reply            awsfault.Reply
	}{
		{"expired", "ExpiredToken", "have expired: refresh them", awsfault.ExpiredToken()},
		{"invalid", "InvalidClientTokenId", "AWS did not accept the base AWS credentials", awsfault.InvalidClientTokenId()},
	} {
		t.Run(c.name+"/config keys", func(t *testing.T) {
			aws := awsfault.Start(t)
			aws.On("GetCallerIdentity", c.reply)
			s := newServer(t, faultConfig(aws.URL, map[string]property.Value{"token": str("faultTestToken").WithSecret(true)}))
			msg := failing(t, s, callerIdentity, nil)
			assert.Contains(t, msg, "sts:GetCallerIdentity failed: "+c.code)
			assert.Contains(t, msg, c.want)
			assert.Contains(t, msg, "(from the provider's accessKey and secretKey)")
			assert.NotContains(t, msg, faultSecretKey)
			assert.NotContains(t, msg, "faultTestToken")
			assert.Equal(t, 1, aws.Calls("GetCallerIdentity"), "not retried")
		})
		t.Run(c.name+"/environment", func(t *testing.T) {
			aws := awsfault.Start(t)
			aws.On("AssumeRole", c.reply)
			s := newServer(t, property.NewMap(map[string]property.Value{
				"endpoints": property.New(map[string]property.Value{"sts": str(aws.URL), "iam": str(aws.URL)}),
			}), "AWS_ACCESS_KEY_ID="+faultAccessKey, "AWS_SECRET_ACCESS_KEY="+faultSecretKey, "AWS_REGION=eu-west-1")
			msg := failing(t, s, assumeRole, map[string]property.Value{"roleArn": str(faultRole)})
			assert.Contains(t, msg, "sts:AssumeRole failed: "+c.code)
			assert.Contains(t, msg, c.want)
			assert.Contains(t, msg, "(from the environment variables AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)")
			assert.NotContains(t, msg, faultSecretKey)
		})
	}
}

// With an assumeRole block, the provider's own AssumeRole is what fails, and
// the message says it was the configured role.
func TestFaultProviderAssumeRoleDenied(t *testing.T) {
	aws := awsfault.Start(t)
	aws.On("AssumeRole", awsfault.AccessDenied())
	s := newServer(t, faultConfig(aws.URL, map[string]property.Value{
		"assumeRole": property.New(map[string]property.Value{"roleArn": str(faultRole)}),
	}))
	msg := failing(t, s, callerIdentity, nil)
	assert.Contains(t, msg, "getting credentials from assumeRole "+faultRole+", assumed with the provider's accessKey and secretKey: assumeRole: sts:AssumeRole failed: AccessDenied")
	assert.Contains(t, msg, "trust policy")
	assert.Zero(t, aws.Calls("GetCallerIdentity"), "nothing is called without the role's credentials")
}

func TestFaultRegionDisabled(t *testing.T) {
	aws := awsfault.Start(t)
	aws.On("AssumeRole", awsfault.RegionDisabled())
	s := newServer(t, faultConfig(aws.URL, map[string]property.Value{"region": str("ap-east-1")}))

	msg := failing(t, s, assumeRole, map[string]property.Value{"roleArn": str(faultRole)})
	assert.Contains(t, msg, "sts:AssumeRole failed: RegionDisabledException: STS is not activated in this region")
	assert.Contains(t, msg, "activate it in the IAM console")
	assert.Contains(t, msg, "set region to one where it is")
}

func TestFaultNoSuchRoleBoundedWait(t *testing.T) {
	aws := awsfault.Start(t)
	aws.On("GetRole", awsfault.NoSuchEntity("Ghost"))
	s := newServer(t, faultConfig(aws.URL, nil))

	start := time.Now()
	msg := failing(t, s, sessionContext, map[string]property.Value{
		"arn":                  str("arn:aws:sts::" + awsfault.Account + ":assumed-role/Ghost/ci"),
		"lookupTimeoutSeconds": num(1),
	})
	elapsed := time.Since(start)
	assert.Contains(t, msg, `IAM role "Ghost" was not found in account 123456789012 (waited 1s`)
	assert.Contains(t, msg, "lookupRole: false")
	assert.Less(t, elapsed, 3*time.Second, "the wait is bounded by lookupTimeoutSeconds")
	assert.GreaterOrEqual(t, aws.Calls("GetRole"), 2, "a missing role is asked for again while waiting")
	assert.LessOrEqual(t, aws.Calls("GetRole"), 4)

	// The default wait (10 s) is not spent on an error that is not NoSuchEntity.
	aws.On("GetRole", awsfault.Fail(http.StatusForbidden, "AccessDenied", "User: "+awsfault.CallerARN+
		" is not authorized to perform: iam:GetRole on resource: role Other"))
	start = time.Now()
	msg = failing(t, s, sessionContext, map[string]property.Value{
		"arn": str("arn:aws:sts::" + awsfault.Account + ":assumed-role/Other/ci"),
	})
	assert.Less(t, time.Since(start), 2*time.Second)
	assert.Contains(t, msg, "iam:GetRole failed: AccessDenied")
	assert.Contains(t, msg, "The caller's IAM policies must allow iam:GetRole")
}

func TestFaultConnectionRefused(t *testing.T) {
	for _, c := range []struct {
		name    string
		retries map[string]property.Value
		within  time.Duration
	}{
		{"maxRetries 0", map[string]property.Value{"maxRetries": num(0)}, 2 * time.Second},
		// The SDK retries refused connections with back-off; the default
		// 3 retries wait at most 2+4+8 s.
		{"default retries", nil, 16 * time.Second},
	} {
		t.Run(c.name, func(t *testing.T) {
			endpoint := awsfault.ClosedPort(t)
			s := newServer(t, faultConfig(endpoint, c.retries))
			start := time.Now()
			msg := failing(t, s, callerIdentity, nil)
			elapsed := time.Since(start)
			t.Logf("failed after %s", elapsed)
			assert.Less(t, elapsed, c.within)
			assert.Contains(t, msg, "could not reach "+endpoint)
			assert.Contains(t, msg, "connection refused")
			assert.Contains(t, msg, "Check the provider's endpoints and proxy settings")
		})
	}
}

func TestFaultHangingEndpointTimesOut(t *testing.T) {
	aws := awsfault.Start(t)
	aws.On("GetCallerIdentity", awsfault.Hang())
	s := newServer(t, faultConfig(aws.URL, map[string]property.Value{
		"requestTimeoutSeconds": num(1), "maxRetries": num(0),
	}))
	start := time.Now()
	msg := failing(t, s, callerIdentity, nil)
	elapsed := time.Since(start)
	assert.GreaterOrEqual(t, elapsed, time.Second)
	assert.Less(t, elapsed, 3*time.Second, "bounded by requestTimeoutSeconds")
	assert.True(t, strings.Contains(msg, "did not answer in time") || strings.Contains(msg, "Client.Timeout"),
		"message says it timed out: %s", msg)
	assert.Contains(t, msg, "sts:GetCallerIdentity")
	assert.Equal(t, 1, aws.Calls("GetCallerIdentity"))
}

// Pulumi's Cancel RPC (what the engine sends on Ctrl-C) cancels the context
// of every call in flight; a call held by a hanging endpoint returns at once.
func TestFaultCancelStopsHangingCall(t *testing.T) {
	aws := awsfault.Start(t)
	aws.On("AssumeRole", awsfault.Hang())
	s := newServer(t, faultConfig(aws.URL, nil)) // default timeout: 30 s

	type result struct {
		err     error
		elapsed time.Duration
	}
	done := make(chan result, 1)
	start := time.Now()
	go func() {
		_, err := invokeAll(s, assumeRole, map[string]property.Value{"roleArn": str(faultRole)})
		done <- result{err, time.Since(start)}
	}()
	require.Eventually(t, func() bool { return aws.Calls("AssumeRole") == 1 }, 5*time.Second, 10*time.Millisecond)
	require.NoError(t, s.Cancel())
	var r result
	select {
	case r = <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the call did not return within 5 s of Cancel")
	}
	require.Error(t, r.err)
	t.Logf("cancelled after %s: %v", r.elapsed, r.err)
	assert.Less(t, r.elapsed, 3*time.Second)
	assert.Contains(t, r.err.Error(), "sts:AssumeRole was cancelled")
	assert.Equal(t, 1, aws.Calls("AssumeRole"), "a cancelled call is not retried")
}

// invokeAll is invoke for calls expected to fail: type-check failures come
// back as an error too, instead of failing the test.
func invokeAll(s integration.Server, token string, args map[string]property.Value) (property.Map, error) {
	resp, err := s.Invoke(p.InvokeRequest{Token: tokens.Type(token), Args: property.NewMap(args)})
	if err == nil && len(resp.Failures) > 0 {
		lines := make([]string, len(resp.Failures))
		for i, f := range resp.Failures {
			lines[i] = f.Property + ": " + f.Reason
		}
		err = errors.New(strings.Join(lines, "\n"))
	}
	return resp.Return, err
}

// A well-formed 200 answer with nothing in it (AWS does not send one; a
// broken proxy might) must be an error, never a crash of the provider.
func TestFaultEmptyAnswer(t *testing.T) {
	aws := awsfault.Start(t)
	for _, a := range []string{"GetCallerIdentity", "AssumeRole", "GetRole"} {
		aws.On(a, awsfault.Empty())
	}
	s := newServer(t, faultConfig(aws.URL, nil))
	var panics []string
	for _, c := range []struct {
		token string
		args  map[string]property.Value
	}{
		{callerIdentity, nil},
		{assumeRole, map[string]property.Value{"roleArn": str(faultRole)}},
		{sessionContext, map[string]property.Value{"arn": str("arn:aws:sts::" + awsfault.Account + ":assumed-role/Empty/ci")}},
	} {
		func() {
			defer func() {
				if r := recover(); r != nil {
					panics = append(panics, fmt.Sprintf("%s: %v", c.token, r))
				}
			}()
			_, err := invokeAll(s, c.token, c.args)
			if assert.Error(t, err, c.token) {
				assert.Contains(t, err.Error(), "answered without", c.token)
			}
		}()
	}
	assert.Empty(t, panics, "the provider panicked on an empty AWS answer")
	// An empty identity is not remembered: the next call asks again.
	before := aws.Calls("GetCallerIdentity")
	_, err := invokeAll(s, callerIdentity, nil)
	require.Error(t, err)
	assert.Equal(t, before+1, aws.Calls("GetCallerIdentity"))
}
