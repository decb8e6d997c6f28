#!/usr/bin/env bash
# Make room for a run of make test on a CI machine that keeps Go's caches
# from run to run (.ci/run calls it; make test does not: a developer's caches
# are theirs):
#
#   scripts/make-room.sh
#
# Such a disk fills up: Go trims a build-cache entry only after five days
# unused, and one fresh run adds about 10 GB (4.4 GB of build cache, 2.6 GB of
# module cache, 1.6 GB in .tools, test temporaries). When less than
# CI_DISK_NEED_GB (default 12) is free where the checkout is, it empties Go's
# build cache, then, if that is not enough, Go's module cache. Both are
# caches: the run then builds and downloads what it needs, as on a fresh
# machine, which is slower but does not stop half way with "no space left on
# device". If even that is not enough it says so, and the run goes on.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
need_gb=${CI_DISK_NEED_GB:-12}
# Anything but digits would be bash arithmetic (an unset name stops the
# script under set -u, "12GB" or "-1" makes the test fail or pass wrongly and
# so empties the caches or never does), so it is refused, without echoing it.
[[ $need_gb =~ ^[0-9]{1,9}$ ]] || { echo "make-room: CI_DISK_NEED_GB must be a whole number of GB (1 to 9 digits)" >&2; exit 2; }

free_kb() { df -Pk "$root" 2>/dev/null | awk 'NR == 2 {print $4}'; }
enough() { [ "$(free_kb)" -ge $((need_gb * 1048576)) ]; }
gb() { awk -v k="$(free_kb)" 'BEGIN {printf "%.1f GB", k / 1048576}'; }

# Without a reading of the free disk, nothing is emptied on a guess.
[[ $(free_kb) =~ ^[0-9]+$ ]] || { echo "make-room: df gave no free space for $root; leaving Go's caches as they are"; exit 0; }
enough && exit 0
echo "make-room: $(gb) free where the checkout is, and a run of make test needs about $need_gb GB:" \
	"emptying Go's build cache ($(go env GOCACHE))"
go clean -cache || echo "make-room: go clean -cache failed"
enough && exit 0
echo "make-room: $(gb) free: emptying Go's module cache ($(go env GOMODCACHE))"
go clean -modcache || echo "make-room: go clean -modcache failed"
enough && exit 0
echo "make-room: still only $(gb) free with Go's caches empty; the run may fail with \"no space left on device\""
