#!/usr/bin/env bash
# Fill .tools/release-go-modcache with exactly the module graph of the Go
# program of tests/release (testdata/go), less this project's own module, so
# that TestInstallFromDist/go can run with no network and stand alone:
#
#   scripts/release-go-deps.sh        (make test runs it after dist/)
#
# It runs what the test runs (go get of the Go SDK module, then a build of
# the program), with the same go.mod, go.sum and flags, in a copy of the
# program, through GOPROXY=file://dist/goproxy,<this machine's GOPROXY>: our
# module from dist/, every other module the way a user's `go get` gets it.
# The module cache the project's own build filled is asked first, as a
# read-only file proxy, only to save downloads. Then our module is removed,
# so the test can get it from dist/goproxy only; the test checks that.
#
# Why: a shared module cache holds what earlier work happened to fetch. On a
# fresh machine it lacked go.mod files of the program's graph (an old
# golang.org/x/sys that fsnotify names), and the test, which may not use the
# network, failed.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
dist=$root/dist
cache=$root/.tools/release-go-modcache
version=$(cat VERSION)
sdk=github.com/seed-83d379c3/pulumi-aws-identity/sdk

log() { echo "release-go-deps: $*" >&2; }

[ -f "$dist/goproxy/$sdk/@v/v$version.zip" ] || { log "dist/goproxy has no $sdk@v$version: run make dist-host first"; exit 1; }

# The proxy list a user has: GOPROXY as set, or Go's default.
user_proxy=$(go env GOPROXY)
shared=$(go env GOMODCACHE)/cache/download

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp tests/release/testdata/go/main.go tests/release/testdata/go/go.mod "$work/"
cat sdk/go.sum go.sum >"$work/go.sum"

log "the Go program's module graph into $cache"
mkdir -p "$cache"
(
	cd "$work"
	export GOPROXY="file://$dist/goproxy,file://$shared,$user_proxy"
	export GOMODCACHE=$cache
	export GOFLAGS="-mod=mod -modcacherw -buildvcs=false -trimpath"
	export GONOSUMDB=github.com/seed-83d379c3
	export GOWORK=off
	go get "$sdk@v$version"
	go build -o /dev/null .
)

# Our module only ever from dist/.
rm -rf "$cache/cache/download/github.com/seed-83d379c3" "$cache/github.com/seed-83d379c3"
log "$(find "$cache/cache/download" -name '*.mod' | wc -l) go.mod files, $(find "$cache/cache/download" -name '*.zip' | wc -l) module zips"
