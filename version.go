// Package pulumiawsidentity holds the repository's VERSION file for Go code:
// the one place the release version is written (see provider/version).
package pulumiawsidentity

import _ "embed"

// VersionFile is the content of VERSION, as committed.
//
//go:embed VERSION
var VersionFile string
