package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"time"

	"golang.org/x/mod/modfile"
	"golang.org/x/mod/module"
	modzip "golang.org/x/mod/zip"
)

// file is one file of the module for modzip.Create.
type file struct{ root, rel string }

func (f file) Path() string { return f.rel }
func (f file) Lstat() (os.FileInfo, error) {
	return os.Lstat(filepath.Join(f.root, filepath.FromSlash(f.rel)))
}
func (f file) Open() (io.ReadCloser, error) {
	return os.Open(filepath.Join(f.root, filepath.FromSlash(f.rel)))
}

// writeModule writes list, .info, .mod and .zip of the module in root.
func writeModule(root string, rels []string, version string, when time.Time, out string) (module.Version, error) {
	gomod, err := os.ReadFile(filepath.Join(root, "go.mod"))
	if err != nil {
		return module.Version{}, err
	}
	path := modfile.ModulePath(gomod)
	if path == "" {
		return module.Version{}, fmt.Errorf("%s/go.mod names no module", root)
	}
	m := module.Version{Path: path, Version: version}
	if err := module.Check(m.Path, m.Version); err != nil {
		return m, err
	}
	escaped, err := module.EscapePath(m.Path)
	if err != nil {
		return m, err
	}
	dir := filepath.Join(out, filepath.FromSlash(escaped), "@v")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return m, err
	}

	sort.Strings(rels)
	files := make([]modzip.File, len(rels))
	for i, rel := range rels {
		files[i] = file{root, rel}
	}
	zf, err := os.Create(filepath.Join(dir, version+".zip"))
	if err != nil {
		return m, err
	}
	if err := modzip.Create(zf, m, files); err != nil {
		zf.Close()
		return m, fmt.Errorf("zip of %s@%s: %w", m.Path, m.Version, err)
	}
	if err := zf.Close(); err != nil {
		return m, err
	}

	info, err := json.Marshal(struct {
		Version string
		Time    time.Time
	}{version, when.UTC()})
	if err != nil {
		return m, err
	}
	if err := os.WriteFile(filepath.Join(dir, version+".info"), info, 0o644); err != nil {
		return m, err
	}
	if err := os.WriteFile(filepath.Join(dir, version+".mod"), gomod, 0o644); err != nil {
		return m, err
	}
	return m, os.WriteFile(filepath.Join(dir, "list"), []byte(version+"\n"), 0o644)
}
