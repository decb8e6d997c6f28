// The Node.js SDK, from TypeScript, through the real Pulumi engine and the
// provider binary, against moto: every function in its promise form and its
// output form, an explicit provider, and which outputs are secret.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as pulumi from "@pulumi/pulumi";
import * as awsidentity from "@seed-83d379c3/aws-identity";
import { env, stateText, up } from "./stack";

const account = "123456789012";
const motoUser = `arn:aws:sts::${account}:user/moto`;

test("getCallerIdentity, getSessionContext and assumeRole in both forms", async () => {
    const roleArn = env("ROLE_ARN"); // arn:aws:iam::123456789012:role/sdk/node-sdk
    const literal = `arn:aws:sts::${account}:assumed-role/node-sdk/literal-session`;
    const { outputs, stdout, stateDir } = await up("nodejs-sdk", async () => {
        // Promise forms.
        const me = await awsidentity.getCallerIdentity();
        const ctx = await awsidentity.iam.getSessionContext({ arn: literal });
        const noLookup = await awsidentity.iam.getSessionContext({ arn: literal, lookupRole: false });
        const role = await awsidentity.sts.assumeRole({ roleArn, roleSessionName: "node-promise", durationSeconds: 900 });

        // Output forms, chained: getSessionContextOutput on the ARN of
        // assumeRoleOutput's session and on getCallerIdentityOutput's arn.
        const meOut = awsidentity.getCallerIdentityOutput();
        const roleOut = awsidentity.sts.assumeRoleOutput({ roleArn, roleSessionName: "node-output", durationSeconds: 900 });
        const ctxOut = awsidentity.iam.getSessionContextOutput({ arn: roleOut.assumedRoleUser.arn });
        const callerCtxOut = awsidentity.iam.getSessionContextOutput({ arn: meOut.arn, lookupTimeoutSeconds: 5 });

        // An explicit provider acting as the role, from the output form's
        // credentials; getCallerIdentity in both forms under it.
        const asRole = new awsidentity.Provider("as-role", {
            accessKey: roleOut.credentials.accessKeyId,
            secretKey: roleOut.credentials.secretAccessKey,
            token: roleOut.credentials.sessionToken,
        });
        const meAsRole = awsidentity.getCallerIdentityOutput({ provider: asRole });
        // The promise form needs a provider that is already registered.
        const meAsRolePromise = pulumi.output(asRole.urn).apply(() => awsidentity.getCallerIdentity({ provider: asRole }));

        return {
            me,
            ctx,
            noLookup,
            promiseAssumedRoleUser: role.assumedRoleUser,
            promisePackedPolicySize: role.packedPolicySize,
            promiseSourceIdentity: role.sourceIdentity,
            promiseAccessKeyId: role.credentials.accessKeyId,
            promiseSecretAccessKey: role.credentials.secretAccessKey,
            promiseExpiration: role.credentials.expiration,
            meOut,
            ctxOut,
            callerCtxOut,
            outputAssumedRoleUser: roleOut.assumedRoleUser,
            outputPackedPolicySize: roleOut.packedPolicySize,
            outputAccessKeyId: roleOut.credentials.accessKeyId,
            outputSecretAccessKey: roleOut.credentials.secretAccessKey,
            outputSessionToken: roleOut.credentials.sessionToken,
            outputExpiration: roleOut.credentials.expiration,
            // What a program does to show the key ID: unsecret it.
            outputAccessKeyIdShown: pulumi.unsecret(roleOut.credentials.accessKeyId),
            meAsRoleArn: meAsRole.arn,
            meAsRolePromiseArn: meAsRolePromise.arn,
        };
    });
    const value = (k: string) => {
        assert.ok(k in outputs, `output ${k} is missing`);
        return outputs[k].value;
    };
    const secret = (k: string) => outputs[k].secret;

    // getCallerIdentity, both forms: moto's default user.
    const caller = { accountId: account, arn: motoUser, id: account, partition: "aws", userId: "AKIAIOSFODNN7EXAMPLE" };
    assert.deepEqual(value("me"), caller);
    assert.deepEqual(value("meOut"), caller);

    // getSessionContext, promise form: the role found with its path.
    const roleCtx = {
        accountId: account,
        arn: literal,
        id: literal,
        issuerArn: roleArn,
        issuerName: "node-sdk",
        partition: "aws",
        principalType: "assumed-role",
        sessionName: "literal-session",
    };
    assert.match(value("ctx").issuerId, /^AROA[A-Z0-9]+$/);
    assert.deepEqual(value("ctx"), { ...roleCtx, issuerId: value("ctx").issuerId });
    // lookupRole: false answers from the ARN alone: no path, no role ID.
    assert.deepEqual(value("noLookup"), {
        ...roleCtx,
        issuerArn: `arn:aws:iam::${account}:role/node-sdk`,
        issuerId: "",
    });

    // getSessionContext, output form, on assumeRoleOutput's session ARN.
    const outputSession = `arn:aws:sts::${account}:assumed-role/node-sdk/node-output`;
    assert.deepEqual(value("ctxOut"), {
        ...roleCtx,
        arn: outputSession,
        id: outputSession,
        sessionName: "node-output",
        issuerId: value("ctx").issuerId,
    });
    // ... and on a user's ARN, which passes through.
    assert.deepEqual(value("callerCtxOut"), {
        accountId: account,
        arn: motoUser,
        id: motoUser,
        issuerArn: motoUser,
        issuerId: "",
        issuerName: "",
        partition: "aws",
        principalType: "other",
        sessionName: "",
    });

    // assumeRole, promise form.
    assert.deepEqual(value("promiseAssumedRoleUser"), {
        arn: `arn:aws:sts::${account}:assumed-role/node-sdk/node-promise`,
        assumedRoleId: `${value("ctx").issuerId}:node-promise`,
    });
    assert.equal(value("promisePackedPolicySize"), 6);
    assert.equal(value("promiseSourceIdentity"), "");
    assert.match(value("promiseAccessKeyId"), /^ASIA[A-Z0-9]{16}$/);
    assert.ok(value("promiseSecretAccessKey").length >= 20);
    assert.ok(!Number.isNaN(Date.parse(value("promiseExpiration"))));

    // assumeRole, output form.
    assert.deepEqual(value("outputAssumedRoleUser"), {
        arn: outputSession,
        assumedRoleId: `${value("ctx").issuerId}:node-output`,
    });
    assert.equal(value("outputPackedPolicySize"), 6);
    assert.match(value("outputAccessKeyId"), /^ASIA[A-Z0-9]{16}$/);
    assert.notEqual(value("outputAccessKeyId"), value("promiseAccessKeyId"), "two sessions, two keys");
    const expiresIn = Date.parse(value("outputExpiration")) - Date.now();
    assert.ok(expiresIn > 10 * 60_000 && expiresIn <= 15 * 60_000, `expiration ${value("outputExpiration")} is ~900 s away`);

    // The explicit provider acts as the role, in both forms.
    assert.equal(value("meAsRoleArn"), outputSession);
    assert.equal(value("meAsRolePromiseArn"), outputSession);

    // Secrets. secretAccessKey and sessionToken of the output form are
    // secret in the stack outputs; the key ID, unsecreted as a program does
    // to show it, is not.
    assert.equal(secret("outputSecretAccessKey"), true);
    assert.equal(secret("outputSessionToken"), true);
    assert.equal(secret("outputAccessKeyIdShown"), false);
    assert.equal(value("outputAccessKeyIdShown"), value("outputAccessKeyId"));
    assert.equal(secret("me"), false);
    assert.equal(secret("meAsRoleArn"), false);
    // The Node.js SDK marks the output form's whole result secret when any
    // field is (so the key ID and the session's ARN are secret too, and so is
    // what is computed from them), and its promise form drops secrecy
    // altogether. Both are @pulumi/pulumi's rules, not this provider's; they
    // are checked here so that a change in them is noticed (the examples
    // and the README tell users to use the output form for credentials).
    for (const k of ["outputAccessKeyId", "outputAssumedRoleUser", "outputExpiration", "ctxOut"]) {
        assert.equal(secret(k), true, `${k}: the output form's whole result is secret`);
    }
    for (const k of ["promiseAccessKeyId", "promiseSecretAccessKey", "promiseAssumedRoleUser"]) {
        assert.equal(secret(k), false, `${k}: the promise form drops secrecy`);
    }

    // The output form's secrets are nowhere in plain text: not in the state,
    // not in what `pulumi up` printed.
    const state = stateText(stateDir);
    assert.match(state, /"ciphertext":/);
    for (const k of ["outputSecretAccessKey", "outputSessionToken"]) {
        const v = value(k);
        assert.ok(typeof v === "string" && v.length >= 20, k);
        assert.ok(!state.includes(v), `${k} is in the state as plain text`);
        assert.ok(!stdout.includes(v), `${k} is in the output of pulumi up`);
    }
});
