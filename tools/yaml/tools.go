//go:build tools

// Package tools pins the Pulumi YAML language host (pulumi-language-yaml),
// which is built from source because no prebuilt binary can be downloaded on
// this project's machines. It lives in its own module because pulumi-yaml pins
// an older github.com/pulumi/pulumi/pkg/v3 than the CLI in tools/pulumi.
package tools

import (
	_ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
)
