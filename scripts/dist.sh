#!/usr/bin/env bash
# Write dist/: everything a release publishes, built from this checkout.
#
#   scripts/dist.sh GORELEASER VERSION [all|host]
#
#   all (what `make dist` runs, the default): every platform of .goreleaser.yml
#   host (what `make test` runs): only this machine's (go env GOOS GOARCH)
#
#   dist/pulumi-resource-aws-identity-v$VERSION-{linux,darwin,windows}-{amd64,arm64}.tar.gz
#   dist/checksums.txt                     SHA-256 of those archives
#       built by goreleaser (.goreleaser.yml) in snapshot mode, publishing skipped;
#       for host, from a copy of .goreleaser.yml whose goos and goarch lists
#       name this machine's only, every other line the same (checked below),
#       so the configuration a release uses is the one the tests prove.
#       (goreleaser's --single-target is for `goreleaser build`, which makes
#       no archives and no checksums.txt; `release` has no such flag.)
#   dist/seed-83d379c3-aws-identity-$VERSION.tgz        npm pack of the built Node.js SDK
#   dist/pulumi_aws_identity-$VERSION-py3-none-any.whl  the Python SDK's wheel
#   dist/pulumi_aws_identity-$VERSION.tar.gz            and sdist
#   dist/maven/                            a Maven repository holding the Java SDK's jar and pom
#   dist/goproxy/                          a GOPROXY folder holding the Go SDK module sdk@v$VERSION
#
# The .NET SDK is not packaged: these machines have no .NET SDK and no NuGet.
#
# The Node.js SDK is compiled with the TypeScript of tests/nodejs/node_modules
# and Java's build uses the project's Maven repository .tools/m2, both
# installed by `make sdk-deps`; Python's build tools go into a virtual
# environment of their own, .tools/python-build-venv. Work files go to
# .tools/dist-work/, never into sdk/.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
goreleaser=${1:?usage: dist.sh GORELEASER VERSION}
version=${2:?usage: dist.sh GORELEASER VERSION [all|host]}
targets=${3:-all}
dist=$root/dist
work=$root/.tools/dist-work

log() { echo "dist: $*" >&2; }

# Every package is stamped with the commit's time, so that the same commit
# gives the same bytes.
commit_epoch=$(git log -1 --format=%ct)
commit_iso=$(git log -1 --format=%cI)

rm -rf "$dist" "$work"
mkdir -p "$dist" "$work"

# ---- provider archives and checksums.txt
config=.goreleaser.yml
case $targets in
all) ;;
host)
	goos=$(go env GOOS)
	goarch=$(go env GOARCH)
	config=$work/goreleaser-host.yml
	sed -E -e "s/^(    goos: )\[.*\]\$/\1[$goos]/" -e "s/^(    goarch: )\[.*\]\$/\1[$goarch]/" .goreleaser.yml >"$config"
	# Exactly the two lists differ, and each names a target the release has.
	changed=$(diff .goreleaser.yml "$config" | grep -c '^>' || true)
	grep -qE "^    goos: \[.*\b$goos\b.*\]\$" .goreleaser.yml && grep -qE "^    goarch: \[.*\b$goarch\b.*\]\$" .goreleaser.yml ||
		{ log ".goreleaser.yml builds no $goos/$goarch archive"; exit 1; }
	[ "$changed" -le 2 ] && grep -qx "    goos: \[$goos\]" "$config" && grep -qx "    goarch: \[$goarch\]" "$config" ||
		{ log "cannot narrow .goreleaser.yml's goos/goarch lists to $goos/$goarch"; diff .goreleaser.yml "$config" >&2; exit 1; }
	;;
*) log "unknown targets $targets (all, host)"; exit 2 ;;
esac
log "provider archives, $targets (goreleaser $("$goreleaser" --version 2>/dev/null | awk '/GitVersion/ {print $2}'))"
VERSION=$version SOURCE_DATE_EPOCH=$commit_epoch SOURCE_DATE=$commit_iso "$goreleaser" release --snapshot --clean --skip=publish \
	--config "$config" >"$work/goreleaser.log" 2>&1 || {
	cat "$work/goreleaser.log"
	exit 1
}
cp .tools/goreleaser-dist/pulumi-resource-aws-identity-v"$version"-*.tar.gz .tools/goreleaser-dist/checksums.txt "$dist/"

# ---- Node.js: compiled as published (tsc's output with package.json beside it)
log "npm package"
nodejs=$work/nodejs
mkdir -p "$nodejs"
(cd sdk/nodejs && tar --exclude=./node_modules --exclude=./bin -cf - .) | (cd "$nodejs" && tar -xf -)
[ -d tests/nodejs/node_modules/typescript ] || { log "run make sdk-deps first (tests/nodejs/node_modules)"; exit 1; }
ln -s "$root/tests/nodejs/node_modules" "$nodejs/node_modules"
(cd "$nodejs" && node node_modules/typescript/bin/tsc -p .)
cp "$nodejs/package.json" "$nodejs/README.md" LICENSE "$nodejs/bin/"
(cd "$nodejs/bin" && npm pack --pack-destination "$dist" --loglevel=error >/dev/null)

# ---- Python: wheel and sdist
log "Python wheel and sdist"
venv=$root/.tools/python-build-venv
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c 'import build, setuptools, wheel' 2>/dev/null; then
	rm -rf "$venv"
	"${PYTHON:-python3}" -m venv "$venv"
	"$venv/bin/python" -m pip install --quiet --disable-pip-version-check build setuptools wheel
fi
cp -r sdk/python "$work/python"
cp LICENSE "$work/python/"
SOURCE_DATE_EPOCH=$commit_epoch "$venv/bin/python" -m build --no-isolation --sdist --wheel \
	--outdir "$dist" "$work/python" >"$work/python-build.log" 2>&1 || {
	cat "$work/python-build.log"
	exit 1
}

# ---- Java: jar and pom, deployed into a file repository under dist/
log "Java jar and pom"
mvn=(mvn -B -q --no-transfer-progress -Dstyle.color=never -Dmaven.repo.local="$root/.tools/m2")
cp -r sdk/java "$work/java"
rm -rf "$work/java/target" "$work/java/build"
"${mvn[@]}" -f "$work/java/pom.xml" -Dproject.build.outputTimestamp="$commit_iso" package >"$work/maven.log" 2>&1 ||
	{ cat "$work/maven.log"; exit 1; }
"${mvn[@]}" deploy:deploy-file -DrepositoryId=dist -Durl="file://$dist/maven" \
	-Dfile="$work/java/target/aws-identity-$version.jar" -DpomFile="$work/java/pom.xml" >>"$work/maven.log" 2>&1 ||
	{ cat "$work/maven.log"; exit 1; }

# ---- Go: the module zip of sdk/ at v$VERSION, as the proxy serves the sdk/v$VERSION tag
log "Go module"
(cd tools/goproxy && go run . -repo "$root" -dir sdk -version "v$version" -out "$dist/goproxy" >/dev/null)

log ".NET: not packaged (no .NET SDK or NuGet on this machine)"
(cd "$dist" && find . -type f | LC_ALL=C sort | xargs ls -l | awk '{printf "dist: %10d  %s\n", $5, $9}') >&2
