package testenv_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

func TestRepoRoot(t *testing.T) {
	root := testenv.RepoRoot(t)
	require.FileExists(t, filepath.Join(root, "go.mod"))
	require.FileExists(t, filepath.Join(root, "Makefile"))
	require.DirExists(t, filepath.Join(root, "internal", "testenv"))
}

func TestTools(t *testing.T) {
	for _, name := range []string{"pulumi", "pulumi-language-yaml", "moto_server"} {
		path := testenv.Tool(t, name)
		info, err := os.Stat(path)
		require.NoError(t, err)
		require.NotZero(t, info.Mode()&0o111, "%s is not executable", path)
	}
}

func TestMotoRoleWithPath(t *testing.T) {
	m := testenv.StartMoto(t)
	require.Regexp(t, `^http://127\.0\.0\.1:\d+$`, m.Endpoint)

	arn, id := m.CreateRole(t, "deployer", "/this/is/a/long/path/")
	require.Equal(t, "arn:aws:iam::123456789012:role/this/is/a/long/path/deployer", arn)
	require.NotEmpty(t, id)

	// After a reset the same name is free again (it would be a conflict before).
	m.Reset(t)
	arn2, id2 := m.CreateRole(t, "deployer", "/this/is/a/long/path/")
	require.Equal(t, arn, arn2)
	require.NotEqual(t, id, id2)
}

func TestTwoMotosAtOnce(t *testing.T) {
	t.Parallel()
	a := testenv.StartMoto(t)
	b := testenv.StartMoto(t)
	require.NotEqual(t, a.Endpoint, b.Endpoint)
	arnA, _ := a.CreateRole(t, "only-in-a", "/")
	require.Equal(t, "arn:aws:iam::123456789012:role/only-in-a", arnA)
	// b is a separate server: the same name is free there.
	arnB, _ := b.CreateRole(t, "only-in-a", "/b/")
	require.Equal(t, "arn:aws:iam::123456789012:role/b/only-in-a", arnB)
}
