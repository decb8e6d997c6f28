#!/usr/bin/env bash
# Say how much disk this checkout's build holds and how much is left, so that
# a CI log that ends in "no space left on device" also tells whose space it
# was (.ci/run prints it before make test, and after it, pass or fail):
#
#   scripts/disk-report.sh [LABEL]
#
# Sizes are du's, of what exists; a folder that is not there is left out.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
label=${1:-now}

free() { df -Pk "$1" 2>/dev/null | awk 'NR == 2 {printf "%.1f GB free of %.1f GB", $4 / 1048576, $2 / 1048576}'; }
size() { [ -e "$1" ] && du -sk "$1" 2>/dev/null | awk -v n="$2" '{printf "  %-14s %7.2f GB  %s\n", n, $1 / 1048576, $2}'; }

echo "=== disk ($label): $(free "$root") where the checkout is; $(free "${TMPDIR:-/tmp}") in ${TMPDIR:-/tmp}"
size "$root/.tools" ".tools"
size "$root/dist" "dist"
size "$(go env GOCACHE 2>/dev/null)" "GOCACHE"
size "$(go env GOMODCACHE 2>/dev/null)" "GOMODCACHE"
size "${HOME:-}/.npm" "npm cache"
size "${HOME:-}/.cache/pip" "pip cache"
size "${HOME:-}/.m2" "~/.m2"
exit 0
