package main

import (
	"path/filepath"
	"testing"

	"github.com/seed-83d379c3/pulumi-aws-identity/tools/sdkfiles"
)

// sdkDir is the committed SDK root the generated files are compared with.
const sdkDir = "../../sdk"

// TestSDKUpToDate regenerates the Java and .NET SDKs into a temporary
// directory and fails on any difference from the committed ones: a changed,
// missing or extra file. Fix with
//
//	cd tools/sdkgen-jvm && go run . -out ../../sdk
func TestSDKUpToDate(t *testing.T) {
	schemaPath := defaultSchema()
	t.Logf("schema: %s", schemaPath)
	out := t.TempDir()
	if err := generateAll(schemaPath, out, languages); err != nil {
		t.Fatal(err)
	}
	for _, lang := range languages {
		t.Run(lang, func(t *testing.T) {
			sdkfiles.CompareTrees(t, filepath.Join(out, lang), filepath.Join(sdkDir, lang), nil)
		})
	}
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
