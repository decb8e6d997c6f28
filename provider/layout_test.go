package provider_test

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const module = "github.com/seed-83d379c3/pulumi-aws-identity/"

// The function packages, one per schema module.
var functionPackages = []string{"provider/sts", "provider/iam", "provider/index", "provider/eks"}

// TestDependencyRule holds the layout to the rule the README states:
// violation, principal ← stsinput ← config → session; sts, iam, index, eks ←
// provider. The AWS layer knows no Pulumi type and no function, and no
// function leans on another, so a new function touches its own package and
// the registration only.
func TestDependencyRule(t *testing.T) {
	imports := moduleImports(t)
	require.Contains(t, imports, "provider/session", "the walk found the provider's packages")

	for _, pkg := range []string{"provider/session"} {
		for _, dep := range append([]string{pkg}, deps(imports, pkg)...) {
			assert.NotContains(t, append(slices.Clone(functionPackages), "provider/stsinput", "provider/config"), dep,
				"%s must not depend on %s: it takes plain settings", pkg, dep)
			for _, ext := range imports[dep] {
				assert.False(t, strings.HasPrefix(ext, "github.com/pulumi/"),
					"%s must not depend on Pulumi: %s imports %s", pkg, dep, ext)
			}
		}
	}
	for _, fn := range functionPackages {
		for _, dep := range deps(imports, fn) {
			assert.NotContains(t, functionPackages, dep, "%s must not depend on another function package", fn)
		}
	}
	for _, pkg := range []string{"provider/stsinput", "provider/config"} {
		for _, dep := range deps(imports, pkg) {
			assert.NotContains(t, functionPackages, dep, "%s is below the function packages", pkg)
		}
	}
	assert.NotContains(t, deps(imports, "provider/stsinput"), "provider/config", "stsinput is below config")
	assert.NotContains(t, deps(imports, "provider/stsinput"), "provider/session", "stsinput is below session's users")
}

// moduleImports maps each package of the module under provider/ (by its
// path in the module) to what its non-test files import: the module's own
// packages by their path in the module, others by their import path.
func moduleImports(t *testing.T) map[string][]string {
	t.Helper()
	imports := map[string][]string{}
	fset := token.NewFileSet()
	err := filepath.WalkDir(".", func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return err
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			return err
		}
		pkg := filepath.ToSlash(filepath.Join("provider", filepath.Dir(path)))
		if _, ok := imports[pkg]; !ok {
			imports[pkg] = nil
		}
		for _, spec := range f.Imports {
			p, err := strconv.Unquote(spec.Path.Value)
			if err != nil {
				return err
			}
			p = strings.TrimPrefix(p, module)
			if !slices.Contains(imports[pkg], p) {
				imports[pkg] = append(imports[pkg], p)
			}
		}
		return nil
	})
	require.NoError(t, err)
	return imports
}

// deps is every package of the module that pkg depends on, directly or not.
func deps(imports map[string][]string, pkg string) []string {
	seen := map[string]bool{}
	var walk func(string)
	walk = func(p string) {
		for _, dep := range imports[p] {
			if _, ours := imports[dep]; ours && !seen[dep] {
				seen[dep] = true
				walk(dep)
			}
		}
	}
	walk(pkg)
	var out []string
	for dep := range seen {
		out = append(out, dep)
	}
	slices.Sort(out)
	return out
}
