package provider_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider"
)

// The committed schema.json is what the SDKs are generated from; it must be
// what the provider says now.
func TestSchemaIsUpToDate(t *testing.T) {
	got, err := provider.Schema(context.Background())
	require.NoError(t, err)
	committed, err := os.ReadFile(filepath.Join(testenv.RepoRoot(t), "schema.json"))
	require.NoError(t, err)
	if string(got) != string(committed) {
		t.Fatal("schema.json differs from the provider's schema: run `make schema` (and `make sdks`) and commit the result")
	}
}

func TestVersionIsStamped(t *testing.T) {
	bin := filepath.Join(t.TempDir(), "pulumi-resource-aws-identity")
	build := exec.Command("go", "build", "-o", bin, "-ldflags",
		"-X github.com/seed-83d379c3/pulumi-aws-identity/provider/version.Version=9.8.7",
		"./cmd/pulumi-resource-aws-identity")
	out, err := build.CombinedOutput()
	require.NoError(t, err, "%s", out)
	out, err = exec.Command(bin, "--version").Output()
	require.NoError(t, err)
	assert.Equal(t, "9.8.7\n", string(out))
}
