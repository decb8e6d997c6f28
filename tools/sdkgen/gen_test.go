package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/seed-83d379c3/pulumi-aws-identity/tools/sdkfiles"
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
			sdkfiles.CompareTrees(t, filepath.Join(out, lang), filepath.Join(sdkDir, lang), buildByproducts)
		})
	}
	t.Run("go.mod", func(t *testing.T) {
		sdkfiles.CompareFile(t, "go.mod", filepath.Join(out, "go.mod"), filepath.Join(sdkDir, "go.mod"))
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
	sdkfiles.CompareTrees(t, a, b, nil)
}

// buildByproducts are files a build leaves in an SDK directory that no
// .gitignore there hides (`npm install` in sdk/nodejs writes a lock file).
var buildByproducts = map[string]bool{"package-lock.json": true, "yarn.lock": true}
