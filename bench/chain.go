package bench

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// The two roles of the chain, created in moto by ChainFirstCalls.
var chainRoles = [2]string{"bench-chain-one", "bench-chain-two"}

// chainCalls are the two ways of making the first call through a two-role
// chain, each returning how long the call took: getCallerIdentity of a
// freshly configured provider whose assumeRoles holds both roles (2
// AssumeRole and 1 GetCallerIdentity; serving and Configure are not timed),
// and the same three calls made with aws-sdk-go-v2's own stscreds chain, the
// baseline. Each answer is checked to be the second role's.
func (f *Fixture) chainCalls(tb testing.TB) (viaProvider, viaSDK func() (time.Duration, error)) {
	ctx := context.Background()
	f.chainOnce.Do(func() {
		for i, r := range chainRoles {
			f.chainARNs[i], _ = f.Moto.CreateRole(tb, r, "/")
		}
	})
	arns := f.chainARNs
	want := "arn:aws:sts::123456789012:assumed-role/" + chainRoles[1] + "/bench"
	cfg := EndpointConfig(f.Moto.Endpoint, testenv.MotoAccessKey)
	cfg["assumeRoles"] = resource.NewArrayProperty([]resource.PropertyValue{
		resource.NewObjectProperty(resource.NewPropertyMapFromMap(map[string]any{"roleArn": arns[0], "roleSessionName": "bench"})),
		resource.NewObjectProperty(resource.NewPropertyMapFromMap(map[string]any{"roleArn": arns[1], "roleSessionName": "bench"})),
	})
	viaProvider = func() (time.Duration, error) {
		p := Serve(tb)
		defer p.Close()
		if err := p.Configure(ctx, cfg); err != nil {
			return 0, err
		}
		start := time.Now()
		out, err := p.Invoke(ctx, CallerIdentity, resource.PropertyMap{})
		d := time.Since(start)
		if err == nil && out["arn"].StringValue() != want {
			err = fmt.Errorf("provider chain answered %v", out["arn"])
		}
		return d, err
	}
	viaSDK = func() (time.Duration, error) {
		start := time.Now()
		base := aws.Config{Region: testenv.MotoRegion, BaseEndpoint: aws.String(f.Moto.Endpoint),
			Credentials: credentials.NewStaticCredentialsProvider(testenv.MotoAccessKey, testenv.MotoSecretKey, "")}
		for _, a := range arns {
			hop := base.Copy()
			hop.Credentials = aws.NewCredentialsCache(stscreds.NewAssumeRoleProvider(sts.NewFromConfig(base), a,
				func(o *stscreds.AssumeRoleOptions) { o.RoleSessionName = "bench" }))
			base = hop
		}
		out, err := sts.NewFromConfig(base).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
		d := time.Since(start)
		if err == nil && aws.ToString(out.Arn) != want {
			err = fmt.Errorf("SDK chain answered %s", aws.ToString(out.Arn))
		}
		return d, err
	}
	return viaProvider, viaSDK
}

// ChainFirstCall: the provider's first call through a two-role chain, under
// Go's harness (for pprof: serving and Configure are in the profile too, so
// focus it on the invoke).
func (f *Fixture) ChainFirstCall(b *testing.B) {
	viaProvider, _ := f.chainCalls(b)
	timeChain(b, viaProvider)
}

// BareChainFirstCall: the same three calls through aws-sdk-go-v2's own
// stscreds chain, the baseline.
func (f *Fixture) BareChainFirstCall(b *testing.B) {
	_, viaSDK := f.chainCalls(b)
	timeChain(b, viaSDK)
}

func timeChain(b *testing.B, call func() (time.Duration, error)) {
	var total time.Duration
	b.ResetTimer()
	b.StopTimer()
	for range b.N {
		d, err := call()
		if err != nil {
			b.Fatal(err)
		}
		total += d
	}
	b.ReportMetric(float64(total.Nanoseconds())/float64(b.N), "invoke-ns/op")
}

// ChainFirstCalls times, interleaved call by call, n first calls of each
// kind of chainCalls.
func (f *Fixture) ChainFirstCalls(tb testing.TB, n int) (chain, bare []time.Duration, err error) {
	viaProvider, viaSDK := f.chainCalls(tb)
	for i := range n {
		order := []func() (time.Duration, error){viaProvider, viaSDK}
		if i%2 == 1 {
			order[0], order[1] = order[1], order[0]
		}
		for j, run := range order {
			d, err := run()
			if err != nil {
				return nil, nil, err
			}
			if (j == 0) == (i%2 == 0) {
				chain = append(chain, d)
			} else {
				bare = append(bare, d)
			}
		}
	}
	return chain, bare, nil
}
