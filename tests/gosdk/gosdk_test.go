// Package gosdk proves the generated Go SDK (sdk/go/awsidentity) from Go: the
// Automation API runs inline programs that call the typed functions through
// the real Pulumi engine (the CLI from .tools/bin, the provider from bin/)
// against moto, and the Go examples' programs the same way.
package gosdk

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/common/tokens"
	"github.com/pulumi/pulumi/sdk/v3/go/common/workspace"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	assumerole "github.com/seed-83d379c3/pulumi-aws-identity/examples/go/assume-role/program"
	whoami "github.com/seed-83d379c3/pulumi-aws-identity/examples/go/who-am-i/program"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
	"github.com/seed-83d379c3/pulumi-aws-identity/sdk/go/awsidentity"
	"github.com/seed-83d379c3/pulumi-aws-identity/sdk/go/awsidentity/iam"
	"github.com/seed-83d379c3/pulumi-aws-identity/sdk/go/awsidentity/sts"
)

// stack is an Automation API stack of an inline program on a private file
// backend and PULUMI_HOME in the test's temporary folder.
type stack struct {
	auto.Stack
	t     *testing.T
	state string
}

// newStack creates the stack "test" of project for program. env (KEY=VALUE,
// such as Moto.Env()) is added to the CLI's environment, which the provider
// inherits.
func newStack(t *testing.T, project string, program pulumi.RunFunc, env ...string) *stack {
	t.Helper()
	root := testenv.RepoRoot(t)
	testenv.Tool(t, "pulumi")
	testenv.BuildProvider(t)

	// Root/bin/pulumi is .tools/bin/pulumi, the CLI `make tools` builds.
	cmd, err := auto.NewPulumiCommand(&auto.PulumiCommandOptions{Root: filepath.Join(root, ".tools")})
	require.NoError(t, err, "the Pulumi CLI in .tools/bin")

	tmp := t.TempDir()
	work := filepath.Join(tmp, "work")
	require.NoError(t, os.MkdirAll(work, 0o755))
	pulumiEnv, state := testenv.PulumiEnv(t, tmp)
	vars := map[string]string{}
	env = append(pulumiEnv, env...)
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		vars[k] = v
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	s, err := auto.UpsertStackInlineSource(ctx, "test", project, program,
		auto.Pulumi(cmd),
		auto.PulumiHome(filepath.Join(tmp, "home")), // as PulumiEnv's PULUMI_HOME
		auto.WorkDir(work),
		auto.EnvVars(vars),
		auto.Project(workspace.Project{
			Name:    tokens.PackageName(project),
			Runtime: workspace.NewProjectRuntimeInfo("go", nil),
			Backend: &workspace.ProjectBackend{URL: "file://" + state},
		}),
	)
	require.NoError(t, err, "create the stack")
	return &stack{Stack: s, t: t, state: state}
}

// up runs `pulumi up` and returns the outputs and what the engine printed.
func (s *stack) up() (auto.OutputMap, string) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var log bytes.Buffer
	res, err := s.Up(ctx, optup.ProgressStreams(&log), optup.ErrorProgressStreams(&log))
	require.NoError(s.t, err, "pulumi up:\n%s", log.String())
	return res.Outputs, log.String()
}

// setConfig sets a plain configuration value of the stack.
func (s *stack) setConfig(key, value string) {
	s.t.Helper()
	require.NoError(s.t, s.SetConfig(context.Background(), key, auto.ConfigValue{Value: value}))
}

// stateFiles returns the text of every file of the backend.
func (s *stack) stateFiles() string {
	s.t.Helper()
	return testenv.StateText(s.t, s.state)
}

// values returns the outputs' values, and the names of the secret ones.
func values(out auto.OutputMap) (map[string]any, []string) {
	v := map[string]any{}
	var secret []string
	for k, o := range out {
		v[k] = o.Value
		if o.Secret {
			secret = append(secret, k)
		}
	}
	return v, secret
}

// TestSDKFunctions calls every function of the SDK, in its plain and its
// output form, from one inline program.
func TestSDKFunctions(t *testing.T) {
	t.Parallel()
	moto := testenv.StartMoto(t)
	roleArn, roleID := moto.CreateRole(t, "Deployer", "/deploy/")
	const session = "arn:aws:sts::123456789012:assumed-role/Deployer/ci-42"

	s := newStack(t, "gosdk-functions", func(ctx *pulumi.Context) error {
		// Plain forms.
		me, err := awsidentity.GetCallerIdentity(ctx)
		if err != nil {
			return err
		}
		ctx.Export("callerArn", pulumi.String(me.Arn))
		ctx.Export("callerAccountId", pulumi.String(me.AccountId))
		ctx.Export("callerId", pulumi.String(me.Id))
		ctx.Export("callerPartition", pulumi.String(me.Partition))

		sc, err := iam.GetSessionContext(ctx, &iam.GetSessionContextArgs{Arn: session})
		if err != nil {
			return err
		}
		ctx.Export("plainIssuerArn", pulumi.String(sc.IssuerArn))
		ctx.Export("plainIssuerId", pulumi.String(sc.IssuerId))
		ctx.Export("plainIssuerName", pulumi.String(sc.IssuerName))
		ctx.Export("plainSessionName", pulumi.String(sc.SessionName))
		ctx.Export("plainPrincipalType", pulumi.String(sc.PrincipalType))

		// The plain form cannot carry secrets, and assumeRole's result has
		// two: the SDK refuses it and says to use the output form.
		_, plainErr := sts.AssumeRole(ctx, &sts.AssumeRoleArgs{RoleArn: roleArn})
		msg := "<no error>"
		if plainErr != nil {
			msg = plainErr.Error()
		}
		ctx.Export("plainAssumeRoleError", pulumi.String(msg))

		// Output forms, chained: getCallerIdentity → getSessionContext.
		meOut := awsidentity.GetCallerIdentityOutput(ctx)
		scOut := iam.GetSessionContextOutput(ctx, iam.GetSessionContextOutputArgs{Arn: meOut.Arn()})
		ctx.Export("outputCallerPrincipalType", scOut.PrincipalType())
		ctx.Export("outputCallerIssuerArn", scOut.IssuerArn())
		noLookup := iam.GetSessionContextOutput(ctx, iam.GetSessionContextOutputArgs{
			Arn: pulumi.String(session), LookupRole: pulumi.Bool(false),
		})
		ctx.Export("noLookupIssuerArn", noLookup.IssuerArn())
		ctx.Export("noLookupIssuerId", noLookup.IssuerId())

		ar := sts.AssumeRoleOutput(ctx, sts.AssumeRoleOutputArgs{
			RoleArn:         pulumi.String(roleArn),
			RoleSessionName: pulumi.String("sdk-test"),
			DurationSeconds: pulumi.Int(900),
		})
		creds := ar.Credentials()
		ctx.Export("assumedRoleArn", ar.AssumedRoleUser().Arn())
		ctx.Export("accessKeyId", creds.AccessKeyId())
		ctx.Export("secretAccessKey", creds.SecretAccessKey())
		ctx.Export("sessionToken", creds.SessionToken())
		ctx.Export("shownAccessKeyId", pulumi.Unsecret(creds.AccessKeyId()))

		// Act as the role through an explicit provider.
		asRole, err := awsidentity.NewProvider(ctx, "as-role", &awsidentity.ProviderArgs{
			AccessKey: creds.AccessKeyId(),
			SecretKey: creds.SecretAccessKey(),
			Token:     creds.SessionToken(),
		})
		if err != nil {
			return err
		}
		ctx.Export("callerArnAsRole", awsidentity.GetCallerIdentityOutput(ctx, pulumi.Provider(asRole)).Arn())
		return nil
	}, moto.Env()...)
	out, log := s.up()
	got, _ := values(out)

	assert.Equal(t, "arn:aws:sts::123456789012:user/moto", got["callerArn"])
	assert.Equal(t, "123456789012", got["callerAccountId"])
	assert.Equal(t, "123456789012", got["callerId"])
	assert.Equal(t, "aws", got["callerPartition"])

	assert.Equal(t, roleArn, got["plainIssuerArn"], "the role's path comes from iam:GetRole")
	assert.Equal(t, "arn:aws:iam::123456789012:role/deploy/Deployer", got["plainIssuerArn"])
	assert.Equal(t, roleID, got["plainIssuerId"])
	assert.Equal(t, "Deployer", got["plainIssuerName"])
	assert.Equal(t, "ci-42", got["plainSessionName"])
	assert.Equal(t, "assumed-role", got["plainPrincipalType"])

	assert.Contains(t, got["plainAssumeRoleError"], "unexpected secret result returned to invoke call")

	assert.Equal(t, "other", got["outputCallerPrincipalType"])
	assert.Equal(t, "arn:aws:sts::123456789012:user/moto", got["outputCallerIssuerArn"])
	assert.Equal(t, "arn:aws:iam::123456789012:role/Deployer", got["noLookupIssuerArn"], "no lookup, no path")
	assert.Equal(t, "", got["noLookupIssuerId"])

	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/sdk-test", got["assumedRoleArn"])
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/sdk-test", got["callerArnAsRole"],
		"the explicit provider acts as the role")
	assert.Regexp(t, `^[A-Z0-9]{16,}$`, got["accessKeyId"])
	assert.Equal(t, got["accessKeyId"], got["shownAccessKeyId"])

	// The secret fields are secret. Go's SDK marks the whole result of an
	// output-form invoke secret when any field of it is, so accessKeyId taken
	// from it is secret too until the program unsecrets it.
	for k, want := range map[string]bool{
		"secretAccessKey":  true,
		"sessionToken":     true,
		"accessKeyId":      true,
		"assumedRoleArn":   true,
		"shownAccessKeyId": false,
		"callerArnAsRole":  false,
		"callerArn":        false,
	} {
		assert.Equal(t, want, out[k].Secret, "is %s secret", k)
	}
	state := s.stateFiles()
	for _, k := range []string{"secretAccessKey", "sessionToken"} {
		secret, _ := got[k].(string)
		require.Greater(t, len(secret), 10, k)
		assert.NotContains(t, state, secret, "%s is in the state as plain text", k)
		assert.NotContains(t, log, secret, "%s is in the output of pulumi up", k)
	}
}

func TestExampleWhoAmI(t *testing.T) {
	t.Parallel()
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "ci-runner", "/runners/")

	t.Run("as a user", func(t *testing.T) {
		t.Parallel()
		out, _ := newStack(t, "who-am-i", whoami.Run, moto.Env()...).up()
		got, secret := values(out)
		assert.Equal(t, map[string]any{
			"accountId":     "123456789012",
			"callerArn":     "arn:aws:sts::123456789012:user/moto",
			"principalType": "other",
			"issuerArn":     "arn:aws:sts::123456789012:user/moto",
			"sessionName":   "",
		}, got)
		assert.Empty(t, secret)
	})
	t.Run("as an assumed role", func(t *testing.T) {
		t.Parallel()
		out, _ := newStack(t, "who-am-i", whoami.Run, moto.SessionEnv(t, roleArn, "build-7")...).up()
		got, secret := values(out)
		assert.Equal(t, map[string]any{
			"accountId":     "123456789012",
			"callerArn":     "arn:aws:sts::123456789012:assumed-role/ci-runner/build-7",
			"principalType": "assumed-role",
			"issuerArn":     "arn:aws:iam::123456789012:role/runners/ci-runner",
			"sessionName":   "build-7",
		}, got)
		assert.Empty(t, secret)
	})
}

func TestExampleAssumeRole(t *testing.T) {
	t.Parallel()
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "Deployer", "/deploy/")
	s := newStack(t, "assume-role", assumerole.Run, moto.Env()...)
	s.setConfig("roleArn", roleArn)
	s.setConfig("roleSessionName", "release-1")
	out, log := s.up()
	got, secret := values(out)

	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/release-1", got["assumedRoleArn"])
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/release-1", got["callerArnAsRole"],
		"the explicit provider acts as the role")
	assert.Regexp(t, `^[A-Z0-9]{16,}$`, got["accessKeyId"])
	assert.Regexp(t, `^\d{4}-\d\d-\d\dT`, got["expiration"])
	assert.ElementsMatch(t, []string{"secretAccessKey", "sessionToken"}, secret,
		"only the two secret fields are secret")

	state := s.stateFiles()
	for _, k := range []string{"secretAccessKey", "sessionToken"} {
		v, _ := got[k].(string)
		require.Greater(t, len(v), 10, k)
		assert.NotContains(t, state, v, "%s is in the state as plain text", k)
		assert.NotContains(t, log, v, "%s is in the output of pulumi up", k)
	}
	assert.Contains(t, state, `"ciphertext":`, "the state holds encrypted secrets")
}
