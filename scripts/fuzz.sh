#!/usr/bin/env bash
# Run every Go fuzz target of the root module for $FUZZTIME (default 30s) each.
# `go test -fuzz` takes one package and one target at a time, so find them
# first (func FuzzXxx(f *testing.F) in a _test.go file of a root-module package).
#
#   FUZZTIME=2m scripts/fuzz.sh          (or: make fuzz FUZZTIME=2m)
set -euo pipefail
cd "$(dirname "$0")/.."

fuzztime=${FUZZTIME:-30s}
# Minimizing every new interesting input can take most of a short run;
# FUZZMINIMIZETIME=0 (as make test sets) spends it all on new inputs.
minimize=${FUZZMINIMIZETIME:-60s}
found=0
# Package directories of the root module (nested modules such as sdk/ are not).
while read -r dir; do
	targets=$(cat "$dir"/*_test.go 2>/dev/null |
		sed -nE 's/^func (Fuzz[A-Za-z0-9_]*)\(.*\*testing\.F\).*/\1/p' | sort -u)
	for target in $targets; do
		found=$((found + 1))
		echo "=== fuzz ./${dir#"$PWD"/} $target for $fuzztime"
		go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" "$dir"
	done
done < <(go list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.Dir}}{{end}}' ./... | sed '/^$/d')

if [ "$found" -eq 0 ]; then
	echo "no fuzz targets found" >&2
	exit 1
fi
echo "fuzzed $found targets, $fuzztime each"
