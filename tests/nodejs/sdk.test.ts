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

// Recognizable values; moto accepts any key and any web identity token.
const configKey = "AKIANODEDEFAULT00001";
const configSecret = "nodeDefaultSecretKey/000000000000000000";
const configToken = "nodeDefaultSessionToken/00000000000000000000";
const otherKey = "AKIANODEEXPLICIT0001";
const otherSecret = "nodeExplicitSecretKey/00000000000000000";
const webIdentityToken = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJub2RlIn0.nodeWebIdentityTokenSignature";

test("getCredentials, getSessionToken, assumeRoleWithWebIdentity and getAccessKeyInfo", async () => {
    const roleArn = env("WEB_IDENTITY_ROLE_ARN"); // arn:aws:iam::123456789012:role/oidc/node-oidc
    const session = `arn:aws:sts::${account}:assumed-role/node-oidc/node-web`;
    const { outputs, stdout, stateDir } = await up("nodejs-credential-functions", async () => {
        // getCredentials: the default provider's, in both forms, and an
        // explicit provider's.
        const creds = awsidentity.getCredentialsOutput();
        const credsPromise = await awsidentity.getCredentials();
        const other = new awsidentity.Provider("other", { accessKey: otherKey, secretKey: pulumi.secret(otherSecret) });
        const otherCreds = awsidentity.getCredentialsOutput({ provider: other });

        // getSessionToken, and getCallerIdentity with its credentials.
        const mfa = awsidentity.sts.getSessionTokenOutput({
            serialNumber: `arn:aws:iam::${account}:mfa/node`,
            tokenCode: "123456",
            durationSeconds: 900,
        });
        const withMfa = new awsidentity.Provider("with-mfa", {
            accessKey: mfa.credentials.accessKeyId,
            secretKey: mfa.credentials.secretAccessKey,
            token: mfa.credentials.sessionToken,
        });

        // assumeRoleWithWebIdentity with a secret token, and
        // getCallerIdentity with its credentials.
        const web = awsidentity.sts.assumeRoleWithWebIdentityOutput({
            roleArn,
            roleSessionName: "node-web",
            webIdentityToken: pulumi.secret(webIdentityToken),
            durationSeconds: 900,
        });
        const asWeb = new awsidentity.Provider("as-web", {
            accessKey: web.credentials.accessKeyId,
            secretKey: web.credentials.secretAccessKey,
            token: web.credentials.sessionToken,
        });

        // getAccessKeyInfo in both forms.
        const owner = await awsidentity.sts.getAccessKeyInfo({ accessKeyId: env("AUDITED_KEY_ID") });
        const unknownOwner = awsidentity.sts.getAccessKeyInfoOutput({ accessKeyId: "AKIAUNKNOWNKEY000001" });

        return {
            credsAccessKeyId: creds.accessKeyId,
            credsSecretAccessKey: creds.secretAccessKey,
            credsSessionToken: creds.sessionToken,
            credsExpiration: creds.expiration,
            credsSource: creds.source,
            promiseAccessKeyId: credsPromise.accessKeyId,
            promiseSecretAccessKey: credsPromise.secretAccessKey,
            promiseSource: credsPromise.source,
            otherAccessKeyId: otherCreds.accessKeyId,
            otherSecretAccessKey: otherCreds.secretAccessKey,
            otherSessionToken: otherCreds.sessionToken,
            mfaAccessKeyId: mfa.credentials.accessKeyId,
            mfaSecretAccessKey: mfa.credentials.secretAccessKey,
            mfaSessionToken: mfa.credentials.sessionToken,
            mfaExpiration: mfa.expiration,
            mfaCredentialsExpiration: mfa.credentials.expiration,
            callerArnWithMfa: awsidentity.getCallerIdentityOutput({ provider: withMfa }).arn,
            webAssumedRoleUser: web.assumedRoleUser,
            webAccessKeyId: web.credentials.accessKeyId,
            webSecretAccessKey: web.credentials.secretAccessKey,
            webSessionToken: web.credentials.sessionToken,
            webExpiration: web.credentials.expiration,
            webPackedPolicySize: web.packedPolicySize,
            webSubject: web.subjectFromWebIdentityToken,
            webAudience: web.audience,
            webProvider: web.provider,
            webSourceIdentity: web.sourceIdentity,
            callerArnAsWeb: awsidentity.getCallerIdentityOutput({ provider: asWeb }).arn,
            ownerAccount: owner.account,
            unknownOwnerAccount: unknownOwner.account,
        };
    }, {
        "aws-identity:accessKey": configKey,
        "aws-identity:secretKey": { value: configSecret, secret: true },
        "aws-identity:token": { value: configToken, secret: true },
    });
    const value = (k: string) => {
        assert.ok(k in outputs, `output ${k} is missing`);
        return outputs[k].value;
    };
    const expiresIn = (k: string) => Date.parse(value(k)) - Date.now();

    // getCredentials: the configured credentials; an explicit provider's own.
    assert.equal(value("credsAccessKeyId"), configKey);
    assert.equal(value("credsSecretAccessKey"), configSecret);
    assert.equal(value("credsSessionToken"), configToken);
    assert.equal(value("credsExpiration"), "", "static keys do not expire");
    assert.equal(value("credsSource"), "the provider's accessKey and secretKey");
    assert.equal(value("promiseAccessKeyId"), configKey);
    assert.equal(value("promiseSecretAccessKey"), configSecret);
    assert.equal(value("promiseSource"), value("credsSource"));
    assert.equal(value("otherAccessKeyId"), otherKey);
    assert.equal(value("otherSecretAccessKey"), otherSecret);
    assert.equal(value("otherSessionToken"), "", "long-term keys have no session token");

    // getSessionToken: moto's credentials, which moto accepts (it tracks no
    // session-token keys, so it names its default user).
    assert.equal(value("mfaAccessKeyId"), "AKIAIOSFODNN7EXAMPLE");
    assert.ok(value("mfaSecretAccessKey").length >= 20 && value("mfaSessionToken").length >= 20);
    assert.ok(expiresIn("mfaExpiration") > 10 * 60_000 && expiresIn("mfaExpiration") <= 16 * 60_000,
        `expiration ${value("mfaExpiration")} is ~900 s away`);
    assert.equal(value("mfaCredentialsExpiration"), value("mfaExpiration"));
    assert.equal(value("callerArnWithMfa"), motoUser);

    // assumeRoleWithWebIdentity: a session of the role, which moto knows.
    assert.deepEqual(value("webAssumedRoleUser"), { arn: session, assumedRoleId: "ARO123EXAMPLE123:node-web" });
    assert.equal(value("callerArnAsWeb"), session, "the explicit provider acts as the role");
    assert.match(value("webAccessKeyId"), /^ASIA[A-Z0-9]{16}$/);
    assert.ok(expiresIn("webExpiration") > 10 * 60_000 && expiresIn("webExpiration") <= 16 * 60_000);
    assert.equal(value("webPackedPolicySize"), 6);
    // moto answers without these; AWS fills them in from the token.
    for (const k of ["webSubject", "webAudience", "webProvider", "webSourceIdentity"]) {
        assert.equal(value(k), "", k);
    }

    // getAccessKeyInfo: the account that owns the key (nodejs_test.go made
    // it in 111111111111); moto's own account for a key it does not know.
    assert.equal(value("ownerAccount"), "111111111111");
    assert.equal(value("unknownOwnerAccount"), account);

    // Secrets. The output form's results are secret as a whole; the promise
    // form drops secrecy (@pulumi/pulumi's rule, as for assumeRole).
    for (const k of ["credsSecretAccessKey", "credsSessionToken", "credsAccessKeyId", "credsSource",
        "otherSecretAccessKey", "mfaSecretAccessKey", "mfaSessionToken", "mfaAccessKeyId",
        "webSecretAccessKey", "webSessionToken", "webAssumedRoleUser"]) {
        assert.equal(outputs[k].secret, true, `${k} is secret`);
    }
    for (const k of ["promiseAccessKeyId", "promiseSecretAccessKey"]) {
        assert.equal(outputs[k].secret, false, `${k}: the promise form drops secrecy`);
    }
    for (const k of ["callerArnWithMfa", "callerArnAsWeb", "ownerAccount", "unknownOwnerAccount"]) {
        assert.equal(outputs[k].secret, false, `${k} is not secret`);
    }
    // No secret in plain text in the state or in what pulumi up printed (the
    // promise form's copies are in the state as plain text by design of
    // @pulumi/pulumi, so the configured secret is checked for in the
    // update's output only).
    const state = stateText(stateDir);
    const secrets: Record<string, string> = { webIdentityToken, otherSecret };
    for (const k of ["mfaSecretAccessKey", "mfaSessionToken", "webSecretAccessKey", "webSessionToken"]) {
        secrets[k] = value(k);
    }
    for (const [k, v] of Object.entries(secrets)) {
        assert.ok(!state.includes(v), `${k} is in the state as plain text`);
        assert.ok(!stdout.includes(v), `${k} is in the output of pulumi up`);
    }
    for (const v of [configSecret, configToken]) {
        assert.ok(!stdout.includes(v), "a configured secret is in the output of pulumi up");
    }
});
