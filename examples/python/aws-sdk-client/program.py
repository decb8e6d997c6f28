"""Hand the provider's own credentials to an AWS SDK client in the program."""
import boto3
import pulumi
import pulumi_aws_identity as awsidentity


def who_is(creds: awsidentity.GetCredentialsResult) -> dict:
    """Ask STS, through boto3 with the provider's credentials, who the caller
    is. The client takes its region and endpoint boto3's standard way
    (AWS_REGION, AWS_ENDPOINT_URL, the profile), not from the provider."""
    client = boto3.client(
        "sts",
        aws_access_key_id=creds.access_key_id,
        aws_secret_access_key=creds.secret_access_key,
        aws_session_token=creds.session_token or None,  # empty for long-term keys
    )
    me = client.get_caller_identity()
    return {"arn": me["Arn"], "account": me["Account"]}


def program() -> None:
    """The provider's credentials, resolved by its configuration and chain
    (profile, SSO, web identity, assume_role, ...), make a boto3 client that
    is the same identity as the provider's get_caller_identity. The same
    hand-over works for any AWS SDK call, a dynamic provider or a tool the
    program starts."""
    # The output form keeps secret_access_key and session_token secret; the
    # plain form would drop their secrecy.
    creds = awsidentity.get_credentials_output()
    sdk = creds.apply(who_is)
    provider = awsidentity.get_caller_identity_output()
    # An invoke's whole result is secret when any field of it is, and so is
    # what is computed from it: unsecret what is not a secret to show it.
    pulumi.export("source", pulumi.Output.unsecret(creds.source))
    pulumi.export("accessKeyId", pulumi.Output.unsecret(creds.access_key_id))
    pulumi.export("expiration", pulumi.Output.unsecret(creds.expiration))
    pulumi.export("sdkCallerArn", pulumi.Output.unsecret(sdk["arn"]))
    pulumi.export("sdkAccountId", pulumi.Output.unsecret(sdk["account"]))
    pulumi.export("providerCallerArn", provider.arn)
