"""The Python examples (examples/python/*/program.py), run as inline
programs through the real Pulumi engine against moto."""
import os
import re

from pulumi import automation as auto

from conftest import ACCOUNT, env, load_example, up

who_am_i = load_example("who-am-i")
assume_role = load_example("assume-role")
aws_sdk_client = load_example("aws-sdk-client")


def test_who_am_i_as_motos_default_user():
    r = up("who-am-i", who_am_i.program)
    assert r.values() == {
        "accountId": ACCOUNT,
        "callerArn": f"arn:aws:sts::{ACCOUNT}:user/moto",
        "principalType": "other",
        "issuerArn": f"arn:aws:sts::{ACCOUNT}:user/moto",
        "sessionName": "",
    }


def test_who_am_i_as_an_assumed_role():
    # python_test.go assumed RUNNER_ROLE_ARN (session build-7) and passes the
    # session's credentials; the CLI and the provider run with them.
    r = up("who-am-i", who_am_i.program, env_vars={
        "AWS_ACCESS_KEY_ID": env("RUNNER_ACCESS_KEY_ID"),
        "AWS_SECRET_ACCESS_KEY": env("RUNNER_SECRET_ACCESS_KEY"),
        "AWS_SESSION_TOKEN": env("RUNNER_SESSION_TOKEN"),
    })
    assert r.values() == {
        "accountId": ACCOUNT,
        "callerArn": f"arn:aws:sts::{ACCOUNT}:assumed-role/ci-runner/build-7",
        "principalType": "assumed-role",
        "issuerArn": env("RUNNER_ROLE_ARN"),  # arn:aws:iam::123456789012:role/runners/ci-runner
        "sessionName": "build-7",
    }


def test_assume_role():
    r = up("assume-role", assume_role.program, config={
        "roleArn": env("EXAMPLE_ROLE_ARN"),  # arn:aws:iam::123456789012:role/deploy/Deployer
        "roleSessionName": "release-1",
    })
    session = f"arn:aws:sts::{ACCOUNT}:assumed-role/Deployer/release-1"
    assert sorted(r.outputs) == [
        "accessKeyId", "assumedRoleArn", "callerArnAsRole", "expiration", "secretAccessKey", "sessionToken"]
    assert (r.value("assumedRoleArn"), r.secret("assumedRoleArn")) == (session, False)
    assert (r.value("callerArnAsRole"), r.secret("callerArnAsRole")) == (session, False), \
        "the explicit provider acts as the role"
    assert re.fullmatch(r"ASIA[A-Z0-9]{16}", r.value("accessKeyId"))
    assert r.secret("accessKeyId") is False
    assert r.secret("expiration") is False
    state = r.state_text()
    for k in ["secretAccessKey", "sessionToken"]:
        assert r.secret(k) is True, f"{k} is secret"
        secret = r.value(k)
        assert isinstance(secret, str) and len(secret) >= 20, k
        assert secret not in state, f"{k} is in the state as plain text"
        assert secret not in r.stdout, f"{k} is in the output of pulumi up"


def test_aws_sdk_client(monkeypatch):
    # The provider is configured with the credentials of a ci-runner session
    # (python_test.go assumed RUNNER_ROLE_ARN, session build-7), while this
    # process, where the boto3 client runs, has moto's test keys in the
    # environment: only credentials from the provider make the client that
    # session. The client finds moto through AWS_ENDPOINT_URL alone.
    monkeypatch.setenv("AWS_ENDPOINT_URL", env("MOTO_ENDPOINT"))
    monkeypatch.delenv("AWS_ENDPOINT_URL_STS")
    monkeypatch.delenv("AWS_ENDPOINT_URL_IAM")
    # python_test.go blanks AWS_PROFILE for the provider; boto3 takes an
    # empty AWS_PROFILE for a profile named "" and fails to find it.
    monkeypatch.delenv("AWS_PROFILE")
    assert os.environ["AWS_ACCESS_KEY_ID"] == "testing", "the program's own environment has other keys"
    r = up("aws-sdk-client", aws_sdk_client.program, config={
        "aws-identity:accessKey": env("RUNNER_ACCESS_KEY_ID"),
        "aws-identity:secretKey": auto.ConfigValue(value=env("RUNNER_SECRET_ACCESS_KEY"), secret=True),
        "aws-identity:token": auto.ConfigValue(value=env("RUNNER_SESSION_TOKEN"), secret=True),
    })
    session = f"arn:aws:sts::{ACCOUNT}:assumed-role/ci-runner/build-7"
    assert r.values() == {
        "source": "the provider's accessKey and secretKey",
        "accessKeyId": env("RUNNER_ACCESS_KEY_ID"),
        "expiration": "",
        "sdkCallerArn": session,
        "sdkAccountId": ACCOUNT,
        "providerCallerArn": session,
    }
    for k in r.outputs:
        assert r.secret(k) is False, f"{k} is shown (unsecreted or never secret)"
    state = r.state_text()
    for secret in [env("RUNNER_SECRET_ACCESS_KEY"), env("RUNNER_SESSION_TOKEN")]:
        assert secret not in state, "a configured secret is in the state as plain text"
        assert secret not in r.stdout, "a configured secret is in the output of pulumi up"
