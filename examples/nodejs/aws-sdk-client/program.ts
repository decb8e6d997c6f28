import * as pulumi from "@pulumi/pulumi";
import * as awsidentity from "@seed-83d379c3/aws-identity";
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";

/**
 * Hands the provider's own credentials, resolved by its configuration and
 * chain (profile, SSO, web identity, assumeRole, ...), to an AWS SDK client
 * in the program, and asks STS who that client is: the same identity as the
 * provider's getCallerIdentity. The same hand-over works for any AWS SDK
 * call, a dynamic provider or a tool the program starts.
 *
 * The client takes its region and endpoint the SDK's standard way
 * (AWS_REGION, AWS_ENDPOINT_URL, the profile), not from the provider.
 */
export async function program(): Promise<Record<string, pulumi.Output<unknown>>> {
    // The output form keeps secretAccessKey and sessionToken secret; the
    // promise form would drop their secrecy.
    const creds = awsidentity.getCredentialsOutput();
    const sdk = creds.apply(async (c) => {
        const client = new STSClient({
            credentials: {
                accessKeyId: c.accessKeyId,
                secretAccessKey: c.secretAccessKey,
                sessionToken: c.sessionToken || undefined, // empty for long-term keys
            },
        });
        try {
            const me = await client.send(new GetCallerIdentityCommand({}));
            return { arn: me.Arn ?? "", account: me.Account ?? "" };
        } finally {
            client.destroy();
        }
    });
    const provider = awsidentity.getCallerIdentityOutput();
    // An invoke's whole result is secret when any field of it is, and so is
    // what is computed from it: unsecret what is not a secret to show it.
    return {
        source: pulumi.unsecret(creds.source),
        accessKeyId: pulumi.unsecret(creds.accessKeyId),
        expiration: pulumi.unsecret(creds.expiration),
        sdkCallerArn: pulumi.unsecret(sdk.arn),
        sdkAccountId: pulumi.unsecret(sdk.account),
        providerCallerArn: provider.arn,
    };
}
