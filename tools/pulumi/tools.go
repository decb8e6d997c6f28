//go:build tools

// Package tools pins the Pulumi CLI, which is built from source because no
// prebuilt CLI can be downloaded on this project's machines.
package tools

import (
	_ "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml"
	_ "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi"
)
