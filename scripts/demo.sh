#!/usr/bin/env bash
# Run the YAML example examples/yaml/demo through the real Pulumi engine, on a
# throw-away local file backend, against a local moto:
#
#   make demo                      (builds what it needs, then runs this)
#
# It starts moto on a free loopback port, creates an IAM role with a path in
# it, runs `pulumi up --yes` on a copy of the example (getCallerIdentity ->
# assumeRole into the role -> a provider acting as the role -> getCallerIdentity
# through it -> getSessionContext), prints `pulumi stack output --json`
# (secrets stay masked), and stops moto and removes its temporary files on exit.
#
# The same demo against real AWS (untested here: this project's machines reach
# no AWS). Give it base credentials the standard way (AWS_PROFILE, or
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN) and a role
# those credentials may assume (its trust policy must allow them; the base
# identity needs iam:GetRole on it for getSessionContext):
#
#   make tools provider
#   AWS_PROFILE=my-profile AWS_REGION=eu-west-1 \
#     DEMO_ROLE_ARN=arn:aws:iam::111122223333:role/some/path/deployer \
#     PATH="$PWD/bin:$PWD/.tools/bin:$PATH" scripts/demo.sh
#
# With DEMO_ROLE_ARN set no moto is started and no endpoint or key is
# configured: the provider uses the AWS SDK's default credential chain.
#
# Environment: DEMO_ROLE_ARN (see above), DEMO_KEEP=1 keeps the temporary
# folder (state, PULUMI_HOME, moto log) for inspection.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
export PATH="$root/bin:$root/.tools/bin:$PATH"

for tool in pulumi pulumi-language-yaml pulumi-resource-aws-identity; do
	if ! command -v "$tool" >/dev/null; then
		echo "demo: $tool not found on PATH: run \`make tools provider\` (or \`make demo\`)" >&2
		exit 1
	fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/aws-identity-demo.XXXXXX")
moto_pid=

cleanup() {
	local rc=$?
	if [ -n "$moto_pid" ]; then
		kill -TERM -- "-$moto_pid" 2>/dev/null || true
		for _ in $(seq 50); do
			kill -0 "$moto_pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -KILL -- "-$moto_pid" 2>/dev/null || true
		wait "$moto_pid" 2>/dev/null || true
	fi
	if [ "$rc" -ne 0 ] && [ -f "$work/moto.log" ]; then
		echo "--- moto output (last lines)" >&2
		tail -n 30 "$work/moto.log" >&2 || true
	fi
	if [ "${DEMO_KEEP:-}" = 1 ]; then
		echo "demo: kept $work" >&2
	else
		rm -rf "$work"
	fi
	exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A private, throw-away Pulumi: state, home and secrets never touch ~/.pulumi.
export PULUMI_HOME="$work/pulumi-home"
export PULUMI_BACKEND_URL="file://$work/state"
export PULUMI_CONFIG_PASSPHRASE=demo
export PULUMI_SKIP_UPDATE_CHECK=1
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
mkdir -p "$PULUMI_HOME" "$work/state"
# Installed as a user would (see the README), so the engine takes it from its
# plugin cache and ignores the copies on PATH instead of warning about each.
provider_bin=$(command -v pulumi-resource-aws-identity)
pulumi plugin install resource aws-identity "$("$provider_bin" --version)" --file "$provider_bin" >/dev/null
export PULUMI_IGNORE_AMBIENT_PLUGINS=true

# ---------------------------------------------------------------- moto

start_moto() {
	local moto_server python port try
	moto_server=$(readlink -f "$(command -v moto_server)")
	python="$(dirname "$moto_server")/python" # the venv's, which has boto3
	for try in 1 2 3 4 5; do
		port=$("$python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
		# setsid: moto leads its own process group, which cleanup kills whole.
		setsid "$moto_server" -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
		moto_pid=$!
		endpoint="http://127.0.0.1:$port"
		# Ready: still running, logged that it listens (so the port is ours,
		# not another server's), and answers HTTP.
		if "$python" - "$endpoint" "$moto_pid" "$work/moto.log" <<'EOF'; then
import os, sys, time, urllib.request
endpoint, pid, log = sys.argv[1], int(sys.argv[2]), sys.argv[3]
deadline = time.time() + 30
while time.time() < deadline:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        sys.exit(1)  # exited: port taken?
    try:
        with open(log) as f:
            if "Running on " + endpoint in f.read():
                urllib.request.urlopen(endpoint + "/moto-api/", timeout=2).read()
                sys.exit(0)
    except OSError:
        pass
    time.sleep(0.1)
sys.exit(2)
EOF
			echo "demo: moto is up at $endpoint (try $try)"
			motopython=$python
			return 0
		fi
		kill -KILL -- "-$moto_pid" 2>/dev/null || true
		wait "$moto_pid" 2>/dev/null || true
		moto_pid=
	done
	echo "demo: moto did not start" >&2
	return 1
}

create_role() {
	# Prints the new role's ARN.
	"$motopython" - "$endpoint" <<'EOF'
import json, sys, boto3
iam = boto3.client(
    "iam", endpoint_url=sys.argv[1], region_name="us-east-1",
    aws_access_key_id="testing", aws_secret_access_key="testing")
trust = {"Version": "2012-10-17", "Statement": [{
    "Effect": "Allow", "Action": "sts:AssumeRole",
    "Principal": {"AWS": "arn:aws:iam::123456789012:root"}}]}
role = iam.create_role(RoleName="deployer", Path="/demo/platform/",
                       AssumeRolePolicyDocument=json.dumps(trust))["Role"]
print(role["Arn"])
EOF
}

# ---------------------------------------------------------------- program

project="$work/project"
cp -R "$root/examples/yaml/demo" "$project"
cd "$project"

stack=demo
pulumi stack init "$stack" --non-interactive >/dev/null

if [ -n "${DEMO_ROLE_ARN:-}" ]; then
	role_arn=$DEMO_ROLE_ARN
	region=${AWS_REGION:-${AWS_DEFAULT_REGION:-us-east-1}}
	echo "demo: real AWS, role $role_arn, region $region"
	pulumi config set region "$region"
	pulumi config set aws-identity:region "$region"
else
	# Standard AWS variables from the caller's shell must not leak in.
	unset AWS_PROFILE AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN \
		AWS_ENDPOINT_URL AWS_ENDPOINT_URL_STS AWS_ENDPOINT_URL_IAM AWS_ROLE_ARN \
		AWS_WEB_IDENTITY_TOKEN_FILE
	export AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
	start_moto
	role_arn=$(create_role)
	echo "demo: created role $role_arn"
	# The default provider: static keys and moto's endpoints, from config.
	pulumi config set aws-identity:region us-east-1
	pulumi config set aws-identity:accessKey testing
	pulumi config set --secret aws-identity:secretKey testing
	pulumi config set --path 'aws-identity:endpoints.sts' "$endpoint"
	pulumi config set --path 'aws-identity:endpoints.iam' "$endpoint"
	# The role's provider (built in the program) gets the same endpoints.
	pulumi config set --path 'endpoints.sts' "$endpoint"
	pulumi config set --path 'endpoints.iam' "$endpoint"
fi
pulumi config set roleArn "$role_arn"

echo "demo: pulumi up"
pulumi up --yes --non-interactive --stack "$stack"

echo "demo: pulumi stack output --json"
pulumi stack output --json --stack "$stack"
