#!/usr/bin/env bash
# Fill the project's own Maven repository, .tools/m2, with everything the Java
# SDK tests (tests/java) need, by running the same build they run:
#
#   mvn -Dmaven.repo.local=.tools/m2 -f tests/java/pom.xml install
#
# which installs sdk/java and examples/java/who-am-i into .tools/m2 and builds
# tests/java/runner with its dependencies in tests/java/runner/target/lib.
# Nothing outside the repository is written but Maven's downloads, which go to
# .tools/m2 too. The first run downloads about 60 MB (com.pulumi:pulumi 1.12.0,
# its gRPC and protobuf jars, Maven's plugins); later runs download nothing.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
for tool in mvn java; do
	if ! command -v "$tool" >/dev/null; then
		echo "install-java-deps: $tool is not on PATH; install Maven and a JDK 11 or newer" \
			"(Debian: apt-get install maven openjdk-17-jdk-headless)" >&2
		exit 1
	fi
done
exec mvn -B -q --no-transfer-progress -Dstyle.color=never \
	-Dmaven.repo.local="$root/.tools/m2" -f "$root/tests/java/pom.xml" install
