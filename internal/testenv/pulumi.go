package testenv

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// Stack is a Pulumi stack of a copy of a program, run by the real Pulumi CLI
// from .tools/bin with the provider from bin/, on a private local file
// backend and PULUMI_HOME: nothing outside the test's temporary folder is
// read or written.
type Stack struct {
	t     testing.TB
	Dir   string // the copy of the program
	State string // the file backend's folder
	env   []string
}

// Passphrase encrypts the stacks' secrets; it is not itself a secret.
const Passphrase = "aws-identity-tests"

// NewStack copies the program in programDir to a temporary folder and
// selects a new stack "test" for it. env is added to the CLI's environment
// (for example Moto.Env()).
func NewStack(t testing.TB, programDir string, env ...string) *Stack {
	t.Helper()
	Tool(t, "pulumi")
	BuildProvider(t)
	tmp := t.TempDir()
	pulumiEnv, state := PulumiEnv(t, tmp)
	s := &Stack{t: t, Dir: filepath.Join(tmp, "program"), State: state}
	require.NoError(t, os.CopyFS(s.Dir, os.DirFS(programDir)))
	s.env = append(os.Environ(), pulumiEnv...)
	s.env = append(s.env, env...)
	s.Run("stack", "select", "--create", "test")
	return s
}

// Run runs the CLI in the program's folder and returns its combined output,
// failing the test if it fails.
func (s *Stack) Run(args ...string) string {
	s.t.Helper()
	out, err := s.Try(args...)
	require.NoError(s.t, err, "pulumi %s:\n%s", strings.Join(args, " "), out)
	return out
}

// Try runs the CLI and returns its output and error, for runs meant to fail.
func (s *Stack) Try(args ...string) (string, error) {
	s.t.Helper()
	cmd := exec.Command("pulumi", append(args, "--non-interactive")...)
	cmd.Dir = s.Dir
	cmd.Env = s.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	done := make(chan error, 1)
	require.NoError(s.t, cmd.Start())
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		return out.String(), err
	case <-time.After(5 * time.Minute):
		_ = cmd.Process.Kill()
		s.t.Fatalf("pulumi %s did not finish in 5 minutes (%v):\n%s", strings.Join(args, " "), <-done, out.String())
		return "", nil
	}
}

// Config sets a stack configuration value; secret values are encrypted.
func (s *Stack) Config(key, value string, secret bool) {
	s.t.Helper()
	args := []string{"config", "set", key, value}
	if secret {
		args = append(args, "--secret")
	} else {
		args = append(args, "--plaintext")
	}
	s.Run(args...)
}

// ConfigJSON sets a structured configuration value, such as an object.
func (s *Stack) ConfigJSON(key, value string) {
	s.t.Helper()
	s.Run("config", "set", "--path", key, value)
}

// Up runs `pulumi up` and returns what it printed.
func (s *Stack) Up(extra ...string) string {
	s.t.Helper()
	return s.Run(append([]string{"up", "--yes", "--skip-preview"}, extra...)...)
}

// Outputs returns the stack's outputs; secrets stay "[secret]" unless
// showSecrets.
func (s *Stack) Outputs(showSecrets bool) map[string]any {
	s.t.Helper()
	args := []string{"stack", "output", "--json"}
	if showSecrets {
		args = append(args, "--show-secrets")
	}
	cmd := exec.Command("pulumi", append(args, "--non-interactive")...)
	cmd.Dir, cmd.Env = s.Dir, s.env
	out, err := cmd.Output()
	require.NoError(s.t, err, "pulumi stack output")
	var m map[string]any
	require.NoError(s.t, json.Unmarshal(out, &m), "%s", out)
	return m
}

// StateFiles returns the text of every file in the backend: the state and
// its backups, as a leak would be found there.
func (s *Stack) StateFiles() string {
	s.t.Helper()
	return StateText(s.t, s.State)
}

// StateText returns the text of every file under a file backend's folder,
// failing the test if there is none.
func StateText(t testing.TB, state string) string {
	t.Helper()
	var all strings.Builder
	require.NoError(t, filepath.WalkDir(state, func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		all.Write(b)
		return err
	}))
	require.NotZero(t, all.Len(), "the backend holds no state")
	return all.String()
}
