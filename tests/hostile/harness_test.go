package hostile

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// harness is one hostile set-up: a YAML program, its stack configuration,
// an environment of its own (HOME, shared files, AWS variables), and the
// canaries planted in it. up runs it through the real engine and checks
// what every case must hold: the run ends within its bound, nothing
// panics, and no canary shows anywhere.
type harness struct {
	t       *testing.T
	moto    *testenv.Moto
	dir     string // the case's own folder; home/ is HOME
	project string
	state   string
	provLog string
	env     []string
	config  map[string]any // written to Pulumi.test.yaml as it is
	cli     [][]string     // `pulumi config set ...` commands, run as written
	vars    []string       // YAML variables, each "name:\n  fn::invoke: ..."
	outputs []string       // YAML outputs, each "name: ${...}"
	extra   string         // anything more for Pulumi.yaml (resources:)
	decls   []string       // the program's own configuration keys
	*canaries
}

func newHarness(t *testing.T, moto *testenv.Moto) *harness {
	t.Helper()
	pulumi := testenv.Tool(t, "pulumi")
	_ = pulumi
	testenv.Tool(t, "pulumi-language-yaml")
	provider := testenv.BuildProvider(t)
	tmp := t.TempDir()
	h := &harness{t: t, moto: moto, dir: tmp, project: filepath.Join(tmp, "project"),
		state: filepath.Join(tmp, "state"), provLog: filepath.Join(tmp, "provider-stderr.log"),
		config: map[string]any{}, canaries: newCanaries(t)}
	shim := filepath.Join(tmp, "shim")
	for _, d := range []string{h.project, h.state, filepath.Join(tmp, "home"), filepath.Join(tmp, "pulumi-home"), shim} {
		require.NoError(t, os.MkdirAll(d, 0o700))
	}
	// The engine finds the provider on PATH; the shim runs it at -v=9 with
	// its log on stderr, and keeps that stderr, where any panic goes too.
	// The CLI itself runs at its usual verbosity, so that the update's
	// output is what a user sees; at -v=9 the engine's own traces print
	// RPC payloads, secrets included (upstream behaviour, see the README).
	require.NoError(t, os.WriteFile(filepath.Join(shim, testenv.ProviderBinary), []byte("#!/bin/sh\n"+
		"ulimit -v "+providerMemoryKiB+"\n"+
		"exec '"+provider+"' --logtostderr -v=9 \"$@\" 2>>'"+h.provLog+"'\n"), 0o755))
	require.NoError(t, os.WriteFile(h.provLog, nil, 0o600))
	empty := h.file("empty-aws-file", "")
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "AWS_") || strings.HasPrefix(k, "PULUMI_") || k == "PATH" || k == "HOME" ||
			strings.EqualFold(k, "HTTP_PROXY") || strings.EqualFold(k, "HTTPS_PROXY") || strings.EqualFold(k, "NO_PROXY") {
			continue
		}
		h.env = append(h.env, kv)
	}
	sep := string(os.PathListSeparator)
	h.env = append(h.env,
		"PATH="+shim+sep+testenv.ToolsBin(t)+sep+os.Getenv("PATH"),
		"HOME="+filepath.Join(tmp, "home"),
		"PULUMI_HOME="+filepath.Join(tmp, "pulumi-home"),
		"PULUMI_BACKEND_URL=file://"+h.state,
		"PULUMI_CONFIG_PASSPHRASE="+testenv.Passphrase,
		"PULUMI_SKIP_UPDATE_CHECK=1",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true",
		"AWS_EC2_METADATA_DISABLED=true",
		"AWS_CONFIG_FILE="+empty,
		"AWS_SHARED_CREDENTIALS_FILE="+empty,
		"AWS_REGION=us-east-1",
		"AWS_ENDPOINT_URL="+moto.Endpoint,
	)
	return h
}

// set adds KEY=VALUE pairs to the environment; a later one wins.
func (h *harness) set(kv ...string) { h.env = append(h.env, kv...) }

// envKeys gives the provider static keys in the environment, the secret
// one a canary (moto checks no signature).
func (h *harness) envKeys() {
	h.set("AWS_ACCESS_KEY_ID=AKIAHOSTILE000000001", "AWS_SECRET_ACCESS_KEY="+h.canary("env secret key"))
}

// file writes a file in the case's folder and returns its path.
func (h *harness) file(name, text string) string {
	h.t.Helper()
	path := filepath.Join(h.dir, name)
	require.NoError(h.t, os.MkdirAll(filepath.Dir(path), 0o700))
	require.NoError(h.t, os.WriteFile(path, []byte(text), 0o700))
	return path
}

// fifo makes a named pipe that nobody ever writes.
func (h *harness) fifo(name string) string {
	h.t.Helper()
	path := filepath.Join(h.dir, name)
	require.NoError(h.t, syscall.Mkfifo(path, 0o600))
	return path
}

// cfg sets a configuration key of the stack, as a value of Pulumi.test.yaml.
func (h *harness) cfg(key string, v any) { h.config[key] = v }

// decl declares a string configuration key of the program.
func (h *harness) decl(name string) { h.decls = append(h.decls, name) }

// run adds a command run as written before the update (`config set ...`).
func (h *harness) run(args ...string) { h.cli = append(h.cli, args) }

// invoke adds a variable that calls function with the arguments (a YAML
// flow mapping) and, if provider is not empty, an explicit provider.
func (h *harness) invoke(name, function, args string) {
	h.vars = append(h.vars, fmt.Sprintf("  %s:\n    fn::invoke:\n      function: %s\n      arguments: %s\n", name, function, args))
}

// output adds a stack output.
func (h *harness) output(name, expr string) {
	h.outputs = append(h.outputs, fmt.Sprintf("  %s: %s\n", name, expr))
}

// caller adds getCallerIdentity as "me", with the outputs arn and accountId.
func (h *harness) caller() {
	h.invoke("me", "aws-identity:index:getCallerIdentity", "{}")
	h.output("arn", "${me.arn}")
	h.output("accountId", "${me.accountId}")
}

// probeARN is what the probe's getSessionContext reads: it needs no AWS call
// and no credentials, so it answers whenever the plugin is alive.
const probeARN = "arn:aws:sts::123456789012:assumed-role/Probe/still-serving"

// probe adds, after the case's own calls, an invoke that needs nothing but
// a live plugin; its output "probe" shows that the plugin still serves.
func (h *harness) probe() {
	h.invoke("probe", "aws-identity:iam:getSessionContext", `{arn: "`+probeARN+`", lookupRole: false}`)
	h.output("probe", "${probe.issuerArn}")
}

// providerMemoryKiB caps the provider's address space (ulimit -v), so that
// a provider that reads a file such as /dev/zero without limit dies of it
// within seconds, as a crash, instead of taking the shared machine's memory.
const providerMemoryKiB = "4194304" // 4 GiB

// result is what one `pulumi up` left.
type result struct {
	Err      error
	Elapsed  time.Duration
	Out      string // stdout and stderr
	Flat     string // Out with every run of white space made one space
	Provider string // the provider's own stderr, at -v=9
	Export   string // pulumi stack export
	Outputs  map[string]any
	Plain    map[string]any // outputs as plain `stack output` shows them ([secret] masked)
}

// panicMarks are what a crash leaves: Go's panic and stack trace, or the
// engine's view of a plugin that died mid-call.
var panicMarks = []string{"panic:", "goroutine ", "error reading from server: EOF", "SIGSEGV"}

// up writes the program, creates the stack, applies the configuration and
// runs `pulumi up` at -v=9, which must end within bound. It then checks that
// nothing panicked and no canary shows in the update's output, the
// provider's stderr, `pulumi stack export`, the plain outputs, and the
// files of the backend.
func (h *harness) up(bound time.Duration) *result {
	t := h.t
	t.Helper()
	var prog strings.Builder
	prog.WriteString("name: hostile\nruntime: yaml\n")
	if len(h.decls) > 0 {
		prog.WriteString("config:\n")
		for _, d := range h.decls {
			prog.WriteString("  " + d + ":\n    type: string\n")
		}
	}
	if len(h.vars) > 0 {
		prog.WriteString("variables:\n" + strings.Join(h.vars, ""))
	}
	prog.WriteString(h.extra)
	if len(h.outputs) > 0 {
		prog.WriteString("outputs:\n" + strings.Join(h.outputs, ""))
	}
	require.NoError(t, os.WriteFile(filepath.Join(h.project, "Pulumi.yaml"), []byte(prog.String()), 0o600))
	h.must(time.Minute, "stack", "init", "test")
	if len(h.config) > 0 {
		// JSON is YAML: the values arrive with the types given here.
		doc, err := json.Marshal(h.config)
		require.NoError(t, err)
		f, err := os.OpenFile(filepath.Join(h.project, "Pulumi.test.yaml"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
		require.NoError(t, err)
		_, err = fmt.Fprintf(f, "\nconfig: %s\n", doc)
		require.NoError(t, errors.Join(err, f.Close()))
	}
	for _, args := range h.cli {
		if args[0] == "__sh__" { // commands as a user types them
			out, err := shell(t, h.project, h.env, args[1])
			require.NoError(t, err, "%s:\n%s", args[1], out)
			continue
		}
		h.must(time.Minute, args...)
	}

	r := &result{}
	start := time.Now()
	stdout, stderr, err, ended := h.pulumi(bound, "up", "--yes", "--skip-preview")
	r.Elapsed, r.Err = time.Since(start), err
	r.Out = stdout + "\n" + stderr
	r.Flat = strings.Join(strings.Fields(r.Out), " ")
	b, rerr := os.ReadFile(h.provLog)
	require.NoError(t, rerr)
	r.Provider = string(b)
	if !ended {
		t.Errorf("HANG: pulumi up did not end within %s; killed. Its output:\n%s", bound, tail(stdout, 3000))
		h.noCanary("pulumi up output (until killed)", r.Out)
		h.noCanary("the provider's stderr (until killed)", r.Provider)
		return r
	}
	t.Logf("pulumi up: %s, err=%v\n%s", r.Elapsed.Round(time.Millisecond), err, tail(stdout, 4000))
	for _, mark := range panicMarks {
		for where, text := range map[string]string{"pulumi up output": r.Out, "the provider's stderr": r.Provider} {
			if i := strings.Index(text, mark); i >= 0 {
				t.Errorf("CRASH: %s shows %q: ...%s...", where, mark, text[max(0, i-300):min(len(text), i+600)])
			}
		}
	}
	r.Export = h.must(time.Minute, "stack", "export")
	r.Outputs = stackOutputs(t, h.must(time.Minute, "stack", "export", "--show-secrets"))
	r.Plain = stackOutputs(t, r.Export)
	h.noCanary("pulumi up output", r.Out)
	h.noCanary("the provider's stderr at -v=9", r.Provider)
	h.noCanary("pulumi stack export", r.Export)
	for k, v := range r.Plain {
		if v == "[secret]" {
			continue
		}
		s, _ := json.Marshal(r.Outputs[k])
		h.noCanary("plain output "+k+" (stack output --show-secrets)", string(s))
	}
	h.noCanary("the backend's state files", stateFiles(t, h.state))
	return r
}

// secretSig marks a secret value in a Pulumi deployment.
const secretSig = "4dabf18193072939515e22adb298388d"

// stackOutputs reads the stack's outputs from `pulumi stack export`: as
// `pulumi stack output --json` gives them, a secret one "[secret]" in a
// plain export and its value in an export --show-secrets. One export
// instead of two more CLI runs keeps the suite quick.
func stackOutputs(t *testing.T, export string) map[string]any {
	t.Helper()
	var d struct {
		Deployment struct {
			Resources []struct {
				Type    string         `json:"type"`
				Outputs map[string]any `json:"outputs"`
			} `json:"resources"`
		} `json:"deployment"`
	}
	require.NoError(t, json.Unmarshal([]byte(export), &d), "%s", tail(export, 2000))
	out := map[string]any{}
	for _, r := range d.Deployment.Resources {
		if r.Type != "pulumi:pulumi:Stack" {
			continue
		}
		for k, v := range r.Outputs {
			if m, ok := v.(map[string]any); ok && m[secretSig] != nil {
				if p, ok := m["plaintext"].(string); ok {
					var dec any
					if json.Unmarshal([]byte(p), &dec) == nil {
						v = dec
					}
				} else {
					v = "[secret]"
				}
			}
			out[k] = v
		}
	}
	return out
}

// stateFiles is the text of the backend's state files and their backups.
// The update history is left out: it keeps a copy of the stack's
// configuration as the user set it, which is the user's, not the state.
func stateFiles(t *testing.T, dir string) string {
	t.Helper()
	var all strings.Builder
	require.NoError(t, filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && d.Name() == "history":
			return filepath.SkipDir
		case d.IsDir():
			return nil
		}
		b, err := os.ReadFile(path)
		all.Write(b)
		return err
	}))
	return all.String()
}

// must runs the CLI, which must succeed within bound, and returns stdout.
func (h *harness) must(bound time.Duration, args ...string) string {
	h.t.Helper()
	stdout, stderr, err, ended := h.pulumi(bound, args...)
	require.True(h.t, ended, "pulumi %s did not end within %s", strings.Join(args, " "), bound)
	require.NoError(h.t, err, "pulumi %s:\n%s\n%s", strings.Join(args, " "), stdout, stderr)
	return stdout
}

// pulumi runs the CLI in the project with a deadline; a run past it is
// killed with every process it started (its process group) and reported as
// not ended.
func (h *harness) pulumi(bound time.Duration, args ...string) (stdout, stderr string, err error, ended bool) {
	ctx, cancel := context.WithTimeout(context.Background(), bound)
	defer cancel()
	cmd := exec.CommandContext(ctx, "pulumi", append(args, "--non-interactive")...)
	cmd.Dir, cmd.Env = h.project, h.env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	// The engine starts each plugin in a process group of its own, so the
	// CLI's group is not enough: every process it started, found through
	// /proc before any of them dies, is ended by its id.
	cmd.Cancel = func() error {
		for _, pid := range descendants(cmd.Process.Pid) {
			_ = syscall.Kill(pid, syscall.SIGKILL)
		}
		return syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	}
	cmd.WaitDelay = 5 * time.Second
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	// The CLI is looked up on the harness's PATH, not the test's.
	for _, kv := range h.env {
		if p, ok := strings.CutPrefix(kv, "PATH="); ok {
			if lp, lerr := lookPath("pulumi", p); lerr == nil {
				cmd.Path = lp
			}
		}
	}
	err = cmd.Run()
	return o.String(), e.String(), err, ctx.Err() == nil
}

// descendants returns the ids of every process below pid, from /proc.
func descendants(pid int) []int {
	children := map[int][]int{}
	stats, _ := filepath.Glob("/proc/[0-9]*/stat")
	for _, f := range stats {
		b, err := os.ReadFile(f)
		if err != nil {
			continue
		}
		// pid (comm) state ppid ...: comm may hold spaces and parentheses.
		rest := string(b[bytes.LastIndexByte(b, ')')+1:])
		fields := strings.Fields(rest)
		if len(fields) < 2 {
			continue
		}
		var self, parent int
		_, err1 := fmt.Sscan(filepath.Base(filepath.Dir(f)), &self)
		_, err2 := fmt.Sscan(fields[1], &parent)
		if err1 == nil && err2 == nil {
			children[parent] = append(children[parent], self)
		}
	}
	var out []int
	for queue := children[pid]; len(queue) > 0; queue = queue[1:] {
		out = append(out, queue[0])
		queue = append(queue, children[queue[0]]...)
	}
	return out
}

func lookPath(name, path string) (string, error) {
	for _, dir := range filepath.SplitList(path) {
		p := filepath.Join(dir, name)
		if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return p, nil
		}
	}
	return "", exec.ErrNotFound
}

func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}

// ok says the update succeeded.
func (r *result) ok(t *testing.T) bool {
	t.Helper()
	return assert.NoError(t, r.Err, "pulumi up failed:\n%s", tail(r.Flat, 3000))
}

// fails says the update failed, and its output (white space made single
// spaces) holds every one of want.
func (r *result) fails(t *testing.T, want ...string) bool {
	t.Helper()
	if !assert.Error(t, r.Err, "pulumi up succeeded, but should have failed") {
		return false
	}
	good := true
	for _, w := range want {
		good = assert.Contains(t, r.Flat, w, "the failure message") && good
	}
	return good
}

// providerError is the provider's own message in a failed invoke, as the
// YAML host reports it: after "returned an error: ", before the host
// quotes the program ("on Pulumi.yaml line ...").
func (r *result) providerError() string {
	_, msg, ok := strings.Cut(r.Flat, "returned an error: ")
	if !ok {
		return ""
	}
	msg, _, _ = strings.Cut(msg, " on Pulumi.yaml line ")
	return msg
}

// within says the run ended within d (a tighter bound than the kill's).
func (r *result) within(t *testing.T, d time.Duration) {
	t.Helper()
	assert.LessOrEqual(t, r.Elapsed, d, "pulumi up took %s", r.Elapsed)
}

// out is a stack output as text, as --show-secrets shows it.
func (r *result) out(key string) string {
	v, ok := r.Outputs[key]
	if !ok {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	b, _ := json.Marshal(v)
	return string(b)
}

// alive says that the probe after the case's own calls answered: the
// plugin still served.
func (r *result) alive(t *testing.T) {
	t.Helper()
	assert.Equal(t, "arn:aws:iam::123456789012:role/Probe", r.out("probe"), "the probe invoke after the case's calls answers")
}
