// Who am I, from the npm package installed from dist/, as an Automation API
// inline program. Prints the stack outputs as JSON on its last line.
const { LocalWorkspace } = require("@pulumi/pulumi/automation");
const awsidentity = require("@seed-83d379c3/aws-identity");

async function main() {
    const stack = await LocalWorkspace.createOrSelectStack({
        stackName: "release",
        projectName: "release-nodejs",
        program: async () => {
            const me = awsidentity.getCallerIdentityOutput();
            return { accountId: me.accountId, arn: me.arn };
        },
    });
    const result = await stack.up({ onOutput: (s) => process.stderr.write(s) });
    const outputs = {};
    for (const [name, o] of Object.entries(result.outputs)) {
        outputs[name] = o.value;
    }
    console.log(JSON.stringify(outputs));
}

main().catch((err) => {
    console.error(err);
    process.exit(1);
});
