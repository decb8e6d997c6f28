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

// ChainFirstCalls times, interleaved call by call, n first calls through a
// two-role chain: getCallerIdentity of a freshly configured provider whose
// assumeRoles holds both roles (2 AssumeRole and 1 GetCallerIdentity), and
// the same three calls made with aws-sdk-go-v2's own stscreds chain, the
// baseline. Each answer is checked to be the second role's.
func (f *Fixture) ChainFirstCalls(tb testing.TB, n int) (chain, bare []time.Duration, err error) {
	ctx := context.Background()
	var arns [2]string
	for i, r := range chainRoles {
		arns[i], _ = f.Moto.CreateRole(tb, r, "/")
	}
	want := "arn:aws:sts::123456789012:assumed-role/" + chainRoles[1] + "/bench"
	cfg := EndpointConfig(f.Moto.Endpoint, testenv.MotoAccessKey)
	cfg["assumeRoles"] = resource.NewArrayProperty([]resource.PropertyValue{
		resource.NewObjectProperty(resource.NewPropertyMapFromMap(map[string]any{"roleArn": arns[0], "roleSessionName": "bench"})),
		resource.NewObjectProperty(resource.NewPropertyMapFromMap(map[string]any{"roleArn": arns[1], "roleSessionName": "bench"})),
	})
	viaProvider := func() (time.Duration, error) {
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
	viaSDK := func() (time.Duration, error) {
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
