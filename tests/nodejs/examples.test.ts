// The Node.js examples (examples/nodejs/*/program.ts), run as inline
// programs through the real Pulumi engine against moto.
import { test } from "node:test";
import * as assert from "node:assert/strict";
import * as whoAmI from "../../examples/nodejs/who-am-i/program";
import * as assumeRole from "../../examples/nodejs/assume-role/program";
import * as awsSdkClient from "../../examples/nodejs/aws-sdk-client/program";
import * as consoleSignin from "../../examples/nodejs/console-signin/program";
import { env, stateText, up, withEnv } from "./stack";

const account = "123456789012";

function values(outputs: Record<string, { value: unknown }>): Record<string, unknown> {
    return Object.fromEntries(Object.entries(outputs).map(([k, v]) => [k, v.value]));
}

test("who-am-i as moto's default user", async () => {
    const { outputs } = await up("who-am-i", whoAmI.program);
    assert.deepEqual(values(outputs), {
        accountId: account,
        callerArn: `arn:aws:sts::${account}:user/moto`,
        principalType: "other",
        issuerArn: `arn:aws:sts::${account}:user/moto`,
        sessionName: "",
    });
});

test("who-am-i as an assumed role", async () => {
    // nodejs_test.go assumed RUNNER_ROLE_ARN (session build-7) and passes
    // the session's credentials; the CLI and the provider run with them.
    const { outputs } = await up("who-am-i", whoAmI.program, {}, {
        AWS_ACCESS_KEY_ID: env("RUNNER_ACCESS_KEY_ID"),
        AWS_SECRET_ACCESS_KEY: env("RUNNER_SECRET_ACCESS_KEY"),
        AWS_SESSION_TOKEN: env("RUNNER_SESSION_TOKEN"),
    });
    assert.deepEqual(values(outputs), {
        accountId: account,
        callerArn: `arn:aws:sts::${account}:assumed-role/ci-runner/build-7`,
        principalType: "assumed-role",
        issuerArn: env("RUNNER_ROLE_ARN"), // arn:aws:iam::123456789012:role/runners/ci-runner
        sessionName: "build-7",
    });
});

test("assume-role", async () => {
    const { outputs, stdout, stateDir } = await up("assume-role", assumeRole.program, {
        roleArn: env("EXAMPLE_ROLE_ARN"), // arn:aws:iam::123456789012:role/deploy/Deployer
        roleSessionName: "release-1",
    });
    const session = `arn:aws:sts::${account}:assumed-role/Deployer/release-1`;
    assert.deepEqual(Object.keys(outputs).sort(), [
        "accessKeyId", "assumedRoleArn", "callerArnAsRole", "expiration", "secretAccessKey", "sessionToken",
    ]);
    assert.deepEqual(outputs.assumedRoleArn, { value: session, secret: false });
    assert.deepEqual(outputs.callerArnAsRole, { value: session, secret: false }, "the explicit provider acts as the role");
    assert.match(outputs.accessKeyId.value, /^ASIA[A-Z0-9]{16}$/);
    assert.equal(outputs.accessKeyId.secret, false);
    assert.ok(!Number.isNaN(Date.parse(outputs.expiration.value)));
    const state = stateText(stateDir);
    for (const k of ["secretAccessKey", "sessionToken"]) {
        assert.equal(outputs[k].secret, true, `${k} is secret`);
        const v = outputs[k].value;
        assert.ok(typeof v === "string" && v.length >= 20, k);
        assert.ok(!state.includes(v), `${k} is in the state as plain text`);
        assert.ok(!stdout.includes(v), `${k} is in the output of pulumi up`);
    }
});

test("aws-sdk-client: the provider's credentials in an STSClient", async () => {
    // The provider is configured with the credentials of a ci-runner session
    // (nodejs_test.go assumed RUNNER_ROLE_ARN, session build-7), while this
    // process, where the STSClient runs, has moto's test keys in the
    // environment: only credentials from the provider make the client that
    // session. The client finds moto through AWS_ENDPOINT_URL alone.
    const session = `arn:aws:sts::${account}:assumed-role/ci-runner/build-7`;
    const { outputs, stdout, stateDir } = await withEnv(
        { AWS_ENDPOINT_URL: env("MOTO_ENDPOINT"), AWS_ENDPOINT_URL_STS: undefined, AWS_ENDPOINT_URL_IAM: undefined },
        () => up("aws-sdk-client", awsSdkClient.program, {
            "aws-identity:accessKey": env("RUNNER_ACCESS_KEY_ID"),
            "aws-identity:secretKey": { value: env("RUNNER_SECRET_ACCESS_KEY"), secret: true },
            "aws-identity:token": { value: env("RUNNER_SESSION_TOKEN"), secret: true },
        }),
    );
    assert.equal(process.env.AWS_ACCESS_KEY_ID, "testing", "the program's own environment has other keys");
    assert.deepEqual(values(outputs), {
        source: "the provider's accessKey and secretKey",
        accessKeyId: env("RUNNER_ACCESS_KEY_ID"),
        expiration: "",
        sdkCallerArn: session,
        sdkAccountId: account,
        providerCallerArn: session,
    });
    for (const [k, o] of Object.entries(outputs)) {
        assert.equal(o.secret, false, `${k} is shown (unsecreted or never secret)`);
    }
    const state = stateText(stateDir);
    for (const v of [env("RUNNER_SECRET_ACCESS_KEY"), env("RUNNER_SESSION_TOKEN")]) {
        assert.ok(!state.includes(v), "a configured secret is in the state as plain text");
        assert.ok(!stdout.includes(v), "a configured secret is in the output of pulumi up");
    }
});

test("console-signin: who am I, my alias, a console URL for the role I just assumed", async () => {
    // nodejs_test.go made the alias and the role, and started the fake
    // federation endpoint; it checks what the fake received afterwards.
    const federation = env("FEDERATION_ENDPOINT");
    const { outputs, stdout, stateDir } = await up("console-signin", consoleSignin.program, {
        roleArn: env("CONSOLE_ROLE_ARN"), // arn:aws:iam::123456789012:role/console/ReadOnly
        federationEndpoint: federation,
        destination: "https://console.aws.amazon.com/iam/home",
    });
    assert.deepEqual(Object.keys(outputs).sort(), [
        "accountAlias", "accountId", "callerArn", "consoleUrl", "roleSessionArn", "signinExpiration",
    ]);
    assert.deepEqual(outputs.accountId, { value: account, secret: false });
    assert.deepEqual(outputs.callerArn, { value: `arn:aws:sts::${account}:user/moto`, secret: false });
    assert.deepEqual(outputs.accountAlias, { value: "acme-node", secret: false });
    assert.deepEqual(outputs.roleSessionArn, { value: `arn:aws:sts::${account}:assumed-role/ReadOnly/console`, secret: false });
    const left = Date.parse(outputs.signinExpiration.value) - Date.now();
    assert.ok(left > 13 * 60_000 && left <= 15 * 60_000 + 5_000, `the sign-in token lasts 15 minutes: ${left} ms left`);

    assert.equal(outputs.consoleUrl.secret, true, "the URL is a bearer login: secret");
    const url = new URL(outputs.consoleUrl.value);
    assert.equal(`${url.origin}${url.pathname}`, federation);
    assert.deepEqual([...url.searchParams.keys()].sort(), ["Action", "Destination", "SigninToken"],
        "nothing but the sign-in token and the login parameters");
    assert.equal(url.searchParams.get("Action"), "login");
    assert.equal(url.searchParams.get("Destination"), "https://console.aws.amazon.com/iam/home");
    const token = env("FEDERATION_SIGNIN_TOKEN");
    assert.equal(url.searchParams.get("SigninToken"), token);
    const state = stateText(stateDir);
    for (const [name, v] of [["the URL", outputs.consoleUrl.value], ["the sign-in token", token]]) {
        assert.ok(!state.includes(v), `${name} is in the state as plain text`);
        assert.ok(!stdout.includes(v), `${name} is in the output of pulumi up`);
    }
});
