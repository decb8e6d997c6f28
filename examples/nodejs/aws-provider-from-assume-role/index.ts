// Create AWS resources as a role: assume it with aws-identity, then give the
// temporary credentials to pulumi-aws's provider.
import * as pulumi from "@pulumi/pulumi";
import * as aws from "@pulumi/aws";
import * as awsidentity from "@seed-83d379c3/aws-identity";

const config = new pulumi.Config();
const roleArn = config.require("roleArn");
const region = config.get("region") ?? aws.config.region ?? "us-east-1";

// The output form keeps secretAccessKey and sessionToken secret (the promise
// form, `await assumeRole(...)`, drops secrecy in the Node.js SDK). The
// credentials are fetched again on every `pulumi up`, `preview` and
// `destroy`, so they never need to outlive one run: 900 seconds is plenty
// for most stacks; raise it for long deployments (up to the role's maximum
// session duration).
const session = awsidentity.sts.assumeRoleOutput({
    roleArn,
    roleSessionName: config.get("roleSessionName") ?? "pulumi-deploy",
    durationSeconds: 3600,
    sourceIdentity: config.get("sourceIdentity"),
    tags: { stack: pulumi.getStack() },
});

// pulumi-aws acting as the role. Its inputs keep the secrets secret in the
// state.
const asRole = new aws.Provider("as-role", {
    region,
    accessKey: session.credentials.accessKeyId,
    secretKey: session.credentials.secretAccessKey,
    token: session.credentials.sessionToken,
});

// Everything created with { provider: asRole } is created by the role.
const bucket = new aws.s3.Bucket("artifacts", {
    forceDestroy: true,
    tags: { createdBy: "aws-identity example" },
}, { provider: asRole });

// Who pulumi-aws is, through that provider: the role's session.
const me = aws.getCallerIdentityOutput({}, { provider: asRole });

export const assumedRoleArn = pulumi.unsecret(session.assumedRoleUser.arn);
export const awsProviderCallerArn = me.arn;
export const bucketName = bucket.bucket;
