package session

import (
	"context"
	"errors"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/processcreds"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/redact"
)

// The AWS SDK runs a credential_process with its stderr tied to the
// plugin's own, where provider/stderrfilter drops it: the user would see
// "exited with status 3" and nothing of what the helper said. No load option
// sets the command's stderr, so the provider puts in the SDK's place a
// process provider of the same SDK, built with a command of its own whose
// stderr is kept, its end only, for the error.

// Bounds of what is kept of a helper's stderr, and of what a message quotes.
const (
	stderrKept  = 8 << 10
	stderrLines = 4
	stderrChars = 300
)

// processWaitDelay bounds how long, once the helper has exited (or was
// stopped), the provider waits for its output pipes to close: a helper that
// leaves a background child holding them would otherwise hang the call.
const processWaitDelay = 2 * time.Second

// withProcessStderr replaces the SDK's credential_process provider, if
// creds is one (cached or not), by one that keeps the helper's stderr: the
// chain's own credentials, or those of a client the chain made, such as the
// STS client of a profile's role_arn whose source_profile runs a
// credential_process. The command is the one the SDK resolved: the
// credential_process of the innermost profile of the source_profile chain,
// where the SDK takes it from. One cache serves both.
func (s *Session) withProcessStderr(creds aws.CredentialsProvider) aws.CredentialsProvider {
	if creds == nil || !aws.IsCredentialsProvider(creds, (*processcreds.Provider)(nil)) {
		return creds
	}
	s.processOnce.Do(func() {
		if command, ok := resolvedProcess(s.cfg.ConfigSources); ok {
			s.process = aws.NewCredentialsCache(&stderrProcess{command: command}, s.cacheOptions)
		}
	})
	if s.process == nil {
		return creds
	}
	return s.process
}

// resolvedProcess is the credential_process the SDK's chain runs, from its
// resolved shared config.
func resolvedProcess(sources []any) (string, bool) {
	for _, src := range sources {
		sc, ok := src.(awsconfig.SharedConfig)
		if !ok {
			continue
		}
		p := &sc
		for p.Source != nil {
			p = p.Source
		}
		if p.CredentialProcess == "" {
			return "", false
		}
		return p.CredentialProcess, true
	}
	return "", false
}

// stderrProcess runs a credential_process with the SDK's own provider and
// command (sh -c, the environment, stdin), but its stderr kept.
type stderrProcess struct {
	command string
}

func (p *stderrProcess) Retrieve(ctx context.Context) (aws.Credentials, error) {
	stderr := &tailBuffer{max: stderrKept}
	builder := processcreds.NewCommandBuilderFunc(func(ctx context.Context) (*exec.Cmd, error) {
		cmd, err := processcreds.DefaultNewCommandBuilder{Args: []string{p.command}}.NewCommand(ctx)
		if err != nil {
			return nil, err
		}
		cmd.Stderr = stderr
		cmd.WaitDelay = processWaitDelay
		return cmd, nil
	})
	c, err := processcreds.NewProviderCommand(builder, func(o *processcreds.Options) {
		o.CredentialSources = []aws.CredentialSource{aws.CredentialSourceProfileProcess, aws.CredentialSourceProcess}
	}).Retrieve(ctx)
	if err != nil {
		return c, &processFailure{err: err, stderr: stderr.String()}
	}
	return c, nil
}

// processFailure is a credential_process's failure with the end of what it
// printed on stderr, raw: only stderrTail may quote it.
type processFailure struct {
	err    error
	stderr string
}

func (e *processFailure) Error() string { return e.err.Error() }
func (e *processFailure) Unwrap() error { return e.err }

// stderrTail is the end of a failed helper's stderr as a message may quote
// it, redacted and short; "" when it printed nothing there.
func stderrTail(err error) string {
	var f *processFailure
	if !errors.As(err, &f) {
		return ""
	}
	return redact.Tail(f.stderr, stderrLines, stderrChars)
}

// tailBuffer keeps the last max bytes written to it.
type tailBuffer struct {
	mu  sync.Mutex
	max int
	buf []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	n := len(p)
	if len(p) >= t.max {
		p = p[len(p)-t.max:]
		t.buf = t.buf[:0]
	}
	if over := len(t.buf) + len(p) - t.max; over > 0 {
		t.buf = append(t.buf[:0], t.buf[over:]...)
	}
	t.buf = append(t.buf, p...)
	return n, nil
}

func (t *tailBuffer) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.ToValidUTF8(string(t.buf), "")
}

// byHand ends explainProcess's words for a helper that failed without saying
// why on stdout.
const byHand = ": run the command by hand to see why"

// withStderr adds to explainProcess's words the end of what the helper
// printed on stderr, which then replaces the advice to run it by hand.
func withStderr(what string, err error) string {
	tail := stderrTail(err)
	if tail == "" {
		return what
	}
	return strings.TrimSuffix(what, byHand) + `; the end of its stderr: "` + tail + `"`
}

// processStep explains a call of the credential chain that failed because
// the credential_process below it did (a role's source_profile); nil for any
// other failure.
func processStep(err error, what string) error {
	explained, ok := explainProcess(err)
	if !ok {
		return nil
	}
	return &Error{msg: what + ": the credential_process of its source_profile failed: " + withStderr(explained, err),
		cause: err}
}
