#!/usr/bin/env bash
# Install the AWS CLI (awscli from PyPI) at an exact version into a Python
# virtual environment of its own: the tests' oracle where a claim is "as the
# AWS CLI does" (its credential cache for role profiles with mfa_serial).
#
#   scripts/install-awscli.sh VERSION VENV_DIR
#
# Called by make (the version lives in the Makefile, AWSCLI_VERSION).
# On failure the half-made environment is removed, so the next run starts over.
set -euo pipefail

if [ $# -ne 2 ]; then
	echo "usage: $0 VERSION VENV_DIR" >&2
	exit 2
fi
version=$1
venv=$2

python=${PYTHON:-}
if [ -z "$python" ]; then
	for p in python3 python; do
		if command -v "$p" >/dev/null 2>&1; then python=$p; break; fi
	done
fi
if [ -z "$python" ]; then
	echo "install-awscli: no python3 on PATH (set PYTHON=/path/to/python3)" >&2
	exit 1
fi

ok=
cleanup() { if [ -z "$ok" ]; then rm -rf "$venv"; fi; }
trap cleanup EXIT

echo "installing awscli==$version into $venv"
rm -rf "$venv"
mkdir -p "$(dirname "$venv")"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "awscli==$version"

# Prove it runs before calling it installed.
"$venv/bin/aws" --version
touch "$venv/bin/aws"
ok=1
