package bench

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// Binaries are the provider and the minimal provider, built in this run,
// each as `make provider` builds it and stripped (-s -w).
type Binaries struct {
	Dir                        string // holds Provider, for PATH
	Provider, ProviderStripped string
	Minimal, MinimalStripped   string
}

// Build builds the four binaries into dir, two at a time.
func Build(root, dir string) (Binaries, error) {
	stamp := "-X " + testenv.Module + "/provider/version.Version=0.1.0"
	b := Binaries{
		Dir:              filepath.Join(dir, "bin"),
		Provider:         filepath.Join(dir, "bin", testenv.ProviderBinary),
		ProviderStripped: filepath.Join(dir, "stripped", testenv.ProviderBinary),
		Minimal:          filepath.Join(dir, "minimal", "pulumi-resource-minimal"),
		MinimalStripped:  filepath.Join(dir, "minimal-stripped", "pulumi-resource-minimal"),
	}
	jobs := []struct{ out, ldflags, pkg string }{
		{b.Provider, stamp, "./provider/cmd/" + testenv.ProviderBinary},
		{b.Minimal, "", "./bench/minimal"},
		{b.ProviderStripped, "-s -w " + stamp, "./provider/cmd/" + testenv.ProviderBinary},
		{b.MinimalStripped, "-s -w", "./bench/minimal"},
	}
	errs := make([]error, len(jobs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, 2)
	for i, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			// The release's tags (.goreleaser.yml), for both: the minimal
			// provider is the floor of any provider built the same way.
			cmd := exec.Command("go", "build", "-tags", "grpcnotrace", "-o", j.out, "-ldflags", j.ldflags, j.pkg)
			cmd.Dir = root
			if out, err := cmd.CombinedOutput(); err != nil {
				errs[i] = fmt.Errorf("go build %s: %v\n%s", j.pkg, err, out)
			}
		}()
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return b, err
		}
	}
	return b, nil
}

// Process is a provider binary running as the engine runs it: started with
// no engine address (attach mode), it prints its port on stdout.
type Process struct {
	cmd    *exec.Cmd
	Client *Client
	stderr bytes.Buffer
	done   chan struct{}
}

// Launch starts bin, reads the port it prints and connects to it. ready is
// how long after the call the port was read.
func Launch(bin string, env []string) (*Process, error) {
	p := &Process{cmd: exec.Command(bin), done: make(chan struct{})}
	p.cmd.Env = env
	p.cmd.Stderr = &p.stderr
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := p.cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		_ = p.cmd.Wait()
		close(p.done)
	}()
	line := make(chan string, 1)
	go func() {
		r := bufio.NewReader(stdout)
		s, _ := r.ReadString('\n')
		line <- s
		_, _ = r.WriteTo(discard{}) // keep the pipe drained
	}()
	var port int
	select {
	case s := <-line:
		port, err = strconv.Atoi(strings.TrimSpace(s))
		if err != nil {
			p.Stop()
			return nil, fmt.Errorf("%s printed %q, not a port; stderr: %s", bin, s, p.stderr.String())
		}
	case <-time.After(30 * time.Second):
		p.Stop()
		return nil, fmt.Errorf("%s printed no port in 30 s", bin)
	}
	if p.Client, err = Dial(port); err != nil {
		p.Stop()
		return nil, err
	}
	return p, nil
}

type discard struct{}

func (discard) Write(b []byte) (int, error) { return len(b), nil }

// Pid is the process ID.
func (p *Process) Pid() int { return p.cmd.Process.Pid }

// Stop closes the connection and ends the process as the engine does
// (SIGINT), killing it if it has not exited after 5 s.
func (p *Process) Stop() {
	if p.Client != nil {
		p.Client.Close()
	}
	pg := -p.cmd.Process.Pid
	_ = syscall.Kill(pg, syscall.SIGINT)
	select {
	case <-p.done:
	case <-time.After(5 * time.Second):
		_ = syscall.Kill(pg, syscall.SIGKILL)
		<-p.done
	}
}

// Status reads a "VmHWM"-style field of /proc/<pid>/status, in bytes.
func (p *Process) Status(field string) (int64, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", p.Pid()))
	if err != nil {
		return 0, err
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, field+":"); ok {
			f := strings.Fields(v) // "12345 kB"
			n, err := strconv.ParseInt(f[0], 10, 64)
			return n * 1024, err
		}
	}
	return 0, fmt.Errorf("no %s in /proc/%d/status", field, p.Pid())
}

// StartUp is one cold start: from the launch to the answer of the first
// call (GetPluginInfo), and to the answer of GetSchema made next.
type StartUp struct{ PluginInfo, Schema time.Duration }

// ColdStart launches bin, times its first answered calls, and stops it.
func ColdStart(bin string, env []string) (StartUp, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	t0 := time.Now()
	p, err := Launch(bin, env)
	if err != nil {
		return StartUp{}, err
	}
	defer p.Stop()
	if err := p.Client.PluginInfo(ctx); err != nil {
		return StartUp{}, err
	}
	s := StartUp{PluginInfo: time.Since(t0)}
	if _, err := p.Client.Schema(ctx); err != nil {
		return StartUp{}, err
	}
	s.Schema = time.Since(t0)
	return s, nil
}

// Peak is a process's peak resident set after a workload.
type Peak struct {
	HWM, RSS int64 // VmHWM and VmRSS, bytes
}

// PeakRSS launches bin, gives it its schema call and then the workload
// (which drives it through its Client), and reads VmHWM before stopping it.
func PeakRSS(bin string, env []string, work func(c *Client) error) (Peak, error) {
	p, err := Launch(bin, env)
	if err != nil {
		return Peak{}, err
	}
	defer p.Stop()
	if _, err := p.Client.Schema(context.Background()); err != nil {
		return Peak{}, err
	}
	if err := work(p.Client); err != nil {
		return Peak{}, fmt.Errorf("%v; stderr: %s", err, p.stderr.String())
	}
	var pk Peak
	if pk.HWM, err = p.Status("VmHWM"); err != nil {
		return pk, err
	}
	pk.RSS, err = p.Status("VmRSS")
	return pk, err
}

// Size is a file's size in bytes.
func Size(path string) (int64, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}
