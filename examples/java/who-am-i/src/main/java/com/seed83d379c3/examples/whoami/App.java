package com.seed83d379c3.examples.whoami;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.deployment.InvokeOutputOptions;
import com.pulumi.resources.InvokeArgs;
import com.seed83d379c3.awsidentity.AwsidentityFunctions;
import com.seed83d379c3.awsidentity.Provider;
import com.seed83d379c3.awsidentity.ProviderArgs;
import com.seed83d379c3.awsidentity.iam.IamFunctions;
import com.seed83d379c3.awsidentity.iam.inputs.GetSessionContextArgs;
import com.seed83d379c3.awsidentity.outputs.GetCallerIdentityResult;
import com.seed83d379c3.awsidentity.sts.StsFunctions;
import com.seed83d379c3.awsidentity.sts.inputs.AssumeRoleArgs;

/**
 * Who runs this program, which IAM role stands behind that session, and, with
 * the configuration {@code roleArn} set, how to act as another role.
 *
 * <p>The program is {@link #stack(Context)}, so that it can run both as a
 * normal Pulumi project ({@link #main}) and as an Automation API inline
 * program.
 */
public final class App {
    private App() {}

    public static void main(String[] args) {
        Pulumi.run(App::stack);
    }

    /**
     * The Pulumi program. Exports accountId, callerArn, principalType,
     * issuerArn and sessionName; with roleArn set, also assumedRoleArn,
     * callerArnAsRole, accessKeyId and the secrets secretAccessKey and
     * sessionToken.
     */
    public static void stack(Context ctx) {
        // getCallerIdentity, then getSessionContext on the caller's ARN.
        var me = AwsidentityFunctions.getCallerIdentity();
        var session = IamFunctions.getSessionContext(GetSessionContextArgs.builder()
                .arn(me.applyValue(GetCallerIdentityResult::arn))
                .build());
        ctx.export("accountId", me.applyValue(GetCallerIdentityResult::accountId));
        ctx.export("callerArn", me.applyValue(GetCallerIdentityResult::arn));
        ctx.export("principalType", session.applyValue(s -> s.principalType()));
        ctx.export("issuerArn", session.applyValue(s -> s.issuerArn()));
        ctx.export("sessionName", session.applyValue(s -> s.sessionName()));

        var roleArn = ctx.config().get("roleArn").orElse("");
        if (roleArn.isEmpty()) {
            return;
        }
        // assumeRole, then act as the role through an explicit provider.
        // Give the same credentials to pulumi-aws's provider to create
        // resources as the role.
        var role = StsFunctions.assumeRole(AssumeRoleArgs.builder()
                .roleArn(roleArn)
                .roleSessionName(ctx.config().get("roleSessionName").orElse("who-am-i-example"))
                .durationSeconds(900)
                .build());
        var creds = role.applyValue(r -> r.credentials());
        var asRole = new Provider("as-role", ProviderArgs.builder()
                .accessKey(creds.applyValue(c -> c.accessKeyId()))
                .secretKey(creds.applyValue(c -> c.secretAccessKey()))
                .token(creds.applyValue(c -> c.sessionToken()))
                .build());
        var meAsRole = AwsidentityFunctions.getCallerIdentity(InvokeArgs.Empty,
                InvokeOutputOptions.builder().provider(asRole).build());
        ctx.export("assumedRoleArn", role.applyValue(r -> r.assumedRoleUser().arn()));
        ctx.export("callerArnAsRole", meAsRole.applyValue(GetCallerIdentityResult::arn));
        ctx.export("accessKeyId", creds.applyValue(c -> c.accessKeyId()));
        ctx.export("secretAccessKey", creds.applyValue(c -> c.secretAccessKey()));
        ctx.export("sessionToken", creds.applyValue(c -> c.sessionToken()));
    }
}
