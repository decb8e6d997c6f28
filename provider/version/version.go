// Package version holds the provider's version: the release it is, unless a build
// stamps another with
// -ldflags "-X github.com/seed-83d379c3/pulumi-aws-identity/provider/version.Version=1.2.3".
package version

// Version is the provider's semantic version, without a leading "v".
var Version = "0.1.0"
