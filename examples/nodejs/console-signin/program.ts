import * as pulumi from "@pulumi/pulumi";
import * as awsidentity from "@seed-83d379c3/aws-identity";

/**
 * Who am I, my account's alias, and a console sign-in URL for the role I
 * just assumed: getCallerIdentity, iam.getAccountAlias, sts.assumeRole into
 * the role named by the `roleArn` config value, and getConsoleSigninUrl
 * with that role's temporary credentials. The URL is a bearer login, good
 * for 15 minutes: it stays secret (`pulumi stack output --show-secrets
 * consoleUrl`).
 */
export async function program(): Promise<Record<string, unknown>> {
    const config = new pulumi.Config();

    const me = awsidentity.getCallerIdentityOutput();
    const alias = awsidentity.iam.getAccountAliasOutput();
    const role = awsidentity.sts.assumeRoleOutput({
        roleArn: config.require("roleArn"),
        roleSessionName: config.get("roleSessionName") ?? "console",
    });

    // AWS's federation endpoint follows the region's partition. Only an
    // emulator needs another one (the tests' fake): the provider setting
    // endpoints.federation, here on an explicit provider.
    const federationEndpoint = config.get("federationEndpoint");
    const signinProvider = federationEndpoint
        ? new awsidentity.Provider("federation", { endpoints: { federation: federationEndpoint } })
        : undefined;

    // The Output form keeps the URL (and the credentials passed in) secret.
    const signin = awsidentity.getConsoleSigninUrlOutput({
        credentials: {
            accessKeyId: role.credentials.accessKeyId,
            secretAccessKey: role.credentials.secretAccessKey,
            sessionToken: role.credentials.sessionToken,
        },
        destination: config.get("destination"),
        sessionDuration: config.getNumber("sessionDuration") ?? 3600,
    }, { provider: signinProvider });

    return {
        accountId: me.accountId,
        callerArn: me.arn,
        accountAlias: alias.accountAlias,
        // Not secrets: shown in plain text on purpose.
        roleSessionArn: pulumi.unsecret(role.assumedRoleUser.arn),
        signinExpiration: pulumi.unsecret(signin.expiration),
        // Secret: masked by `pulumi stack output` unless --show-secrets.
        consoleUrl: signin.url,
    };
}
