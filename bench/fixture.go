package bench

import (
	"context"
	"fmt"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// Isolate keeps the developer's own AWS set-up out of this process: the
// provider under test and the bare SDK client read the same clean
// environment.
func Isolate() {
	for k, v := range map[string]string{
		"AWS_PROFILE": "", "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_SESSION_TOKEN": "",
		"AWS_CONFIG_FILE": os.DevNull, "AWS_SHARED_CREDENTIALS_FILE": os.DevNull,
		"AWS_EC2_METADATA_DISABLED": "true", "AWS_ENDPOINT_URL": "", "AWS_ENDPOINT_URL_STS": "",
		"AWS_ENDPOINT_URL_IAM": "", "AWS_REGION": "", "AWS_DEFAULT_REGION": "", "AWS_MAX_ATTEMPTS": "",
	} {
		_ = os.Setenv(k, v)
	}
}

// Fixture is one moto server with Roles created in it, shared by the
// benchmarks of one test binary.
type Fixture struct {
	Moto  *testenv.Moto
	Roles []string // role names, all in moto's account

	bare *iam.Client

	chainOnce sync.Once
	chainARNs [2]string // the roles of the chain benchmarks, created once
}

// NumRoles is how many roles the fixture creates: enough for a run of
// uncached lookups between two fresh providers, few enough that moto's
// GetRole (a scan over its roles) stays as fast as with a handful.
const NumRoles = 100

// NewFixture starts moto and creates n roles, with paths, so that an answer
// with the right path proves the lookup happened.
func NewFixture(tb testing.TB, n int) *Fixture {
	tb.Helper()
	f := &Fixture{Moto: testenv.StartMoto(tb)}
	for i := range n {
		name := fmt.Sprintf("bench-role-%03d", i)
		f.Moto.CreateRole(tb, name, "/bench/path/")
		f.Roles = append(f.Roles, name)
	}
	// The baseline: what a program using aws-sdk-go-v2 directly would
	// write, with the same static credentials and endpoint.
	cfg, err := awsconfig.LoadDefaultConfig(context.Background(),
		awsconfig.WithRegion(testenv.MotoRegion),
		awsconfig.WithCredentialsProvider(credentials.NewStaticCredentialsProvider(
			testenv.MotoAccessKey, testenv.MotoSecretKey, "")))
	if err != nil {
		tb.Fatalf("aws config: %v", err)
	}
	f.bare = iam.NewFromConfig(cfg, func(o *iam.Options) { o.BaseEndpoint = aws.String(f.Moto.Endpoint) })
	return f
}

// BareGetRoleCall is the baseline: one aws-sdk-go-v2 iam:GetRole call to moto.
func (f *Fixture) BareGetRoleCall(ctx context.Context, role string) error {
	out, err := f.bare.GetRole(ctx, &iam.GetRoleInput{RoleName: aws.String(role)})
	if err == nil && aws.ToString(out.Role.RoleName) != role {
		err = fmt.Errorf("GetRole %s answered %s", role, aws.ToString(out.Role.RoleName))
	}
	return err
}

// Provider serves a fresh provider in-process over gRPC, configured for moto
// at endpoint (moto's own, or a counting proxy's).
func (f *Fixture) Provider(tb testing.TB, endpoint string) *Client {
	tb.Helper()
	c := Serve(tb)
	if err := c.Configure(context.Background(), EndpointConfig(endpoint, testenv.MotoAccessKey)); err != nil {
		c.Close()
		tb.Fatalf("configure: %v", err)
	}
	return c
}

// LookUp invokes getSessionContext for a session of role and checks that the
// answer carries the role's path, so that it was looked up.
func LookUp(ctx context.Context, c *Client, role, session string) error {
	out, err := c.Invoke(ctx, SessionContext, SessionArgs(role, session))
	if err != nil {
		return err
	}
	want := "arn:aws:iam::123456789012:role/bench/path/" + role
	if got := out["issuerArn"]; !got.IsString() || got.StringValue() != want {
		return fmt.Errorf("getSessionContext %s: issuerArn %v, want %s", role, got, want)
	}
	return nil
}

// RoleProvider serves a fresh provider configured to act as f.Roles[0]
// through its assumeRole block: its credentials come from one AssumeRole,
// then from the cache until they are due for refresh.
func (f *Fixture) RoleProvider(tb testing.TB, endpoint string) *Client {
	tb.Helper()
	c := Serve(tb)
	cfg := EndpointConfig(endpoint, testenv.MotoAccessKey)
	cfg["assumeRole"] = resource.NewObjectProperty(resource.NewPropertyMapFromMap(map[string]any{
		"roleArn": "arn:aws:iam::123456789012:role/bench/path/" + f.Roles[0],
	}))
	if err := c.Configure(context.Background(), cfg); err != nil {
		c.Close()
		tb.Fatalf("configure: %v", err)
	}
	return c
}

// GetCredentials invokes getCredentials and checks that the answer is the
// role's temporary credentials, the secret parts marked secret.
func GetCredentials(ctx context.Context, c *Client) error {
	out, err := c.Invoke(ctx, Credentials, resource.PropertyMap{})
	if err != nil {
		return err
	}
	key, secret := out["accessKeyId"], out["secretAccessKey"]
	if !key.IsString() || !strings.HasPrefix(key.StringValue(), "ASIA") || !secret.IsSecret() {
		return fmt.Errorf("getCredentials answered %v", out)
	}
	return nil
}
