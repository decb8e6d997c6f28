// Command goproxy writes one version of a Go module in the layout a GOPROXY
// serves (<module>/@v/list, vX.info, vX.mod, vX.zip), so that
// GOPROXY=file://DIR fetches it as the Go module proxy would fetch the
// release's tag. `make dist` runs it for the Go SDK:
//
//	go run . -repo ../.. -dir sdk -version v0.1.0 -out ../../dist/goproxy
//
// The zip is made by golang.org/x/mod/zip, the go command's own code, from
// the files git would put in the tag: tracked and untracked files under dir,
// less what .gitignore ignores (build outputs such as sdk/java/target).
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

func main() {
	repo := flag.String("repo", "../..", "the git repository holding the module")
	dir := flag.String("dir", "sdk", "the module's folder, relative to repo (holds its go.mod)")
	version := flag.String("version", "", "the module version, with its v (v0.1.0)")
	out := flag.String("out", "", "the GOPROXY folder to write into")
	flag.Parse()
	if *version == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: goproxy -repo REPO -dir DIR -version vX.Y.Z -out GOPROXYDIR")
		os.Exit(2)
	}
	if err := run(*repo, *dir, *version, *out); err != nil {
		fmt.Fprintln(os.Stderr, "goproxy:", err)
		os.Exit(1)
	}
}

func run(repo, dir, version, out string) error {
	files, err := gitFiles(repo, dir)
	if err != nil {
		return err
	}
	when, err := commitTime(repo)
	if err != nil {
		return err
	}
	m, err := writeModule(filepath.Join(repo, dir), files, version, when, out)
	if err != nil {
		return err
	}
	fmt.Printf("goproxy: %s@%s (%d files) in %s\n", m.Path, m.Version, len(files), out)
	return nil
}

// gitFiles lists the files under dir that a commit of the working tree would
// hold, relative to dir.
func gitFiles(repo, dir string) ([]string, error) {
	cmd := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", "--", dir)
	cmd.Dir = repo
	data, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf("git ls-files %s: %w", dir, err)
	}
	var files []string
	prefix := strings.TrimSuffix(filepath.ToSlash(dir), "/") + "/"
	for _, f := range strings.Split(string(data), "\x00") {
		if f == "" {
			continue
		}
		// A file deleted from the working tree but still in the index.
		if _, err := os.Lstat(filepath.Join(repo, f)); err != nil {
			continue
		}
		files = append(files, strings.TrimPrefix(f, prefix))
	}
	return files, nil
}

// commitTime is HEAD's commit time: the .info Time of the version, as the
// proxy would report for a tag on that commit.
func commitTime(repo string) (time.Time, error) {
	cmd := exec.Command("git", "log", "-1", "--format=%cI")
	cmd.Dir = repo
	data, err := cmd.Output()
	if err != nil {
		return time.Time{}, fmt.Errorf("git log: %w", err)
	}
	return time.Parse(time.RFC3339, strings.TrimSpace(string(data)))
}
