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
	awssdkclient "github.com/seed-83d379c3/pulumi-aws-identity/examples/go/aws-sdk-client/program"
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

// setSecret sets a secret configuration value of the stack.
func (s *stack) setSecret(key, value string) {
	s.t.Helper()
	require.NoError(s.t, s.SetConfig(context.Background(), key, auto.ConfigValue{Value: value, Secret: true}))
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

// Recognizable values; moto accepts any key and any web identity token.
const (
	configKey        = "AKIAGODEFAULTKEY0001"
	configSecret     = "goDefaultSecretKey/00000000000000000000"
	configToken      = "goDefaultSessionToken/0000000000000000000000"
	otherKey         = "AKIAGOEXPLICITKEY001"
	otherSecret      = "goExplicitSecretKey/0000000000000000000"
	webIdentityToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJnbyJ9.goWebIdentityTokenSignature"
)

// expiresIn returns how long from now an RFC 3339 time is.
func expiresIn(t *testing.T, v any) time.Duration {
	t.Helper()
	s, _ := v.(string)
	at, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err, "expiration %q", s)
	return time.Until(at)
}

// TestSDKCredentialFunctions calls getCredentials, getSessionToken,
// assumeRoleWithWebIdentity and getAccessKeyInfo from one inline program.
func TestSDKCredentialFunctions(t *testing.T) {
	t.Parallel()
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "go-oidc", "/oidc/")
	auditedKeyID := moto.CreateAccessKey(t, "111111111111", "auditor")
	const session = "arn:aws:sts::123456789012:assumed-role/go-oidc/go-web"

	s := newStack(t, "gosdk-credential-functions", func(ctx *pulumi.Context) error {
		// getCredentials: the default provider's and an explicit provider's.
		// The plain form refuses a result with secrets in it.
		creds := awsidentity.GetCredentialsOutput(ctx)
		ctx.Export("credsAccessKeyId", creds.AccessKeyId())
		ctx.Export("credsSecretAccessKey", creds.SecretAccessKey())
		ctx.Export("credsSessionToken", creds.SessionToken())
		ctx.Export("credsExpiration", creds.Expiration())
		ctx.Export("credsSource", creds.Source())
		_, plainErr := awsidentity.GetCredentials(ctx)
		msg := "<no error>"
		if plainErr != nil {
			msg = plainErr.Error()
		}
		ctx.Export("plainGetCredentialsError", pulumi.String(msg))
		other, err := awsidentity.NewProvider(ctx, "other", &awsidentity.ProviderArgs{
			AccessKey: pulumi.String(otherKey),
			SecretKey: pulumi.ToSecret(pulumi.String(otherSecret)).(pulumi.StringOutput),
		})
		if err != nil {
			return err
		}
		otherCreds := awsidentity.GetCredentialsOutput(ctx, pulumi.Provider(other))
		ctx.Export("otherAccessKeyId", otherCreds.AccessKeyId())
		ctx.Export("otherSecretAccessKey", otherCreds.SecretAccessKey())
		ctx.Export("otherSessionToken", otherCreds.SessionToken())

		// getSessionToken, and getCallerIdentity with its credentials.
		mfa := sts.GetSessionTokenOutput(ctx, sts.GetSessionTokenOutputArgs{
			SerialNumber:    pulumi.String("arn:aws:iam::123456789012:mfa/go"),
			TokenCode:       pulumi.String("123456"),
			DurationSeconds: pulumi.Int(900),
		})
		ctx.Export("mfaAccessKeyId", mfa.Credentials().AccessKeyId())
		ctx.Export("mfaSecretAccessKey", mfa.Credentials().SecretAccessKey())
		ctx.Export("mfaSessionToken", mfa.Credentials().SessionToken())
		ctx.Export("mfaExpiration", mfa.Expiration())
		ctx.Export("mfaCredentialsExpiration", mfa.Credentials().Expiration())
		withMfa, err := awsidentity.NewProvider(ctx, "with-mfa", &awsidentity.ProviderArgs{
			AccessKey: mfa.Credentials().AccessKeyId(),
			SecretKey: mfa.Credentials().SecretAccessKey(),
			Token:     mfa.Credentials().SessionToken(),
		})
		if err != nil {
			return err
		}
		ctx.Export("callerArnWithMfa", awsidentity.GetCallerIdentityOutput(ctx, pulumi.Provider(withMfa)).Arn())

		// assumeRoleWithWebIdentity with a secret token, and
		// getCallerIdentity with its credentials.
		web := sts.AssumeRoleWithWebIdentityOutput(ctx, sts.AssumeRoleWithWebIdentityOutputArgs{
			RoleArn:          pulumi.String(roleArn),
			RoleSessionName:  pulumi.String("go-web"),
			WebIdentityToken: pulumi.ToSecret(pulumi.String(webIdentityToken)).(pulumi.StringOutput),
			DurationSeconds:  pulumi.Int(900),
		})
		ctx.Export("webAssumedRoleArn", web.AssumedRoleUser().Arn())
		ctx.Export("webAssumedRoleId", web.AssumedRoleUser().AssumedRoleId())
		ctx.Export("webAccessKeyId", web.Credentials().AccessKeyId())
		ctx.Export("webSecretAccessKey", web.Credentials().SecretAccessKey())
		ctx.Export("webSessionToken", web.Credentials().SessionToken())
		ctx.Export("webExpiration", web.Credentials().Expiration())
		ctx.Export("webPackedPolicySize", web.PackedPolicySize())
		ctx.Export("webSubject", web.SubjectFromWebIdentityToken())
		ctx.Export("webAudience", web.Audience())
		ctx.Export("webProvider", web.Provider())
		ctx.Export("webSourceIdentity", web.SourceIdentity())
		asWeb, err := awsidentity.NewProvider(ctx, "as-web", &awsidentity.ProviderArgs{
			AccessKey: web.Credentials().AccessKeyId(),
			SecretKey: web.Credentials().SecretAccessKey(),
			Token:     web.Credentials().SessionToken(),
		})
		if err != nil {
			return err
		}
		ctx.Export("callerArnAsWeb", awsidentity.GetCallerIdentityOutput(ctx, pulumi.Provider(asWeb)).Arn())

		// getAccessKeyInfo: no secrets, so the plain form works too.
		owner, err := sts.GetAccessKeyInfo(ctx, &sts.GetAccessKeyInfoArgs{AccessKeyId: auditedKeyID})
		if err != nil {
			return err
		}
		ctx.Export("ownerAccount", pulumi.String(owner.Account))
		ctx.Export("unknownOwnerAccount", sts.GetAccessKeyInfoOutput(ctx, sts.GetAccessKeyInfoOutputArgs{
			AccessKeyId: pulumi.String("AKIAUNKNOWNKEY000001"),
		}).Account())
		return nil
	}, moto.Env()...)
	s.setConfig("aws-identity:accessKey", configKey)
	s.setSecret("aws-identity:secretKey", configSecret)
	s.setSecret("aws-identity:token", configToken)
	out, log := s.up()
	got, _ := values(out)

	// getCredentials: the configured credentials; an explicit provider's own.
	assert.Equal(t, configKey, got["credsAccessKeyId"])
	assert.Equal(t, configSecret, got["credsSecretAccessKey"])
	assert.Equal(t, configToken, got["credsSessionToken"])
	assert.Equal(t, "", got["credsExpiration"], "static keys do not expire")
	assert.Equal(t, "the provider's accessKey and secretKey", got["credsSource"])
	assert.Contains(t, got["plainGetCredentialsError"], "unexpected secret result returned to invoke call")
	assert.Equal(t, otherKey, got["otherAccessKeyId"])
	assert.Equal(t, otherSecret, got["otherSecretAccessKey"])
	assert.Equal(t, "", got["otherSessionToken"], "long-term keys have no session token")

	// getSessionToken: moto's credentials, which moto accepts (it tracks no
	// session-token keys, so it names its default user).
	assert.Equal(t, "AKIAIOSFODNN7EXAMPLE", got["mfaAccessKeyId"])
	left := expiresIn(t, got["mfaExpiration"])
	assert.True(t, left > 10*time.Minute && left <= 16*time.Minute, "expiration %v is ~900 s away", got["mfaExpiration"])
	assert.Equal(t, got["mfaExpiration"], got["mfaCredentialsExpiration"])
	assert.Equal(t, "arn:aws:sts::123456789012:user/moto", got["callerArnWithMfa"])

	// assumeRoleWithWebIdentity: a session of the role, which moto knows.
	assert.Equal(t, session, got["webAssumedRoleArn"])
	assert.Equal(t, "ARO123EXAMPLE123:go-web", got["webAssumedRoleId"])
	assert.Equal(t, session, got["callerArnAsWeb"], "the explicit provider acts as the role")
	assert.Regexp(t, `^ASIA[A-Z0-9]{16}$`, got["webAccessKeyId"])
	left = expiresIn(t, got["webExpiration"])
	assert.True(t, left > 10*time.Minute && left <= 16*time.Minute, "expiration %v is ~900 s away", got["webExpiration"])
	assert.Equal(t, float64(6), got["webPackedPolicySize"])
	// moto answers without these; AWS fills them in from the token.
	for _, k := range []string{"webSubject", "webAudience", "webProvider", "webSourceIdentity"} {
		assert.Equal(t, "", got[k], k)
	}

	// getAccessKeyInfo: the account that owns the key; moto's own account
	// for a key it does not know.
	assert.Equal(t, "111111111111", got["ownerAccount"])
	assert.Equal(t, "123456789012", got["unknownOwnerAccount"])

	// Secrets. Go's SDK makes an output-form invoke's whole result secret
	// when any field is.
	for _, k := range []string{"credsSecretAccessKey", "credsSessionToken", "credsAccessKeyId", "credsSource",
		"otherSecretAccessKey", "mfaSecretAccessKey", "mfaSessionToken", "mfaAccessKeyId",
		"webSecretAccessKey", "webSessionToken", "webAssumedRoleArn"} {
		assert.True(t, out[k].Secret, "%s is secret", k)
	}
	for _, k := range []string{"callerArnWithMfa", "callerArnAsWeb", "ownerAccount", "unknownOwnerAccount"} {
		assert.False(t, out[k].Secret, "%s is not secret", k)
	}
	state := s.stateFiles()
	secrets := map[string]string{"webIdentityToken": webIdentityToken, "otherSecret": otherSecret,
		"configSecret": configSecret, "configToken": configToken}
	for _, k := range []string{"mfaSecretAccessKey", "mfaSessionToken", "webSecretAccessKey", "webSessionToken"} {
		secrets[k], _ = got[k].(string)
	}
	for k, v := range secrets {
		require.Greater(t, len(v), 20, k)
		assert.NotContains(t, state, v, "%s is in the state as plain text", k)
		assert.NotContains(t, log, v, "%s is in the output of pulumi up", k)
	}
}

// TestExampleAWSSDKClient runs the aws-sdk-client example. It is not
// parallel: the example's AWS SDK client runs in this process and takes its
// endpoint and region from this process's environment, as a program's does.
func TestExampleAWSSDKClient(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "ci-runner", "/runners/")
	runner := moto.AssumeRole(t, roleArn, "build-7")
	const session = "arn:aws:sts::123456789012:assumed-role/ci-runner/build-7"

	// moto's test keys, and moto's endpoint in AWS_ENDPOINT_URL alone, for
	// this process (the SDK client) and the CLI (the provider).
	var env []string
	for _, kv := range moto.Env() {
		if !strings.HasPrefix(kv, "AWS_ENDPOINT_URL_") {
			env = append(env, kv)
		}
	}
	env = append(env, "AWS_ENDPOINT_URL="+moto.Endpoint)
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	for _, k := range []string{"AWS_ENDPOINT_URL_STS", "AWS_ENDPOINT_URL_IAM"} {
		t.Setenv(k, "") // restored after the test
		require.NoError(t, os.Unsetenv(k))
	}

	// The provider acts as the ci-runner session by its configuration, so
	// only credentials handed over from the provider make the SDK client
	// that session: the environment's keys are moto's default user.
	s := newStack(t, "aws-sdk-client", awssdkclient.Run, env...)
	s.setConfig("aws-identity:accessKey", runner.AccessKeyID)
	s.setSecret("aws-identity:secretKey", runner.SecretAccessKey)
	s.setSecret("aws-identity:token", runner.SessionToken)
	out, log := s.up()
	got, secret := values(out)

	assert.Equal(t, map[string]any{
		"source":            "the provider's accessKey and secretKey",
		"accessKeyId":       runner.AccessKeyID,
		"expiration":        "",
		"sdkCallerArn":      session,
		"sdkAccountId":      "123456789012",
		"providerCallerArn": session,
	}, got)
	assert.Empty(t, secret, "every output is shown (unsecreted or never secret)")
	state := s.stateFiles()
	for _, v := range []string{runner.SecretAccessKey, runner.SessionToken} {
		assert.NotContains(t, state, v, "a configured secret is in the state as plain text")
		assert.NotContains(t, log, v, "a configured secret is in the output of pulumi up")
	}
}
