package bench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// Invokes is how many getSessionContext invokes the preview programs make.
const Invokes = 50

// Programs are three YAML programs of one shape, each a project with a stack
// on a private file backend, previewed by the real Pulumi CLI:
//
//   - Base: the program with the invokes removed (the engine and the YAML
//     host only; the provider is never started).
//   - First: Invokes getSessionContext invokes of distinct roles, each a first
//     lookup (one iam:GetRole each, plus the process's GetCallerIdentity).
//   - Cached: Invokes invokes of sessions of one role: one lookup, the rest
//     answered from the cache.
//   - EchoProgram: Invokes invokes of the minimal provider's echo, the floor
//     of any pulumi-go-provider provider (start, schema, engine invokes).
type Programs struct {
	pulumi string
	env    []string
	dirs   map[string]string
}

// Program names.
const (
	Base   = "base"
	First  = "first"
	Cached = "cached"
	// EchoProgram is the program of the minimal provider's echo invokes.
	EchoProgram = "echo"
)

// NewPrograms writes the programs under dir. path is the PATH to give the
// CLI (the provider binary first), awsEnv points the provider at moto, roles
// are at least Invokes role names that exist there.
func NewPrograms(dir, pulumi, path string, awsEnv, roles []string) (*Programs, error) {
	if len(roles) < Invokes {
		return nil, fmt.Errorf("need %d roles, have %d", Invokes, len(roles))
	}
	p := &Programs{pulumi: pulumi, dirs: map[string]string{}}
	p.env = append(os.Environ(),
		"PATH="+path,
		"PULUMI_HOME="+filepath.Join(dir, "home"),
		"PULUMI_BACKEND_URL=file://"+filepath.Join(dir, "state"),
		"PULUMI_CONFIG_PASSPHRASE=bench",
		"PULUMI_SKIP_UPDATE_CHECK=1",
		"PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true",
	)
	p.env = append(p.env, awsEnv...)
	if err := os.MkdirAll(filepath.Join(dir, "state"), 0o755); err != nil {
		return nil, err
	}
	for _, name := range []string{Base, First, Cached, EchoProgram} {
		var y strings.Builder
		fmt.Fprintf(&y, "name: bench-%s\nruntime: yaml\n", name)
		if name != Base {
			y.WriteString("variables:\n")
			for i := range Invokes {
				role := roles[i]
				if name == Cached {
					role = roles[0]
				}
				if name == EchoProgram {
					fmt.Fprintf(&y, "  s%d:\n    fn::invoke:\n      function: %s\n      arguments:\n        value: %s\n",
						i, EchoToken, SessionARN(role, fmt.Sprintf("session-%d", i)))
					continue
				}
				fmt.Fprintf(&y, "  s%d:\n    fn::invoke:\n      function: %s\n      arguments:\n        arn: %s\n",
					i, SessionContext, SessionARN(role, fmt.Sprintf("session-%d", i)))
			}
		}
		y.WriteString("outputs:\n  invokes: " + fmt.Sprint(Invokes) + "\n")
		for i := range Invokes {
			switch name {
			case First, Cached:
				fmt.Fprintf(&y, "  issuer%d: ${s%d.issuerArn}\n", i, i)
			case EchoProgram:
				fmt.Fprintf(&y, "  echo%d: ${s%d.value}\n", i, i)
			}
		}
		d := filepath.Join(dir, name)
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(d, "Pulumi.yaml"), []byte(y.String()), 0o644); err != nil {
			return nil, err
		}
		p.dirs[name] = d
		if _, err := p.run(name, "stack", "init", "bench"); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// Preview runs `pulumi preview` of a program and returns its wall time.
// The output must show the invokes' answers, so that a preview that skipped
// them is not taken for a fast one.
func (p *Programs) Preview(name string) (time.Duration, error) {
	t0 := time.Now()
	out, err := p.run(name, "preview", "--stack", "bench")
	d := time.Since(t0)
	if err != nil {
		return d, err
	}
	if (name == First || name == Cached) && !strings.Contains(out, "role/bench/path/") ||
		name == EchoProgram && !strings.Contains(out, "assumed-role/") {
		return d, fmt.Errorf("preview of %s shows no looked-up role:\n%s", name, out)
	}
	return d, nil
}

func (p *Programs) run(name string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, p.pulumi, append(args, "--non-interactive")...)
	cmd.Dir = p.dirs[name]
	cmd.Env = p.env
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	if err != nil {
		return out.String(), fmt.Errorf("pulumi %s (%s): %v\n%s", strings.Join(args, " "), name, err, out.String())
	}
	return out.String(), nil
}
