"""Who runs this program, and which IAM role is behind it."""
import pulumi
import pulumi_aws_identity as awsidentity


def program() -> None:
    """Run as an IAM user, issuerArn is the user's ARN and principalType is
    "user"; run as an assumed role (SSO, CI, `aws sts assume-role`), issuerArn
    is the IAM role behind the session, with its path, and sessionName is the
    session's name."""
    me = awsidentity.get_caller_identity()
    session = awsidentity.iam.get_session_context(arn=me.arn)
    pulumi.export("accountId", me.account_id)
    pulumi.export("callerArn", me.arn)
    pulumi.export("principalType", session.principal_type)
    pulumi.export("issuerArn", session.issuer_arn)
    pulumi.export("sessionName", session.session_name)
