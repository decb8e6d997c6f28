import * as awsidentity from "@seed-83d379c3/aws-identity";

/**
 * Who runs this program, and which IAM role is behind it. Run as an IAM
 * user, issuerArn is the user's ARN and principalType is "user"; run as an
 * assumed role (SSO, CI, `aws sts assume-role`), issuerArn is the IAM role
 * behind the session, with its path, and sessionName is the session's name.
 */
export async function program(): Promise<Record<string, unknown>> {
    const me = await awsidentity.getCallerIdentity();
    const session = await awsidentity.iam.getSessionContext({ arn: me.arn });
    return {
        accountId: me.accountId,
        callerArn: me.arn,
        principalType: session.principalType,
        issuerArn: session.issuerArn,
        sessionName: session.sessionName,
    };
}
