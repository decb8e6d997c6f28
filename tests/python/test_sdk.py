"""The Python SDK through the real Pulumi engine and the provider binary,
against moto: every function in its plain form and its output form, an
explicit provider, and which outputs are secret."""
import datetime
import re

import pulumi
import pulumi_aws_identity as awsidentity
from pulumi import automation as auto

from conftest import ACCOUNT, env, up

MOTO_USER = f"arn:aws:sts::{ACCOUNT}:user/moto"
LITERAL = f"arn:aws:sts::{ACCOUNT}:assumed-role/py-sdk/literal-session"


def as_dict(v):
    """An invoke result (or a nested output type) as a plain dict."""
    return {k: getattr(v, k) for k in dir(type(v)) if isinstance(getattr(type(v), k), property)}


def test_all_functions_in_both_forms():
    role_arn = env("ROLE_ARN")  # arn:aws:iam::123456789012:role/sdk/py-sdk

    def program():
        # Plain forms.
        me = awsidentity.get_caller_identity()
        ctx = awsidentity.iam.get_session_context(arn=LITERAL)
        no_lookup = awsidentity.iam.get_session_context(arn=LITERAL, lookup_role=False)
        role = awsidentity.sts.assume_role(role_arn=role_arn, role_session_name="py-plain", duration_seconds=900)

        # Output forms, chained.
        me_out = awsidentity.get_caller_identity_output()
        role_out = awsidentity.sts.assume_role_output(
            role_arn=role_arn, role_session_name="py-output", duration_seconds=900)
        ctx_out = awsidentity.iam.get_session_context_output(arn=role_out.assumed_role_user.arn)
        caller_ctx_out = awsidentity.iam.get_session_context_output(arn=me_out.arn, lookup_timeout_seconds=5)

        # An explicit provider acting as the role.
        as_role = awsidentity.Provider(
            "as-role",
            access_key=role_out.credentials.access_key_id,
            secret_key=role_out.credentials.secret_access_key,
            token=role_out.credentials.session_token,
        )
        me_as_role = awsidentity.get_caller_identity_output(opts=pulumi.InvokeOutputOptions(provider=as_role))

        pulumi.export("me", as_dict(me))
        pulumi.export("ctx", as_dict(ctx))
        pulumi.export("noLookup", as_dict(no_lookup))
        pulumi.export("plainAssumedRoleArn", role.assumed_role_user.arn)
        pulumi.export("plainAssumedRoleId", role.assumed_role_user.assumed_role_id)
        pulumi.export("plainPackedPolicySize", role.packed_policy_size)
        pulumi.export("plainSourceIdentity", role.source_identity)
        pulumi.export("plainAccessKeyId", role.credentials.access_key_id)
        pulumi.export("plainSecretAccessKey", role.credentials.secret_access_key)
        pulumi.export("plainSessionToken", role.credentials.session_token)
        pulumi.export("meOut", me_out.apply(as_dict))
        pulumi.export("ctxOut", ctx_out.apply(as_dict))
        pulumi.export("callerCtxOut", caller_ctx_out.apply(as_dict))
        pulumi.export("outputAssumedRoleArn", role_out.assumed_role_user.arn)
        pulumi.export("outputPackedPolicySize", role_out.packed_policy_size)
        pulumi.export("outputAccessKeyId", role_out.credentials.access_key_id)
        pulumi.export("outputSecretAccessKey", role_out.credentials.secret_access_key)
        pulumi.export("outputSessionToken", role_out.credentials.session_token)
        pulumi.export("outputExpiration", role_out.credentials.expiration)
        pulumi.export("outputAccessKeyIdShown", pulumi.Output.unsecret(role_out.credentials.access_key_id))
        pulumi.export("meAsRoleArn", me_as_role.arn)

    r = up("python-sdk", program)
    v = r.value

    # get_caller_identity, both forms: moto's default user.
    caller = {"account_id": ACCOUNT, "arn": MOTO_USER, "id": ACCOUNT, "partition": "aws",
              "user_id": "AKIAIOSFODNN7EXAMPLE"}
    assert v("me") == caller
    assert v("meOut") == caller

    # get_session_context, plain form: the role found with its path.
    role_id = v("ctx")["issuer_id"]
    assert re.fullmatch(r"AROA[A-Z0-9]+", role_id)
    role_ctx = {
        "account_id": ACCOUNT, "arn": LITERAL, "id": LITERAL, "issuer_arn": role_arn, "issuer_id": role_id,
        "issuer_name": "py-sdk", "partition": "aws", "principal_type": "assumed-role",
        "session_name": "literal-session",
    }
    assert v("ctx") == role_ctx
    # lookup_role=False answers from the ARN alone: no path, no role ID.
    assert v("noLookup") == {**role_ctx, "issuer_arn": f"arn:aws:iam::{ACCOUNT}:role/py-sdk", "issuer_id": ""}

    # get_session_context, output form, on assume_role_output's session ARN ...
    output_session = f"arn:aws:sts::{ACCOUNT}:assumed-role/py-sdk/py-output"
    assert v("ctxOut") == {**role_ctx, "arn": output_session, "id": output_session, "session_name": "py-output"}
    # ... and on a user's ARN, which passes through.
    assert v("callerCtxOut") == {
        "account_id": ACCOUNT, "arn": MOTO_USER, "id": MOTO_USER, "issuer_arn": MOTO_USER, "issuer_id": "",
        "issuer_name": "", "partition": "aws", "principal_type": "other", "session_name": "",
    }

    # assume_role, plain form.
    assert v("plainAssumedRoleArn") == f"arn:aws:sts::{ACCOUNT}:assumed-role/py-sdk/py-plain"
    assert v("plainAssumedRoleId") == f"{role_id}:py-plain"
    assert v("plainPackedPolicySize") == 6
    assert v("plainSourceIdentity") == ""
    assert re.fullmatch(r"ASIA[A-Z0-9]{16}", v("plainAccessKeyId"))
    assert len(v("plainSecretAccessKey")) >= 20 and len(v("plainSessionToken")) >= 20

    # assume_role, output form.
    assert v("outputAssumedRoleArn") == output_session
    assert v("outputPackedPolicySize") == 6
    assert re.fullmatch(r"ASIA[A-Z0-9]{16}", v("outputAccessKeyId"))
    assert v("outputAccessKeyId") != v("plainAccessKeyId"), "two sessions, two keys"
    expires = datetime.datetime.fromisoformat(v("outputExpiration").replace("Z", "+00:00"))
    left = (expires - datetime.datetime.now(datetime.timezone.utc)).total_seconds()
    assert 600 < left <= 900, f"expiration {v('outputExpiration')} is ~900 s away"

    # The explicit provider acts as the role.
    assert v("meAsRoleArn") == output_session

    # Secrets. secret_access_key and session_token of the output form are
    # secret in the stack outputs; the key ID, unsecreted as a program does
    # to show it, is not.
    assert r.secret("outputSecretAccessKey") is True
    assert r.secret("outputSessionToken") is True
    assert r.secret("outputAccessKeyIdShown") is False
    assert v("outputAccessKeyIdShown") == v("outputAccessKeyId")
    assert r.secret("me") is False
    assert r.secret("meAsRoleArn") is False
    # The Python SDK marks the output form's whole result secret when any
    # field is (so the key ID and the session's ARN are secret too, and so is
    # what is computed from them), and its plain form drops secrecy
    # altogether. Both are the pulumi package's rules, not this provider's;
    # they are checked here so that a change in them is noticed (the
    # examples tell users to use the output form for credentials).
    for k in ["outputAccessKeyId", "outputAssumedRoleArn", "outputExpiration", "ctxOut"]:
        assert r.secret(k) is True, f"{k}: the output form's whole result is secret"
    for k in ["plainAccessKeyId", "plainSecretAccessKey", "plainSessionToken"]:
        assert r.secret(k) is False, f"{k}: the plain form drops secrecy"

    # The output form's secrets are nowhere in plain text: not in the state,
    # not in what `pulumi up` printed.
    state = r.state_text()
    assert '"ciphertext":' in state
    for k in ["outputSecretAccessKey", "outputSessionToken"]:
        secret = v(k)
        assert isinstance(secret, str) and len(secret) >= 20, k
        assert secret not in state, f"{k} is in the state as plain text"
        assert secret not in r.stdout, f"{k} is in the output of pulumi up"


# Recognizable values; moto accepts any key and any web identity token.
CONFIG_KEY = "AKIAPYDEFAULTKEY0001"
CONFIG_SECRET = "pyDefaultSecretKey/00000000000000000000"
CONFIG_TOKEN = "pyDefaultSessionToken/0000000000000000000000"
OTHER_KEY = "AKIAPYEXPLICITKEY001"
OTHER_SECRET = "pyExplicitSecretKey/0000000000000000000"
WEB_IDENTITY_TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJweSJ9.pyWebIdentityTokenSignature"


def expires_in(v) -> float:
    expires = datetime.datetime.fromisoformat(v.replace("Z", "+00:00"))
    return (expires - datetime.datetime.now(datetime.timezone.utc)).total_seconds()


def test_credential_functions():
    role_arn = env("WEB_IDENTITY_ROLE_ARN")  # arn:aws:iam::123456789012:role/oidc/py-oidc
    session = f"arn:aws:sts::{ACCOUNT}:assumed-role/py-oidc/py-web"

    def program():
        # get_credentials: the default provider's, in both forms, and an
        # explicit provider's.
        creds = awsidentity.get_credentials_output()
        plain = awsidentity.get_credentials()
        other = awsidentity.Provider("other", access_key=OTHER_KEY, secret_key=pulumi.Output.secret(OTHER_SECRET))
        other_creds = awsidentity.get_credentials_output(opts=pulumi.InvokeOutputOptions(provider=other))

        # get_session_token, and get_caller_identity with its credentials.
        mfa = awsidentity.sts.get_session_token_output(
            serial_number=f"arn:aws:iam::{ACCOUNT}:mfa/py", token_code="123456", duration_seconds=900)
        with_mfa = awsidentity.Provider(
            "with-mfa",
            access_key=mfa.credentials.access_key_id,
            secret_key=mfa.credentials.secret_access_key,
            token=mfa.credentials.session_token,
        )

        # assume_role_with_web_identity with a secret token, and
        # get_caller_identity with its credentials.
        web = awsidentity.sts.assume_role_with_web_identity_output(
            role_arn=role_arn, role_session_name="py-web",
            web_identity_token=pulumi.Output.secret(WEB_IDENTITY_TOKEN), duration_seconds=900)
        as_web = awsidentity.Provider(
            "as-web",
            access_key=web.credentials.access_key_id,
            secret_key=web.credentials.secret_access_key,
            token=web.credentials.session_token,
        )

        # get_access_key_info in both forms.
        owner = awsidentity.sts.get_access_key_info(access_key_id=env("AUDITED_KEY_ID"))
        unknown_owner = awsidentity.sts.get_access_key_info_output(access_key_id="AKIAUNKNOWNKEY000001")

        pulumi.export("credsAccessKeyId", creds.access_key_id)
        pulumi.export("credsSecretAccessKey", creds.secret_access_key)
        pulumi.export("credsSessionToken", creds.session_token)
        pulumi.export("credsExpiration", creds.expiration)
        pulumi.export("credsSource", creds.source)
        pulumi.export("plainAccessKeyId", plain.access_key_id)
        pulumi.export("plainSource", plain.source)
        pulumi.export("otherAccessKeyId", other_creds.access_key_id)
        pulumi.export("otherSecretAccessKey", other_creds.secret_access_key)
        pulumi.export("otherSessionToken", other_creds.session_token)
        pulumi.export("mfaAccessKeyId", mfa.credentials.access_key_id)
        pulumi.export("mfaSecretAccessKey", mfa.credentials.secret_access_key)
        pulumi.export("mfaSessionToken", mfa.credentials.session_token)
        pulumi.export("mfaExpiration", mfa.expiration)
        pulumi.export("mfaCredentialsExpiration", mfa.credentials.expiration)
        pulumi.export("callerArnWithMfa", awsidentity.get_caller_identity_output(
            opts=pulumi.InvokeOutputOptions(provider=with_mfa)).arn)
        pulumi.export("webAssumedRoleArn", web.assumed_role_user.arn)
        pulumi.export("webAssumedRoleId", web.assumed_role_user.assumed_role_id)
        pulumi.export("webAccessKeyId", web.credentials.access_key_id)
        pulumi.export("webSecretAccessKey", web.credentials.secret_access_key)
        pulumi.export("webSessionToken", web.credentials.session_token)
        pulumi.export("webExpiration", web.credentials.expiration)
        pulumi.export("webPackedPolicySize", web.packed_policy_size)
        pulumi.export("webSubject", web.subject_from_web_identity_token)
        pulumi.export("webAudience", web.audience)
        pulumi.export("webProvider", web.provider)
        pulumi.export("webSourceIdentity", web.source_identity)
        pulumi.export("callerArnAsWeb", awsidentity.get_caller_identity_output(
            opts=pulumi.InvokeOutputOptions(provider=as_web)).arn)
        pulumi.export("ownerAccount", owner.account)
        pulumi.export("unknownOwnerAccount", unknown_owner.account)

    r = up("python-credential-functions", program, config={
        "aws-identity:accessKey": CONFIG_KEY,
        "aws-identity:secretKey": auto.ConfigValue(value=CONFIG_SECRET, secret=True),
        "aws-identity:token": auto.ConfigValue(value=CONFIG_TOKEN, secret=True),
    })
    v = r.value

    # get_credentials: the configured credentials; an explicit provider's own.
    assert v("credsAccessKeyId") == CONFIG_KEY
    assert v("credsSecretAccessKey") == CONFIG_SECRET
    assert v("credsSessionToken") == CONFIG_TOKEN
    assert v("credsExpiration") == "", "static keys do not expire"
    assert v("credsSource") == "the provider's accessKey and secretKey"
    assert v("plainAccessKeyId") == CONFIG_KEY
    assert v("plainSource") == v("credsSource")
    assert v("otherAccessKeyId") == OTHER_KEY
    assert v("otherSecretAccessKey") == OTHER_SECRET
    assert v("otherSessionToken") == "", "long-term keys have no session token"

    # get_session_token: moto's credentials, which moto accepts (it tracks no
    # session-token keys, so it names its default user).
    assert v("mfaAccessKeyId") == "AKIAIOSFODNN7EXAMPLE"
    assert len(v("mfaSecretAccessKey")) >= 20 and len(v("mfaSessionToken")) >= 20
    assert 600 < expires_in(v("mfaExpiration")) <= 960, f"expiration {v('mfaExpiration')} is ~900 s away"
    assert v("mfaCredentialsExpiration") == v("mfaExpiration")
    assert v("callerArnWithMfa") == MOTO_USER

    # assume_role_with_web_identity: a session of the role, which moto knows.
    assert v("webAssumedRoleArn") == session
    assert v("webAssumedRoleId") == "ARO123EXAMPLE123:py-web"
    assert v("callerArnAsWeb") == session, "the explicit provider acts as the role"
    assert re.fullmatch(r"ASIA[A-Z0-9]{16}", v("webAccessKeyId"))
    assert 600 < expires_in(v("webExpiration")) <= 960
    assert v("webPackedPolicySize") == 6
    # moto answers without these; AWS fills them in from the token.
    for k in ["webSubject", "webAudience", "webProvider", "webSourceIdentity"]:
        assert v(k) == "", k

    # get_access_key_info: the account that owns the key (python_test.go made
    # it in 111111111111); moto's own account for a key it does not know.
    assert v("ownerAccount") == "111111111111"
    assert v("unknownOwnerAccount") == ACCOUNT

    # Secrets. The output form's results are secret as a whole; the plain
    # form drops secrecy (the pulumi package's rule, as for assume_role).
    for k in ["credsSecretAccessKey", "credsSessionToken", "credsAccessKeyId", "credsSource",
              "otherSecretAccessKey", "mfaSecretAccessKey", "mfaSessionToken", "mfaAccessKeyId",
              "webSecretAccessKey", "webSessionToken", "webAssumedRoleArn"]:
        assert r.secret(k) is True, f"{k} is secret"
    assert r.secret("plainAccessKeyId") is False, "the plain form drops secrecy"
    for k in ["callerArnWithMfa", "callerArnAsWeb", "ownerAccount", "unknownOwnerAccount"]:
        assert r.secret(k) is False, f"{k} is not secret"
    state = r.state_text()
    secrets = {"webIdentityToken": WEB_IDENTITY_TOKEN, "otherSecret": OTHER_SECRET,
               "configSecret": CONFIG_SECRET, "configToken": CONFIG_TOKEN}
    for k in ["mfaSecretAccessKey", "mfaSessionToken", "webSecretAccessKey", "webSessionToken"]:
        secrets[k] = v(k)
    for k, secret in secrets.items():
        assert secret not in state, f"{k} is in the state as plain text"
        assert secret not in r.stdout, f"{k} is in the output of pulumi up"
