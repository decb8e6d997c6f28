"""Become a role: assume_role_output into the role named by the roleArn config
value, an explicit aws-identity provider built from the temporary
credentials, and get_caller_identity through that provider."""
import pulumi
import pulumi_aws_identity as awsidentity


def program() -> None:
    """secretAccessKey and sessionToken stay secret: encrypted in the state
    and masked in `pulumi stack output`."""
    config = pulumi.Config()

    # Use the output form (assume_role_output) for credentials: it keeps the
    # secrets secret. The Python SDK marks its whole result secret, because
    # two of its fields are, so the program unsecrets what is not a secret.
    session = awsidentity.sts.assume_role_output(
        role_arn=config.require("roleArn"),
        role_session_name=config.get("roleSessionName") or "assume-role-example",
        duration_seconds=900,
    )

    # Acts as the role. Give the same three values to pulumi-aws's
    # aws.Provider to create resources as the role.
    as_role = awsidentity.Provider(
        "as-role",
        access_key=session.credentials.access_key_id,
        secret_key=session.credentials.secret_access_key,
        token=session.credentials.session_token,
    )
    me_as_role = awsidentity.get_caller_identity_output(
        opts=pulumi.InvokeOutputOptions(provider=as_role))

    # Not secrets: shown in plain text on purpose.
    pulumi.export("assumedRoleArn", pulumi.Output.unsecret(session.assumed_role_user.arn))
    pulumi.export("callerArnAsRole", me_as_role.arn)
    pulumi.export("accessKeyId", pulumi.Output.unsecret(session.credentials.access_key_id))
    pulumi.export("expiration", pulumi.Output.unsecret(session.credentials.expiration))
    # Secrets: masked by `pulumi stack output` unless --show-secrets.
    pulumi.export("secretAccessKey", session.credentials.secret_access_key)
    pulumi.export("sessionToken", session.credentials.session_token)
