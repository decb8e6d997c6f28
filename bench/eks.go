package bench

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// EKSTokenToken is the function the EKS token row measures.
const EKSTokenToken = "aws-identity:eks:getClusterAuth"

// barePresigner is what a program using aws-sdk-go-v2 directly writes for an
// EKS token: the same credentials and endpoint, the cluster header and
// X-Amz-Expires, no provider in between.
func barePresigner(endpoint string) func(ctx context.Context) error {
	client := sts.New(sts.Options{
		Region:       testenv.MotoRegion,
		Credentials:  aws.NewCredentialsCache(credentials.NewStaticCredentialsProvider(testenv.MotoAccessKey, testenv.MotoSecretKey, "")),
		BaseEndpoint: aws.String(endpoint),
	})
	presign := sts.NewPresignClient(client)
	expires := middleware.BuildMiddlewareFunc("expires", func(ctx context.Context, in middleware.BuildInput, next middleware.BuildHandler) (middleware.BuildOutput, middleware.Metadata, error) {
		if r, ok := in.Request.(*smithyhttp.Request); ok {
			q := r.URL.Query()
			q.Set("X-Amz-Expires", "60")
			r.URL.RawQuery = q.Encode()
		}
		return next.HandleBuild(ctx, in)
	})
	return func(ctx context.Context) error {
		_, err := presign.PresignGetCallerIdentity(ctx, &sts.GetCallerIdentityInput{},
			sts.WithPresignClientFromClientOptions(func(o *sts.Options) {
				o.APIOptions = append(o.APIOptions, smithyhttp.AddHeaderValue("x-k8s-aws-id", "bench"),
					func(s *middleware.Stack) error { return s.Build.Add(expires, middleware.After) })
			}))
		return err
	}
}

// tokenProvider is the provider over gRPC, configured and warmed by one token.
func (f *Fixture) tokenProvider(tb testing.TB) (*Client, func(ctx context.Context) error) {
	c := Serve(tb)
	ctx := context.Background()
	if err := c.Configure(ctx, EndpointConfig(f.Moto.Endpoint, testenv.MotoAccessKey)); err != nil {
		tb.Fatal(err)
	}
	args := resource.NewPropertyMapFromMap(map[string]any{"name": "bench"})
	invoke := func(ctx context.Context) error {
		_, err := c.Invoke(ctx, EKSTokenToken, args)
		return err
	}
	if err := invoke(ctx); err != nil {
		tb.Fatal(err)
	}
	return c, invoke
}

// EKSToken: one getClusterAuth over gRPC, credentials already resolved.
func (f *Fixture) EKSToken(b *testing.B) {
	b.StopTimer()
	c, invoke := f.tokenProvider(b)
	defer c.Close()
	b.StartTimer()
	for i := 0; i < b.N; i++ {
		if err := invoke(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// BareEKSPresign: the same presign with the bare SDK.
func (f *Fixture) BareEKSPresign(b *testing.B) {
	presign := barePresigner(f.Moto.Endpoint)
	for i := 0; i < b.N; i++ {
		if err := presign(context.Background()); err != nil {
			b.Fatal(err)
		}
	}
}

// EKSTokenSamples times n tokens and n bare presigns, interleaved call by
// call, alternating which goes first.
func (f *Fixture) EKSTokenSamples(tb testing.TB, n int) (token, bare []time.Duration, err error) {
	c, invoke := f.tokenProvider(tb)
	defer c.Close()
	presign := barePresigner(f.Moto.Endpoint)
	ctx := context.Background()
	timed := func(call func(context.Context) error, into *[]time.Duration) error {
		t0 := time.Now()
		err := call(ctx)
		*into = append(*into, time.Since(t0))
		return err
	}
	for i := range n {
		var errs [2]error
		if i%2 == 0 {
			errs[0], errs[1] = timed(invoke, &token), timed(presign, &bare)
		} else {
			errs[0], errs[1] = timed(presign, &bare), timed(invoke, &token)
		}
		if err := errors.Join(errs[:]...); err != nil {
			return nil, nil, err
		}
	}
	return token, bare, nil
}
