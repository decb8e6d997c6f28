// Package javasdk proves the generated Java SDK (sdk/java) from Java: Maven
// installs it into the project's own local repository (.tools/m2) and
// compiles the Java example against it (tests/java/pom.xml builds both, and
// the runner), then the example's program runs end to end against moto as a
// Java Automation API inline program (com.pulumi.automation, part of
// com.pulumi:pulumi): the Pulumi CLI runs the engine, the Java process serves
// the language runtime itself, so no pulumi-language-java is needed.
//
// A missing mvn or java fails the test; it never skips.
package javasdk

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// output is one stack output as the runner prints it.
type output struct {
	Value  any  `json:"value"`
	Secret bool `json:"secret"`
}

var (
	buildOnce sync.Once
	buildErr  error
	buildLog  string
)

// lookTool returns the path of a command on PATH, failing the test with how
// to get it.
func lookTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		t.Fatalf("%s is not on PATH: the Java SDK tests need Maven and a JDK 11 or newer "+
			"(Debian: apt-get install maven openjdk-17-jdk-headless)", name)
	}
	return path
}

// mavenBuild runs `mvn install` on tests/java/pom.xml once per test binary:
// it installs sdk/java and examples/java/who-am-i into <repo>/.tools/m2 and
// builds the runner (the example's program and the credential functions'
// program) with its dependencies in tests/java/runner/target/lib.
// Nothing outside the repository is read or written but Maven's downloads.
func mavenBuild(t *testing.T) {
	t.Helper()
	mvn := lookTool(t, "mvn")
	lookTool(t, "java")
	root := testenv.RepoRoot(t)
	buildOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
		defer cancel()
		cmd := exec.CommandContext(ctx, mvn, "-B", "-q", "--no-transfer-progress", "-Dstyle.color=never",
			"-Dmaven.repo.local="+filepath.Join(root, ".tools", "m2"),
			"-f", filepath.Join(root, "tests", "java", "pom.xml"), "install")
		cmd.Dir = root
		cmd.Env = append(os.Environ(), "MAVEN_OPTS=-Djansi.passthrough=false -Dstyle.color=never")
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		buildErr = cmd.Run()
		buildLog = ansi.ReplaceAllString(out.String(), "")
	})
	require.NoError(t, buildErr, "mvn install (sdk/java, examples/java/who-am-i, tests/java/runner):\n%s", buildLog)
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// run runs a program of the runner (who-am-i, the Java example's, or
// credential-functions) through the real engine and returns its outputs and
// what the engine printed. env (KEY=VALUE, such as Moto.Env()) is added to
// the environment, which the CLI and the provider inherit; config is the
// stack's configuration (KEY=VALUE, or secret:KEY=VALUE).
func run(t *testing.T, program string, env []string, config ...string) (outputs map[string]output, log, state string) {
	t.Helper()
	mavenBuild(t)
	root := testenv.RepoRoot(t)
	testenv.Tool(t, "pulumi")
	testenv.BuildProvider(t)

	tmp := t.TempDir()
	pulumiEnv, backend := testenv.PulumiEnv(t, tmp)
	work, home := filepath.Join(tmp, "work"), filepath.Join(tmp, "home") // home: PulumiEnv's PULUMI_HOME
	for _, d := range []string{work, home} {
		require.NoError(t, os.MkdirAll(d, 0o755))
	}
	runner := filepath.Join(root, "tests", "java", "runner", "target")
	args := append([]string{
		"-cp", filepath.Join(runner, "classes") + string(os.PathListSeparator) + filepath.Join(runner, "lib", "*"),
		"com.seed83d379c3.tests.javarunner.Runner", program, work, home, "file://" + backend,
	}, config...)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, lookTool(t, "java"), args...)
	cmd.Dir = tmp
	cmd.Env = append(os.Environ(), pulumiEnv...)
	cmd.Env = append(cmd.Env, env...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	require.NoError(t, cmd.Run(), "the Java runner:\n%s", stderr.String())

	require.NoError(t, json.Unmarshal(bytes.TrimSpace(stdout.Bytes()), &outputs), "runner output:\n%s", stdout.String())
	log, state = stderr.String(), testenv.StateText(t, backend)
	for _, k := range []string{"secretAccessKey", "sessionToken"} {
		if v, ok := outputs[k].Value.(string); ok {
			require.Greater(t, len(v), 10, k)
			assert.NotContains(t, log, v, "%s is in the output of pulumi up", k)
			assert.NotContains(t, state, v, "%s is in the state as plain text", k)
		}
	}
	return outputs, log, state
}

// values returns the outputs' values, and the names of the secret ones.
func values(out map[string]output) (map[string]any, []string) {
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

// TestJavaBuild installs the Java SDK and compiles the Java example against
// it (with -Xlint:all -Werror).
func TestJavaBuild(t *testing.T) {
	mavenBuild(t)
	root := testenv.RepoRoot(t)
	for _, f := range []string{
		".tools/m2/com/seed83d379c3/aws-identity/0.1.0/aws-identity-0.1.0.jar",
		".tools/m2/com/seed83d379c3/examples/who-am-i/0.1.0/who-am-i-0.1.0.jar",
		"examples/java/who-am-i/target/classes/com/seed83d379c3/examples/whoami/App.class",
		"tests/java/runner/target/lib/pulumi-1.12.0.jar",
	} {
		assert.FileExists(t, filepath.Join(root, f))
	}
}

// TestJavaWhoAmI runs the Java example against moto: as moto's default user
// (who-am-i only), and with roleArn set (assumeRole, an explicit provider
// from its credentials, getCallerIdentity through it).
func TestJavaWhoAmI(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "Deployer", "/deploy/")

	t.Run("as a user", func(t *testing.T) {
		t.Parallel()
		out, _, _ := run(t, "who-am-i", moto.Env())
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
		env := moto.SessionEnv(t, roleArn, "build-7")
		out, _, _ := run(t, "who-am-i", env)
		got, _ := values(out)
		assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/build-7", got["callerArn"])
		assert.Equal(t, "assumed-role", got["principalType"])
		assert.Equal(t, roleArn, got["issuerArn"], "the role, with its path")
		assert.Equal(t, "build-7", got["sessionName"])
	})

	t.Run("assume a role", func(t *testing.T) {
		t.Parallel()
		out, _, _ := run(t, "who-am-i", moto.Env(), "roleArn="+roleArn, "roleSessionName=release-1")
		got, _ := values(out)
		assert.Equal(t, "arn:aws:sts::123456789012:user/moto", got["callerArn"])
		assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/release-1", got["assumedRoleArn"])
		assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/release-1", got["callerArnAsRole"],
			"the explicit provider acts as the role")
		assert.Regexp(t, `^[A-Z0-9]{16,}$`, got["accessKeyId"])
		// The secret fields are secret. Like Go's, the Java SDK marks an
		// invoke's whole result secret when any field of it is (and has no
		// way to unsecret), so every output taken from assumeRole is secret.
		for k, want := range map[string]bool{
			"secretAccessKey": true,
			"sessionToken":    true,
			"accessKeyId":     true,
			"assumedRoleArn":  true,
			"callerArnAsRole": false,
			"callerArn":       false,
		} {
			assert.Equal(t, want, out[k].Secret, "is %s secret", k)
		}
	})
}

// Recognizable values; moto accepts any key and any web identity token.
const (
	configKey        = "AKIAJAVADEFAULTKEY01"
	configSecret     = "javaDefaultSecretKey/000000000000000000"
	configToken      = "javaDefaultSessionToken/00000000000000000000"
	otherKey         = "AKIAJAVAEXPLICITKEY1"
	otherSecret      = "javaExplicitSecretKey/00000000000000000"
	webIdentityToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJqYXZhIn0.javaWebIdentityTokenSignature"
)

// TestJavaCredentialFunctions runs the runner's credential-functions program
// against moto: getCredentials of the default provider (configured with keys)
// and of an explicit one, getSessionToken and assumeRoleWithWebIdentity (and
// getCallerIdentity with the credentials of each), getAccessKeyInfo.
func TestJavaCredentialFunctions(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "java-oidc", "/oidc/")
	auditedKeyID := moto.CreateAccessKey(t, "111111111111", "auditor")
	const session = "arn:aws:sts::123456789012:assumed-role/java-oidc/java-web"

	out, log, state := run(t, "credential-functions", moto.Env(),
		"roleArn="+roleArn,
		"secret:webIdentityToken="+webIdentityToken,
		"otherAccessKey="+otherKey,
		"secret:otherSecretKey="+otherSecret,
		"auditedKeyId="+auditedKeyID,
		"aws-identity:accessKey="+configKey,
		"secret:aws-identity:secretKey="+configSecret,
		"secret:aws-identity:token="+configToken,
	)
	got, _ := values(out)

	// getCredentials: the configured credentials; an explicit provider's own.
	assert.Equal(t, configKey, got["credsAccessKeyId"])
	assert.Equal(t, configSecret, got["credsSecretAccessKey"])
	assert.Equal(t, configToken, got["credsSessionToken"])
	assert.Equal(t, "", got["credsExpiration"], "static keys do not expire")
	assert.Equal(t, "the provider's accessKey and secretKey", got["credsSource"])
	assert.Equal(t, otherKey, got["otherAccessKeyId"])
	assert.Equal(t, otherSecret, got["otherSecretAccessKey"])
	assert.Equal(t, "", got["otherSessionToken"], "long-term keys have no session token")

	// getSessionToken: moto's credentials, which moto accepts (it tracks no
	// session-token keys, so it names its default user).
	assert.Equal(t, "AKIAIOSFODNN7EXAMPLE", got["mfaAccessKeyId"])
	assert.Regexp(t, `^\d{4}-\d\d-\d\dT`, got["mfaExpiration"])
	assert.Equal(t, got["mfaExpiration"], got["mfaCredentialsExpiration"])
	assert.Equal(t, "arn:aws:sts::123456789012:user/moto", got["callerArnWithMfa"])

	// assumeRoleWithWebIdentity: a session of the role, which moto knows.
	assert.Equal(t, session, got["webAssumedRoleArn"])
	assert.Equal(t, "ARO123EXAMPLE123:java-web", got["webAssumedRoleId"])
	assert.Equal(t, session, got["callerArnAsWeb"], "the explicit provider acts as the role")
	assert.Regexp(t, `^ASIA[A-Z0-9]{16}$`, got["webAccessKeyId"])
	assert.Regexp(t, `^\d{4}-\d\d-\d\dT`, got["webExpiration"])
	// A secret output that is not a string (the whole result is secret)
	// comes back from Java's Automation API as its text.
	assert.Equal(t, "6", got["webPackedPolicySize"])
	// moto answers without these; AWS fills them in from the token.
	for _, k := range []string{"webSubject", "webAudience", "webProvider", "webSourceIdentity"} {
		assert.Equal(t, "", got[k], k)
	}

	// getAccessKeyInfo: the account that owns the key; moto's own account
	// for a key it does not know.
	assert.Equal(t, "111111111111", got["ownerAccount"])
	assert.Equal(t, "123456789012", got["unknownOwnerAccount"])

	// Secrets. The Java SDK makes an invoke's whole result secret when any
	// field is.
	for _, k := range []string{"credsSecretAccessKey", "credsSessionToken", "credsAccessKeyId", "credsSource",
		"otherSecretAccessKey", "mfaSecretAccessKey", "mfaSessionToken", "mfaAccessKeyId",
		"webSecretAccessKey", "webSessionToken", "webAssumedRoleArn"} {
		assert.True(t, out[k].Secret, "%s is secret", k)
	}
	for _, k := range []string{"callerArnWithMfa", "callerArnAsWeb", "ownerAccount", "unknownOwnerAccount"} {
		assert.False(t, out[k].Secret, "%s is not secret", k)
	}
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
