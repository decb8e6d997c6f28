#!/usr/bin/env bash
# Run every Go fuzz target of the root module for $FUZZTIME (default 30s) each.
# `go test -fuzz` takes one package and one target at a time, so list them first.
#
#   FUZZTIME=2m scripts/fuzz.sh          (or: make fuzz FUZZTIME=2m)
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=${FUZZTIME:-30s}
found=0
while read -r pkg; do
	for target in $(go test -list '^Fuzz' "$pkg" | grep '^Fuzz' || true); do
		found=$((found + 1))
		echo "=== fuzz $pkg $target for $fuzztime"
		go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" "$pkg"
	done
done < <(go list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.ImportPath}}{{end}}' ./... | sed '/^$/d')

if [ "$found" -eq 0 ]; then
	echo "no fuzz targets found" >&2
	exit 1
fi
echo "fuzzed $found targets, $fuzztime each"
