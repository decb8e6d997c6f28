//go:build tools

// Package tools pins goreleaser, which `make dist` builds into .tools/ and
// runs in snapshot mode to write the provider's release archives.
package tools

import _ "github.com/goreleaser/goreleaser/v2"
