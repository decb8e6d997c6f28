// Package version holds the provider's version. It is the repository's
// VERSION file unless a build stamps another with
// -ldflags "-X github.com/seed-83d379c3/pulumi-aws-identity/provider/version.Version=1.2.3"
// (as `make provider`, `make dist` and the release workflow do, with the git
// tag's version in CI).
package version

import (
	"strings"

	pulumiawsidentity "github.com/seed-83d379c3/pulumi-aws-identity"
)

// Version is the provider's semantic version, without a leading "v". It is
// declared without a value so that the linker's -X can set it: -X has no
// effect on a variable initialised by a function call.
var Version string

func init() {
	if Version == "" {
		Version = strings.TrimSpace(pulumiawsidentity.VersionFile)
	}
}
