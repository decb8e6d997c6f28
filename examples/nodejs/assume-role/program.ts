import * as pulumi from "@pulumi/pulumi";
import * as awsidentity from "@seed-83d379c3/aws-identity";

/**
 * Become a role: assumeRole into the role named by the `roleArn` config
 * value, build an explicit aws-identity provider from the temporary
 * credentials, and ask getCallerIdentity through that provider who it is
 * (the assumed-role session). secretAccessKey and sessionToken stay secret:
 * encrypted in the state and masked in `pulumi stack output`.
 */
export async function program(): Promise<Record<string, unknown>> {
    const config = new pulumi.Config();

    // Use the output form (assumeRoleOutput) for credentials. The Node.js SDK
    // marks its whole result secret, because two of its fields are. The
    // promise form (assumeRole) drops secrecy altogether: its values would be
    // plain text in the state if you exported them or passed them on.
    const session = awsidentity.sts.assumeRoleOutput({
        roleArn: config.require("roleArn"),
        roleSessionName: config.get("roleSessionName") ?? "assume-role-example",
        durationSeconds: 900,
    });

    // Acts as the role. Give the same three values to pulumi-aws's
    // aws.Provider to create resources as the role (see
    // ../aws-provider-from-assume-role).
    const asRole = new awsidentity.Provider("as-role", {
        accessKey: session.credentials.accessKeyId,
        secretKey: session.credentials.secretAccessKey,
        token: session.credentials.sessionToken,
    });
    const meAsRole = awsidentity.getCallerIdentityOutput({ provider: asRole });

    return {
        // Not secrets: shown in plain text on purpose.
        assumedRoleArn: pulumi.unsecret(session.assumedRoleUser.arn),
        callerArnAsRole: meAsRole.arn,
        accessKeyId: pulumi.unsecret(session.credentials.accessKeyId),
        expiration: pulumi.unsecret(session.credentials.expiration),
        // Secrets: masked by `pulumi stack output` unless --show-secrets.
        secretAccessKey: session.credentials.secretAccessKey,
        sessionToken: session.credentials.sessionToken,
    };
}
