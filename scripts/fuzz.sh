#!/usr/bin/env bash
# Run every Go fuzz target of the root module for $FUZZTIME (default 30s) each.
# `go test -fuzz` takes one package and one target at a time, so find them
# first (func FuzzXxx(f *testing.F) in a _test.go file of a root-module package).
#
#   FUZZTIME=2m scripts/fuzz.sh          (or: make fuzz FUZZTIME=2m)
#   scripts/fuzz.sh -c                    compile the instrumented test binaries
#                                         only (into Go's build cache), fuzz none
set -euo pipefail
compile_only=false
[ "${1:-}" = "-c" ] && compile_only=true
cd "$(dirname "$0")/.."

fuzztime=${FUZZTIME:-30s}
# Minimizing every new interesting input can take most of a short run;
# FUZZMINIMIZETIME=0 (as make test sets) spends it all on new inputs.
minimize=${FUZZMINIMIZETIME:-60s}
# FUZZPARALLEL=N: N fuzzing workers (go test -parallel; default: one per CPU).
# make test runs the fuzz targets beside its builds, on one worker.
parallel=()
[ -n "${FUZZPARALLEL:-}" ] && parallel=(-parallel "$FUZZPARALLEL")
found=0

# fuzz_one DIR TARGET. Go 1.26's fuzzing coordinator can report the end of
# -fuzztime itself as a failure, "context deadline exceeded", with no failing
# input (go.dev/issue/75804, fixed in Go 1.27). Such a run, and only such a
# run (that message, and no new file under testdata/fuzz/TARGET), is run once
# more; any other failure, or a second one, fails.
fuzz_one() {
	local dir=$1 target=$2 out before after
	out=$(mktemp)
	# A target with no corpus folder yet has none to count (and ls fails,
	# which pipefail would make fatal).
	before=$({ find "$dir/testdata/fuzz/$target" -type f 2>/dev/null || true; } | wc -l)
	if go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" "${parallel[@]}" "$dir" 2>&1 | tee "$out"; then
		rm -f "$out"
		return 0
	fi
	after=$({ find "$dir/testdata/fuzz/$target" -type f 2>/dev/null || true; } | wc -l)
	if [ "$after" -eq "$before" ] && grep -qx '    context deadline exceeded' "$out" && ! grep -q 'Failing input written' "$out"; then
		rm -f "$out"
		echo "=== fuzz ${target}: the Go coordinator's end-of-fuzztime race (go.dev/issue/75804), no failing input; running it again"
		go test -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime" -fuzzminimizetime "$minimize" "${parallel[@]}" "$dir"
		return
	fi
	rm -f "$out"
	return 1
}
# Package directories of the root module (nested modules such as sdk/ are not).
while read -r dir; do
	targets=$(cat "$dir"/*_test.go 2>/dev/null |
		sed -nE 's/^func (Fuzz[A-Za-z0-9_]*)\(.*\*testing\.F\).*/\1/p' | sort -u)
	if $compile_only && [ -n "$targets" ]; then
		found=$((found + 1))
		go test -c -o /dev/null -fuzz "^$(echo "$targets" | head -1)\$" "$dir"
		continue
	fi
	for target in $targets; do
		found=$((found + 1))
		echo "=== fuzz ./${dir#"$PWD"/} $target for $fuzztime"
		fuzz_one "$dir" "$target"
	done
done < <(go list -f '{{if or .TestGoFiles .XTestGoFiles}}{{.Dir}}{{end}}' ./... | sed '/^$/d')

if [ "$found" -eq 0 ]; then
	echo "no fuzz targets found" >&2
	exit 1
fi
if $compile_only; then
	echo "compiled the fuzz test binaries of $found packages"
else
	echo "fuzzed $found targets, $fuzztime each"
fi
