#!/usr/bin/env bash
# Run a command and say when it started and how long it took, so that the
# log of `make test` (whose steps run two at a time) shows where time goes:
#
#   scripts/timed.sh NAME COMMAND [ARG...]
#
#   === NAME: started 02:41:07
#   === NAME: done in 312s (02:46:19)
set -uo pipefail
name=${1:?usage: timed.sh NAME COMMAND [ARG...]}
shift
start=$(date +%s)
echo "=== $name: started $(date -u +%T)"
"$@"
rc=$?
if [ $rc -eq 0 ]; then
	echo "=== $name: done in $(($(date +%s) - start))s ($(date -u +%T))"
else
	echo "=== $name: FAILED (exit $rc) after $(($(date +%s) - start))s ($(date -u +%T))"
fi
exit $rc
