package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// sdkDir is the committed SDK root the generated files are compared with.
const sdkDir = "../../sdk"

// TestSDKUpToDate regenerates the Node.js, Python and Go SDKs into a
// temporary directory and fails on any difference from the committed ones:
// a changed, missing or extra file. Fix with
//
//	cd tools/sdkgen && go run . -out ../../sdk
func TestSDKUpToDate(t *testing.T) {
	schemaPath := defaultSchema()
	t.Logf("schema: %s", schemaPath)
	out := t.TempDir()
	// Seed go.mod so the generator keeps the requirements `go mod tidy` added.
	if existing, err := os.ReadFile(filepath.Join(sdkDir, "go.mod")); err == nil {
		if err := os.WriteFile(filepath.Join(out, "go.mod"), existing, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := generateAll(schemaPath, out, languages); err != nil {
		t.Fatal(err)
	}
	for _, lang := range languages {
		t.Run(lang, func(t *testing.T) {
			compareTrees(t, filepath.Join(out, lang), filepath.Join(sdkDir, lang))
		})
	}
	t.Run("go.mod", func(t *testing.T) {
		compareFile(t, "go.mod", filepath.Join(out, "go.mod"), filepath.Join(sdkDir, "go.mod"))
		if _, err := os.Stat(filepath.Join(sdkDir, "go.sum")); err != nil {
			t.Errorf("sdk/go.sum: %v (run `cd sdk && go mod tidy`)", err)
		}
	})
}

// TestDeterministic generates twice and requires identical output.
func TestDeterministic(t *testing.T) {
	schemaPath := defaultSchema()
	a, b := t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := generateAll(schemaPath, dir, languages); err != nil {
			t.Fatal(err)
		}
	}
	compareTrees(t, a, b)
}

// buildByproducts are files a build leaves in an SDK directory that no
// .gitignore there hides (`npm install` in sdk/nodejs writes a lock file);
// they are not reported as extra files.
var buildByproducts = map[string]bool{"package-lock.json": true, "yarn.lock": true}

// compareTrees compares every file under want (freshly generated) with the
// files under got.
func compareTrees(t *testing.T, want, got string) {
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
			if !buildByproducts[name] {
				t.Errorf("%s: in %s but no longer generated", name, got)
			}
		default:
			compareFile(t, name, filepath.Join(want, name), filepath.Join(got, name))
		}
	}
}

func compareFile(t *testing.T, name, want, got string) {
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
func walk(t *testing.T, root string) map[string]struct{} {
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
func listCommitted(t *testing.T, root string) map[string]struct{} {
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
