package hostile

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// A shell command of the README or docs/, with where it was found.
type docCommand struct {
	file string
	line int
	text string
}

// shellCommands returns every command of the fenced `sh` blocks of
// README.md and docs/*.md, comments and blank lines left out.
func shellCommands(t *testing.T) []docCommand {
	t.Helper()
	root := testenv.RepoRoot(t)
	files, err := filepath.Glob(filepath.Join(root, "docs", "*.md"))
	require.NoError(t, err)
	files = append([]string{filepath.Join(root, "README.md")}, files...)
	var out []docCommand
	for _, f := range files {
		b, err := os.ReadFile(f)
		require.NoError(t, err)
		in := false
		for i, line := range strings.Split(string(b), "\n") {
			trimmed := strings.TrimSpace(line)
			switch {
			case !in && (trimmed == "```sh" || trimmed == "```bash" || trimmed == "```shell"):
				in = true
			case in && trimmed == "```":
				in = false
			case in && trimmed != "" && !strings.HasPrefix(trimmed, "#"):
				rel, _ := filepath.Rel(root, f)
				out = append(out, docCommand{file: rel, line: i + 1, text: trimmed})
			}
		}
	}
	return out
}

// comment is a shell comment at the end of a line.
var comment = regexp.MustCompile(`\s+#\s.*$`)

// notRunHere are the documented commands this test does not run, each with
// the reason and what runs it instead. A new command in the README or
// docs/ fails TestDocCommands until it is run here or listed here.
var notRunHere = map[string]string{
	"make demo":     "is `make demo` itself; it runs examples/yaml/demo against moto",
	"make test":     "is the command that runs this test",
	"make provider": "is a prerequisite of make test, which builds bin/ with it before any test runs",
	"npm install @seed-83d379c3/aws-identity":                                "needs the npm registry; tests/release installs the same package from dist/",
	"pip install pulumi-aws-identity":                                        "needs PyPI; tests/release installs the same wheel from dist/",
	"go get github.com/seed-83d379c3/pulumi-aws-identity/sdk/go/awsidentity": "needs the published module; tests/release gets it through a file GOPROXY",
	"dotnet add package Seed83d379c3.AwsIdentity":                            "needs the .NET SDK and NuGet, which these machines do not have",
	"pulumi up": "runs a user's program; every test here runs pulumi up",
	"pulumi plugin install resource aws-identity VERSION --server github://api.github.com/seed-83d379c3": "needs GitHub releases; tests/release installs from the same archives on 127.0.0.1",
	"echo 0.2.0 > VERSION && make sdks":        "changes the repository; tests/release checks that VERSION, the binary, the schema and the SDKs agree",
	"make release-check":                       "is the release gate; it runs make test",
	"git tag v0.2.0 && git push origin v0.2.0": "publishes a release",
	"moto_server -H 127.0.0.1 -p 5000 &":       "this test starts moto on a free port and points 127.0.0.1:5000 at it",
}

// TestDocCommands runs the README's and docs/' commands as written: the
// `pulumi config set` lines of each block in a scratch stack, then a
// program that must work with that configuration; the install commands
// that need no registry. Every other command must be in notRunHere.
func TestDocCommands(t *testing.T) {
	moto := testenv.StartMoto(t)
	cmds := shellCommands(t)
	require.NotEmpty(t, cmds)
	// Blocks of config commands, by file and the line of their first command.
	type block struct {
		where string
		lines []string
	}
	var blocks []*block
	last := docCommand{}
	for _, c := range cmds {
		command := comment.ReplaceAllString(c.text, "")
		switch {
		case strings.HasPrefix(command, "pulumi config set "):
			if len(blocks) == 0 || !strings.HasPrefix(last.text, "pulumi config set ") || last.file != c.file ||
				last.line != c.line-1 {
				blocks = append(blocks, &block{where: c.file + ":" + itoa(c.line)})
			}
			blocks[len(blocks)-1].lines = append(blocks[len(blocks)-1].lines, command)
		case command == "pulumi plugin install resource aws-identity 0.1.0 --file bin/pulumi-resource-aws-identity",
			command == "bin/pulumi-resource-aws-identity --version",
			command == `export PATH="$PWD/bin:$PATH"`:
			t.Run(c.file+":"+itoa(c.line), func(t *testing.T) { runInstallCommand(t, command) })
		default:
			why, ok := notRunHere[command]
			assert.True(t, ok, "%s:%d: `%s` is run by no test: run it in TestDocCommands or say why in notRunHere",
				c.file, c.line, c.text)
			_ = why
		}
		last = c
	}
	require.NotEmpty(t, blocks, "no pulumi config set commands found")
	for _, b := range blocks {
		t.Run(b.where, func(t *testing.T) {
			t.Parallel()
			runConfigBlock(t, moto, b.lines)
		})
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// runInstallCommand runs an install command of the README in the repository
// with a private PULUMI_HOME.
func runInstallCommand(t *testing.T, line string) {
	root := testenv.RepoRoot(t)
	testenv.BuildProvider(t)
	env, _ := testenv.PulumiEnv(t, t.TempDir())
	out, err := shell(t, root, append(os.Environ(), env...), line+` && echo "PATH=$PATH"`)
	require.NoError(t, err, "%s:\n%s", line, out)
	if strings.HasPrefix(line, "bin/") {
		assert.Contains(t, out, "0.1.0")
	}
}

// runConfigBlock runs a block of `pulumi config set` lines, as written, in a
// scratch stack whose AWS calls go to moto, and then a program that must
// answer with that configuration.
func runConfigBlock(t *testing.T, moto *testenv.Moto, lines []string) {
	h := newHarness(t, moto)
	// What the block's settings need to exist: the profile it names, with
	// keys, and the roles it assumes, in moto.
	h.awsConfig("[profile prod-admin]\naws_access_key_id = AKIAHOSTILE000000020\naws_secret_access_key = " +
		h.canary("prod-admin secret key") + "\n")
	all := strings.Join(lines, "\n")
	// The LocalStack/moto example's endpoint is this test's moto.
	all = strings.ReplaceAll(all, "http://127.0.0.1:5000", moto.Endpoint)
	h.caller()
	h.probe()
	h.invoke("creds", "aws-identity:index:getCredentials", "{}")
	h.output("source", "${creds.source}")
	// The CLI turns the commands into the stack's configuration; they run
	// through sh as a user's shell would run them.
	h.cli = append(h.cli, []string{"__sh__", all})
	r := h.up(kill)
	if !r.ok(t) {
		return
	}
	r.alive(t)
	switch {
	case strings.Contains(all, "assumeRoles[1].roleArn"):
		assert.Equal(t, "arn:aws:sts::444455556666:assumed-role/Auditor/pulumi-aws-identity", r.out("arn"))
	case strings.Contains(all, "assumeRole.roleArn"):
		assert.Equal(t, "arn:aws:sts::111122223333:assumed-role/Auditor/pulumi-aws-identity", r.out("arn"))
	case strings.Contains(all, "aws-identity:accessKey testing"):
		assert.Equal(t, "arn:aws:sts::123456789012:user/moto", r.out("arn"))
		assert.Equal(t, "the provider's accessKey and secretKey", r.out("source"))
	default:
		t.Errorf("no expectation for the block:\n%s", all)
	}
}

// shell runs a line through sh in dir.
func shell(t *testing.T, dir string, env []string, line string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "sh", "-c", line)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// quotedMessages returns the messages that the README's "Failure
// behaviour" section quotes. The convention, stated at the top of that
// section: a message is quoted as a line of a fenced block (a list's "- "
// and a line's indentation are not part of it), and `...` stands for a
// part left out: a value that changes from run to run, or AWS's own text.
func quotedMessages(t *testing.T) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), "README.md"))
	require.NoError(t, err)
	text := string(b)
	start := strings.Index(text, "\n## Failure behaviour\n")
	require.GreaterOrEqual(t, start, 0, "README.md has no Failure behaviour section")
	section := text[start+1:]
	if end := strings.Index(section[3:], "\n## "); end >= 0 {
		section = section[:end+3]
	}
	var msgs []string
	in := false
	for _, line := range strings.Split(section, "\n") {
		l := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(l, "```"):
			in = !in
		case in && l != "":
			msgs = append(msgs, strings.TrimPrefix(l, "- "))
		}
	}
	return msgs
}

// testSources returns the text of every _test.go file of the repository,
// with Go string concatenations ("a" +\n "b") joined and escaped quotes
// plain, so that a message asserted in pieces is found whole.
func testSources(t *testing.T) string {
	t.Helper()
	root := testenv.RepoRoot(t)
	var all strings.Builder
	join := regexp.MustCompile("[\"`]\\s*\\+\\s*[\"`]")
	require.NoError(t, filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".tools" || d.Name() == "node_modules" || d.Name() == ".git" || d.Name() == "sdk") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, "_test.go") || filepath.Base(path) == "readme_test.go" {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		s := join.ReplaceAllString(string(b), "")
		s = strings.ReplaceAll(s, `\"`, `"`)
		all.WriteString(s + "\n")
		return nil
	}))
	return all.String()
}

// TestFailureMessagesAreAsserted checks that every message the README's
// Failure behaviour section quotes is asserted, word for word, by a test:
// each part of it between `...` appears in some test's source.
func TestFailureMessagesAreAsserted(t *testing.T) {
	msgs := quotedMessages(t)
	require.NotEmpty(t, msgs)
	src := testSources(t)
	flat := strings.Join(strings.Fields(src), " ")
	for _, m := range msgs {
		for _, part := range strings.Split(m, "...") {
			part = strings.TrimSpace(part)
			if len(part) < 8 {
				continue
			}
			assert.True(t, strings.Contains(src, part) || strings.Contains(flat, part),
				"the README quotes %q (in %q), which no test asserts word for word", part, m)
		}
	}
}
