// Package sdkfiles writes generated SDKs and checks committed ones against
// the generator's output. Both SDK generators use it: they live in separate
// modules because their code generators need incompatible Pulumi versions,
// and this module needs neither.
package sdkfiles

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// Write replaces outDir/<lang> with files (slash-separated paths relative to
// outDir). Removing the directory first makes files the generator no longer
// emits disappear.
func Write(outDir, lang string, files map[string][]byte) error {
	if err := os.RemoveAll(filepath.Join(outDir, lang)); err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := filepath.Join(outDir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, files[name], 0o644); err != nil {
			return err
		}
	}
	return nil
}

// CompareTrees reports every file under want (freshly generated) that is
// changed or missing under got, and every file under got that is no longer
// generated, but for byproducts: files a build leaves that no .gitignore
// hides (npm's lock file, say).
func CompareTrees(t testing.TB, want, got string, byproducts map[string]bool) {
	t.Helper()
	wantFiles := walk(t, want)
	gotFiles := listCommitted(t, got)
	for _, name := range sortedUnion(wantFiles, gotFiles) {
		_, inWant := wantFiles[name]
		_, inGot := gotFiles[name]
		switch {
		case !inGot:
			t.Errorf("%s: generated but missing from %s", name, got)
		case !inWant:
			if !byproducts[name] {
				t.Errorf("%s: in %s but no longer generated", name, got)
			}
		default:
			CompareFile(t, name, filepath.Join(want, name), filepath.Join(got, name))
		}
	}
}

// CompareFile reports a committed file that differs from the generated one.
func CompareFile(t testing.TB, name, want, got string) {
	t.Helper()
	w, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	g, err := os.ReadFile(got)
	if err != nil {
		t.Errorf("%s: %v", name, err)
		return
	}
	if !bytes.Equal(w, g) {
		t.Errorf("%s: differs from the generator's output (%d bytes generated, %d committed); regenerate the SDK", name, len(w), len(g))
	}
}

// walk lists the files under root as slash-separated relative paths.
func walk(t testing.TB, root string) map[string]struct{} {
	t.Helper()
	files := map[string]struct{}{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = struct{}{}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// listCommitted lists the files under root that git tracks or would track
// (so build output that .gitignore hides, such as node_modules or
// *.egg-info, does not count). Outside a git work tree it lists every file.
func listCommitted(t testing.TB, root string) map[string]struct{} {
	t.Helper()
	cmd := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard", ".")
	cmd.Dir = root
	out, err := cmd.Output()
	if err != nil {
		if _, statErr := os.Stat(root); statErr != nil {
			return map[string]struct{}{}
		}
		t.Logf("git ls-files in %s: %v; comparing every file", root, err)
		return walk(t, root)
	}
	files := map[string]struct{}{}
	for _, name := range strings.Split(string(out), "\x00") {
		if name == "" {
			continue
		}
		// A tracked file deleted from the work tree is missing, not present.
		if _, err := os.Stat(filepath.Join(root, name)); err != nil {
			continue
		}
		files[name] = struct{}{}
	}
	return files
}

func sortedUnion(a, b map[string]struct{}) []string {
	seen := map[string]struct{}{}
	for k := range a {
		seen[k] = struct{}{}
	}
	for k := range b {
		seen[k] = struct{}{}
	}
	names := make([]string, 0, len(seen))
	for k := range seen {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}
