#!/usr/bin/env bash
# Install what the Node.js and Python SDK tests (tests/nodejs, tests/python)
# and the Node.js/Python examples need, idempotently:
#
#   scripts/install-sdk-deps.sh [nodejs] [python]     (default: both)
#
#   nodejs  npm ci in tests/nodejs (shared by the who-am-i, assume-role and
#           aws-sdk-client examples; @aws-sdk/client-sts for the last) and
#           in examples/nodejs/aws-provider-from-assume-role;
#           sdk/nodejs compiled with tsc into .tools/sdk-nodejs-build/ and
#           copied into tests/nodejs/node_modules/@seed-83d379c3/aws-identity.
#   python  a virtual environment .tools/python-sdk-venv-<pulumi version>/ with
#           tests/python/requirements.txt (pulumi, pytest, boto3 for the
#           aws-sdk-client example) and sdk/python.
#
# Every step is keyed by a hash of its inputs (lock file, SDK sources, Node or
# Python version) kept in a stamp file next to its output, so a second run
# with nothing changed does nothing and takes well under a second. A step that
# fails leaves no stamp, so the next run redoes it.
#
# Environment: PYTHON (default python3), PULUMI_VERSION (default v3.259.0; must
# match tests/python/requirements.txt and tests/nodejs/package.json).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
tools=$root/.tools
pulumi_version=${PULUMI_VERSION:-v3.259.0}

log() { echo "install-sdk-deps: $*" >&2; }

# hash_of FILE_OR_DIR...: one sha256 over the named files' paths and contents
# (directories: every file under them, node_modules/bin/__pycache__ excluded).
hash_of() {
	find "$@" \( -name node_modules -o -name bin -o -name __pycache__ -o -name '*.egg-info' -o -name build \) \
		-prune -o -type f -print | LC_ALL=C sort | while read -r f; do
		printf '%s\n' "$f"
		cat "$f"
	done | sha256sum | cut -d' ' -f1
}

stamp_ok() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

# npm_ci DIR: npm ci in DIR unless its lock file (and node's version) is what
# the last successful install saw.
npm_ci() {
	local dir=$1 stamp=$1/node_modules/.aws-identity-install-stamp key
	key="$(node --version) $(hash_of "$dir/package-lock.json")"
	if stamp_ok "$stamp" "$key"; then
		return 0
	fi
	log "npm ci in $dir"
	(cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
	echo "$key" >"$stamp"
}

install_nodejs() {
	command -v node >/dev/null || { log "node is not on PATH"; exit 1; }
	npm_ci tests/nodejs
	npm_ci examples/nodejs/aws-provider-from-assume-role

	# The SDK, compiled as its package is published: tsc's output in bin/ with
	# package.json beside it (utilities.ts reads ./package.json at run time).
	local build=$tools/sdk-nodejs-build dest=tests/nodejs/node_modules/@seed-83d379c3/aws-identity key
	key="$(node --version) $(hash_of sdk/nodejs tests/nodejs/package-lock.json)"
	if ! stamp_ok "$build/stamp" "$key"; then
		log "building sdk/nodejs into $build"
		rm -rf "$build"
		mkdir -p "$build/src"
		(cd sdk/nodejs && tar --exclude=./node_modules --exclude=./bin -cf - .) | (cd "$build/src" && tar -xf -)
		ln -s "$root/tests/nodejs/node_modules" "$build/src/node_modules"
		(cd "$build/src" && node node_modules/typescript/bin/tsc -p .)
		cp "$build/src/package.json" "$build/src/bin/package.json"
		rm -rf "$dest" # a new build is always copied in
		echo "$key" >"$build/stamp"
	fi
	# npm ci empties node_modules, so the copy is checked on its own.
	if ! stamp_ok "$dest/.aws-identity-install-stamp" "$key"; then
		log "installing the built SDK into $dest"
		rm -rf "$dest"
		mkdir -p "$(dirname "$dest")"
		cp -r "$build/src/bin" "$dest"
		echo "$key" >"$dest/.aws-identity-install-stamp"
	fi
}

install_python() {
	local python=${PYTHON:-python3}
	command -v "$python" >/dev/null || { log "$python is not on PATH (set PYTHON)"; exit 1; }
	local venv=$tools/python-sdk-venv-$pulumi_version key
	key="$("$python" --version 2>&1) $(hash_of tests/python/requirements.txt sdk/python)"
	if stamp_ok "$venv/stamp" "$key"; then
		return 0
	fi
	if [ ! -x "$venv/bin/python" ]; then
		log "creating $venv"
		"$python" -m venv "$venv"
	fi
	log "installing tests/python/requirements.txt and sdk/python into $venv"
	rm -f "$venv/stamp"
	"$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r tests/python/requirements.txt
	# A fresh build of the SDK every time its sources change: no cached wheel.
	local tmp
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' RETURN
	cp -r sdk/python "$tmp/sdk"
	"$venv/bin/python" -m pip uninstall --quiet --yes pulumi_aws_identity >/dev/null 2>&1 || true
	"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-cache-dir "$tmp/sdk"
	"$venv/bin/python" -m pip check >/dev/null || { "$venv/bin/python" -m pip check; exit 1; }
	"$venv/bin/python" -c 'import pulumi_aws_identity, pulumi.automation, pytest, boto3'
	echo "$key" >"$venv/stamp"
}

what=("$@")
[ ${#what[@]} -gt 0 ] || what=(nodejs python)
for w in "${what[@]}"; do
	case $w in
	nodejs) install_nodejs ;;
	python) install_python ;;
	*) log "unknown part $w (nodejs, python)"; exit 2 ;;
	esac
done
