// Package bench measures the aws-identity provider against baselines taken in
// the same run: invoke overhead against a bare AWS SDK call to the same moto
// endpoint, the cache, the API calls that reach AWS, cold start against a
// minimal pulumi-go-provider provider (bench/minimal), a whole `pulumi
// preview`, peak memory and binary size.
//
// Nothing here asserts a time: the machines are noisy. Times are reported as
// ratios against a baseline measured in the same run, interleaved. Only the
// call counts (TestCallEconomy) are asserted, because they are exact.
//
// The table:
//
//	go test ./bench -run '^TestTable$' -count=1 -timeout 20m -args -table
package bench

import (
	"context"
	"fmt"
	"testing"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/plugin"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/seed-83d379c3/pulumi-aws-identity/bench/minimal/echo"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/version"
)

// Function tokens.
const (
	SessionContext = "aws-identity:iam:getSessionContext"
	CallerIdentity = "aws-identity:index:getCallerIdentity"
	Credentials    = "aws-identity:index:getCredentials"
	EchoToken      = "minimal:index:echo"
)

// Client talks to a provider over a real gRPC connection, as the engine does.
type Client struct {
	conn *grpc.ClientConn
	RPC  pulumirpc.ResourceProviderClient
	stop func()
}

// Dial connects to a provider listening on 127.0.0.1:port.
func Dial(port int) (*Client, error) {
	conn, err := grpc.NewClient(fmt.Sprintf("127.0.0.1:%d", port),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		return nil, err
	}
	return &Client{conn: conn, RPC: pulumirpc.NewResourceProviderClient(conn)}, nil
}

// Close closes the connection and stops the server if it is in-process.
func (c *Client) Close() {
	_ = c.conn.Close()
	if c.stop != nil {
		c.stop()
	}
}

// Serve runs the aws-identity provider in this process behind the same gRPC
// server the provider binary runs (pulumi-go-provider's RawServer, registered
// by rpcutil.ServeWithOptions with the same interceptors as
// provider.MainContext), on a loopback port, and connects to it over TCP.
// Each call makes a new provider, so a new session with empty caches.
func Serve(tb testing.TB) *Client {
	tb.Helper()
	prov, err := provider.New()
	if err != nil {
		tb.Fatalf("provider.New: %v", err)
	}
	return serveProvider(tb, provider.Name, version.Version, prov)
}

// ServeMinimal is Serve for the minimal provider (bench/minimal/echo).
func ServeMinimal(tb testing.TB) *Client {
	tb.Helper()
	prov, err := echo.New()
	if err != nil {
		tb.Fatalf("echo.New: %v", err)
	}
	return serveProvider(tb, echo.Name, echo.Version, prov)
}

func serveProvider(tb testing.TB, name, ver string, prov p.Provider) *Client {
	srv, err := p.RawServer(name, ver, prov)(nil)
	if err != nil {
		tb.Fatalf("RawServer: %v", err)
	}
	cancel := make(chan bool)
	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancel,
		Init: func(s *grpc.Server) error {
			pulumirpc.RegisterResourceProviderServer(s, srv)
			return nil
		},
		Options: rpcutil.OpenTracingServerInterceptorOptions(nil),
	})
	if err != nil {
		tb.Fatalf("serve: %v", err)
	}
	c, err := Dial(handle.Port)
	if err != nil {
		tb.Fatalf("dial: %v", err)
	}
	c.stop = func() {
		close(cancel)
		if err := <-handle.Done; err != nil {
			tb.Logf("gRPC server stopped with: %v", err)
		}
	}
	return c
}

// EndpointConfig is the provider configuration for static test credentials
// and one endpoint for both STS and IAM.
func EndpointConfig(endpoint, accessKey string) resource.PropertyMap {
	return resource.NewPropertyMapFromMap(map[string]any{
		"region":    "us-east-1",
		"accessKey": accessKey,
		"secretKey": "testing",
		"endpoints": map[string]any{"sts": endpoint, "iam": endpoint},
	})
}

var marshal = plugin.MarshalOptions{KeepSecrets: true, KeepUnknowns: true}

// Configure sends Configure, as the engine does once per provider.
func (c *Client) Configure(ctx context.Context, cfg resource.PropertyMap) error {
	args, err := plugin.MarshalProperties(cfg, marshal)
	if err != nil {
		return err
	}
	_, err = c.RPC.Configure(ctx, &pulumirpc.ConfigureRequest{
		Args: args, AcceptSecrets: true, AcceptResources: true,
	})
	return err
}

// Invoke calls a function and returns its outputs; check failures are errors.
func (c *Client) Invoke(ctx context.Context, tok string, args resource.PropertyMap) (resource.PropertyMap, error) {
	s, err := plugin.MarshalProperties(args, marshal)
	if err != nil {
		return nil, err
	}
	resp, err := c.RPC.Invoke(ctx, &pulumirpc.InvokeRequest{Tok: tok, Args: s})
	if err != nil {
		return nil, err
	}
	if len(resp.GetFailures()) > 0 {
		return nil, fmt.Errorf("%s: check failures: %v", tok, resp.GetFailures())
	}
	return plugin.UnmarshalProperties(resp.GetReturn(), marshal)
}

// PluginInfo calls GetPluginInfo, the first call the engine makes.
func (c *Client) PluginInfo(ctx context.Context) error {
	_, err := c.RPC.GetPluginInfo(ctx, &emptypb.Empty{})
	return err
}

// Schema calls GetSchema and returns the schema's size in bytes.
func (c *Client) Schema(ctx context.Context) (int, error) {
	resp, err := c.RPC.GetSchema(ctx, &pulumirpc.GetSchemaRequest{})
	if err != nil {
		return 0, err
	}
	return len(resp.GetSchema()), nil
}

// SessionArgs are getSessionContext's arguments for an assumed-role session
// of role in the moto account.
func SessionArgs(role, session string) resource.PropertyMap {
	return resource.NewPropertyMapFromMap(map[string]any{
		"arn": SessionARN(role, session),
	})
}

// SessionARN is the STS ARN of a session of role in the moto account.
func SessionARN(role, session string) string {
	return "arn:aws:sts::123456789012:assumed-role/" + role + "/" + session
}
