// Package testenv is the test helper shared by this repository's tests: it
// finds the repository, the tools that `make tools` installs into .tools/, the
// provider binary that `make provider` builds, and runs moto, a local AWS
// (STS and IAM) on a free loopback port.
//
// A missing tool or binary fails the test with the make command that provides
// it; it never skips, so a test run cannot pass by testing nothing.
package testenv

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/stretchr/testify/require"
)

// Module is the module path of the repository root.
const Module = "github.com/seed-83d379c3/pulumi-aws-identity"

// ProviderBinary is the provider binary's file name.
const ProviderBinary = "pulumi-resource-aws-identity"

// Moto's fixed values.
const (
	// MotoAccountID is the account moto reports for everything it creates.
	MotoAccountID = "123456789012"
	// MotoRegion is the region tests use against moto.
	MotoRegion = "us-east-1"
	// MotoAccessKey and MotoSecretKey are the static credentials tests use;
	// moto accepts any.
	MotoAccessKey = "testing"
	MotoSecretKey = "testing"
)

// TrustPolicy is a trivial trust policy that lets anyone in MotoAccountID
// assume the role (moto does not evaluate it anyway).
const TrustPolicy = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow",` +
	`"Principal":{"AWS":"arn:aws:iam::` + MotoAccountID + `:root"},"Action":"sts:AssumeRole"}]}`

var (
	rootOnce sync.Once
	rootDir  string
	rootErr  error
)

// RepoRoot returns the repository root: the nearest directory, from the
// working directory up, whose go.mod declares module Module.
func RepoRoot(t testing.TB) string {
	t.Helper()
	rootOnce.Do(func() { rootDir, rootErr = findRoot() })
	if rootErr != nil {
		t.Fatalf("testenv: %v", rootErr)
	}
	return rootDir
}

func findRoot() (string, error) {
	wd, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for dir := wd; ; {
		if modulePath(filepath.Join(dir, "go.mod")) == Module {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no go.mod with module %s above %s", Module, wd)
		}
		dir = parent
	}
}

// modulePath returns the module path declared by a go.mod file, or "".
func modulePath(gomod string) string {
	f, err := os.Open(gomod)
	if err != nil {
		return ""
	}
	defer func() { _ = f.Close() }()
	s := bufio.NewScanner(f)
	for s.Scan() {
		fields := strings.Fields(s.Text())
		if len(fields) >= 2 && fields[0] == "module" {
			return strings.Trim(fields[1], `"`)
		}
	}
	return ""
}

// ToolsBin returns <repo>/.tools/bin, the folder of stable tool links.
func ToolsBin(t testing.TB) string {
	t.Helper()
	return filepath.Join(RepoRoot(t), ".tools", "bin")
}

// Tool returns <repo>/.tools/bin/<name>, failing the test if it is missing.
func Tool(t testing.TB, name string) string {
	t.Helper()
	path := filepath.Join(ToolsBin(t), name)
	if _, err := os.Stat(path); err != nil { // Stat follows the link
		t.Fatalf("%s not found at %s: run `make tools` first", name, path)
	}
	return path
}

// BuildProvider returns <repo>/bin/pulumi-resource-aws-identity, failing the
// test if it has not been built.
func BuildProvider(t testing.TB) string {
	t.Helper()
	path := filepath.Join(RepoRoot(t), "bin", ProviderBinary)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("%s not found at %s: run `make provider` first", ProviderBinary, path)
	}
	return path
}

// Moto is a running moto server, stopped when its test ends.
type Moto struct {
	// Endpoint is the server's base URL, http://127.0.0.1:PORT.
	Endpoint string
	// Port is the loopback port it listens on.
	Port int

	cmd  *exec.Cmd
	done chan struct{} // closed when the process has exited
	log  string        // path of its combined output
}

const (
	motoStartTimeout = 30 * time.Second
	motoStartTries   = 5
)

// StartMoto starts `.tools/bin/moto_server` on a free loopback port, waits
// until it answers HTTP, and stops it (its whole process group) when the test
// ends. A port taken between choosing and binding it is retried.
func StartMoto(t testing.TB) *Moto {
	t.Helper()
	server := Tool(t, "moto_server")
	dir := t.TempDir()
	var errs []error
	for try := 1; try <= motoStartTries; try++ {
		port, err := freePort()
		if err != nil {
			t.Fatalf("testenv: no free port: %v", err)
		}
		m, err := startMoto(t, server, port, filepath.Join(dir, fmt.Sprintf("moto-%d.log", try)))
		if err == nil {
			return m
		}
		errs = append(errs, err)
		if errors.Is(err, errMotoTimeout) {
			break // a slow start is not a port race; do not wait 30 s again
		}
	}
	t.Fatalf("testenv: moto did not start: %v", errors.Join(errs...))
	return nil
}

var errMotoTimeout = errors.New("timed out")

func startMoto(t testing.TB, server string, port int, logPath string) (*Moto, error) {
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer func() { _ = logFile.Close() }() // the child has its own descriptor

	cmd := exec.Command(server, "-H", "127.0.0.1", "-p", strconv.Itoa(port))
	cmd.Stdout = logFile
	cmd.Stderr = logFile
	cmd.Env = append(os.Environ(), "PYTHONUNBUFFERED=1")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", server, err)
	}
	m := &Moto{
		Endpoint: "http://127.0.0.1:" + strconv.Itoa(port),
		Port:     port,
		cmd:      cmd,
		done:     make(chan struct{}),
		log:      logPath,
	}
	go func() {
		_ = cmd.Wait()
		close(m.done)
	}()

	if err := m.waitReady(); err != nil {
		m.stop()
		return nil, fmt.Errorf("port %d: %w; output:\n%s", port, err, tail(logPath))
	}
	t.Cleanup(func() {
		m.stop()
		if t.Failed() {
			t.Logf("moto output (%s):\n%s", m.Endpoint, tail(logPath))
		}
	})
	return m, nil
}

// waitReady polls the server until it answers HTTP while still running, and
// has said that it listens ("Running on ..." is logged after the bind), so
// that another server that won the port is not taken for ours.
func (m *Moto) waitReady() error {
	client := &http.Client{Timeout: 2 * time.Second}
	deadline := time.Now().Add(motoStartTimeout)
	for {
		select {
		case <-m.done:
			return errors.New("moto_server exited during start (port taken?)")
		default:
		}
		err := errors.New("it has not logged that it listens")
		if m.listening() {
			var resp *http.Response
			resp, err = client.Get(m.Endpoint + "/moto-api/") // any answer will do
			if err == nil {
				_ = resp.Body.Close()
				return nil
			}
		}
		if time.Now().After(deadline) {
			return fmt.Errorf("%w after %s waiting for %s (%v)", errMotoTimeout, motoStartTimeout, m.Endpoint, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// listening reports whether moto has logged that it listens on its port.
func (m *Moto) listening() bool {
	b, err := os.ReadFile(m.log)
	return err == nil && bytes.Contains(b, []byte("Running on http://127.0.0.1:"+strconv.Itoa(m.Port)))
}

// stop ends moto's process group: SIGTERM, then SIGKILL after 5 s.
func (m *Moto) stop() {
	pgid := m.cmd.Process.Pid
	_ = syscall.Kill(-pgid, syscall.SIGTERM)
	select {
	case <-m.done:
	case <-time.After(5 * time.Second):
		_ = syscall.Kill(-pgid, syscall.SIGKILL)
		<-m.done
	}
	// Anything left in the group (there should be nothing) goes too.
	_ = syscall.Kill(-pgid, syscall.SIGKILL)
}

// freePort asks the kernel for a free loopback port.
func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer func() { _ = l.Close() }()
	return l.Addr().(*net.TCPAddr).Port, nil
}

func tail(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	const max = 4000
	if len(b) > max {
		b = append([]byte("..."), b[len(b)-max:]...)
	}
	return string(bytes.TrimSpace(b))
}

// AWSConfig returns an AWS configuration for this server: static credentials
// (testing/testing), region us-east-1, and BaseEndpoint set to Endpoint. It
// reads nothing from the environment or ~/.aws.
func (m *Moto) AWSConfig() aws.Config {
	return aws.Config{
		Region:       MotoRegion,
		Credentials:  credentials.NewStaticCredentialsProvider(MotoAccessKey, MotoSecretKey, ""),
		BaseEndpoint: aws.String(m.Endpoint),
	}
}

// Env returns environment variables (KEY=VALUE) that point any AWS SDK or
// tool at this server with the static test credentials, for a child process
// such as the Pulumi CLI or a provider. Append them to os.Environ().
func (m *Moto) Env() []string {
	return []string{
		"AWS_ACCESS_KEY_ID=" + MotoAccessKey,
		"AWS_SECRET_ACCESS_KEY=" + MotoSecretKey,
		"AWS_SESSION_TOKEN=",
		"AWS_REGION=" + MotoRegion,
		"AWS_DEFAULT_REGION=" + MotoRegion,
		"AWS_ENDPOINT_URL_STS=" + m.Endpoint,
		"AWS_ENDPOINT_URL_IAM=" + m.Endpoint,
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_PROFILE=",
		"AWS_CONFIG_FILE=" + os.DevNull,
		"AWS_SHARED_CREDENTIALS_FILE=" + os.DevNull,
	}
}

// CreateRole creates an IAM role in moto with a trivial trust policy and
// returns its ARN (which carries the path) and role ID.
func (m *Moto) CreateRole(t testing.TB, name, path string) (arn, roleID string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	client := iam.NewFromConfig(m.AWSConfig())
	in := &iam.CreateRoleInput{
		RoleName:                 aws.String(name),
		AssumeRolePolicyDocument: aws.String(TrustPolicy),
	}
	if path != "" {
		in.Path = aws.String(path)
	}
	out, err := client.CreateRole(ctx, in)
	require.NoError(t, err, "moto: CreateRole %s%s", path, name)
	require.NotNil(t, out.Role)
	return aws.ToString(out.Role.Arn), aws.ToString(out.Role.RoleId)
}

// Reset drops everything moto holds (POST /moto-api/reset).
func (m *Moto) Reset(t testing.TB) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, m.Endpoint+"/moto-api/reset", nil)
	require.NoError(t, err)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err, "moto: reset")
	defer func() { _ = resp.Body.Close() }()
	require.Equal(t, http.StatusOK, resp.StatusCode, "moto: reset")
}
