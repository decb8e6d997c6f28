package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/blang/semver"
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/integration"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/awsfault"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/version"
)

const boom = "aws-identity:index:boom"

// panicky is the real provider with one more function, boom, that panics
// the way a bug would (an index out of range on a blank value); every other
// call is the provider's own.
func panicky(t *testing.T) p.Provider {
	prov, err := New()
	require.NoError(t, err)
	invoke := prov.Invoke
	prov.Invoke = func(ctx context.Context, req p.InvokeRequest) (p.InvokeResponse, error) {
		if string(req.Token) == boom {
			words := strings.Fields(req.Args.Get("command").AsString())
			_ = words[0]
		}
		return invoke(ctx, req)
	}
	configure := prov.Configure
	prov.Configure = func(ctx context.Context, req p.ConfigureRequest) error {
		if req.Args.Get("profile").IsString() && req.Args.Get("profile").AsString() == "boom" {
			var m map[string]int
			m["c4nArY"]++ //nolint:staticcheck // a real runtime panic, not panic(value), is what is tested
		}
		return configure(ctx, req)
	}
	return prov
}

// A panic in an invoke answers that invoke with an error naming the
// function, and the plugin goes on: the next call in the same process answers.
func TestPanicInInvokeIsAnErrorAndThePluginServesOn(t *testing.T) {
	t.Setenv("AWS_EC2_METADATA_DISABLED", "true")
	fake := awsfault.Start(t)
	s, err := integration.NewServer(context.Background(), Name, semver.MustParse(version.Version),
		integration.WithProvider(withRecover(panicky(t))))
	require.NoError(t, err)
	require.NoError(t, s.Configure(p.ConfigureRequest{Args: property.NewMap(map[string]property.Value{
		"region":    property.New("us-east-1"),
		"accessKey": property.New("AKIAFAULTTEST0000001"),
		"secretKey": property.New("c4nArYsecretKey/00000000000000000000000").WithSecret(true),
		"endpoints": property.New(map[string]property.Value{"sts": property.New(fake.URL)}),
	})}))

	_, err = s.Invoke(p.InvokeRequest{Token: tokens.Type(boom), Args: property.NewMap(map[string]property.Value{
		"command": property.New(" ")})})
	require.Error(t, err)
	msg := err.Error()
	assert.Contains(t, msg, "boom failed: the provider met an internal error in provider.panicky.func1 (recover_test.go:")
	assert.Contains(t, msg, "(runtime error: index out of range [0] with length 0). This is a bug in "+
		"pulumi-resource-aws-identity: please report it with this message; the provider goes on serving other calls")
	assert.NotContains(t, msg, "goroutine", "no stack trace")
	assert.NotContains(t, msg, "c4nArY")

	resp, err := s.Invoke(p.InvokeRequest{Token: "aws-identity:index:getCallerIdentity"})
	require.NoError(t, err, "the second call answers")
	assert.Equal(t, awsfault.Account, resp.Return.Get("accountId").AsString())
}

func TestPanicInConfigureIsAnError(t *testing.T) {
	s, err := integration.NewServer(context.Background(), Name, semver.MustParse(version.Version),
		integration.WithProvider(withRecover(panicky(t))))
	require.NoError(t, err)
	err = s.Configure(p.ConfigureRequest{Args: property.NewMap(map[string]property.Value{
		"profile": property.New("boom")})})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "the provider configuration failed: the provider met an internal error in "+
		"provider.panicky.func2 (recover_test.go:")
	assert.Contains(t, err.Error(), "(assignment to entry in nil map)")
	// The engine calls Configure again with good settings; the plugin is alive.
	require.NoError(t, s.Configure(p.ConfigureRequest{Args: property.NewMap(map[string]property.Value{
		"region": property.New("us-east-1")})}))
}

// What the panic says is redacted like any other text the provider did not write.
func TestPanicMessageIsRedacted(t *testing.T) {
	err := panicError("getCredentials", "bad answer {\"SecretAccessKey\": \"c4nArYsecret\"}")
	assert.NotContains(t, err.Error(), "c4nArY")
	assert.Contains(t, err.Error(), "getCredentials failed: the provider met an internal error")
}

func TestFunctionName(t *testing.T) {
	assert.Equal(t, "getCredentials", function("aws-identity:index:getCredentials"))
	assert.Equal(t, "x", function("x"))
}
