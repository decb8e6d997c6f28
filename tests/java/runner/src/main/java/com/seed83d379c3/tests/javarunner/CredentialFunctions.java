package com.seed83d379c3.tests.javarunner;

import com.pulumi.Context;
import com.pulumi.core.Output;
import com.pulumi.deployment.InvokeOutputOptions;
import com.pulumi.resources.InvokeArgs;
import com.seed83d379c3.awsidentity.AwsidentityFunctions;
import com.seed83d379c3.awsidentity.Provider;
import com.seed83d379c3.awsidentity.ProviderArgs;
import com.seed83d379c3.awsidentity.outputs.GetCallerIdentityResult;
import com.seed83d379c3.awsidentity.sts.StsFunctions;
import com.seed83d379c3.awsidentity.sts.inputs.AssumeRoleWithWebIdentityArgs;
import com.seed83d379c3.awsidentity.sts.inputs.GetAccessKeyInfoArgs;
import com.seed83d379c3.awsidentity.sts.inputs.GetSessionTokenArgs;

/**
 * A program that calls getCredentials, getSessionToken,
 * assumeRoleWithWebIdentity and getAccessKeyInfo, and getCallerIdentity with
 * the credentials of the two STS functions through explicit providers.
 *
 * <p>Configuration: {@code roleArn} (for assumeRoleWithWebIdentity),
 * {@code webIdentityToken} (secret), {@code otherAccessKey} and
 * {@code otherSecretKey} (an explicit provider's keys, for its
 * getCredentials), {@code auditedKeyId} (for getAccessKeyInfo).
 */
public final class CredentialFunctions {
    private CredentialFunctions() {}

    public static void stack(Context ctx) {
        var config = ctx.config();

        // getCredentials: the default provider's and an explicit provider's.
        var creds = AwsidentityFunctions.getCredentials();
        ctx.export("credsAccessKeyId", creds.applyValue(c -> c.accessKeyId()));
        ctx.export("credsSecretAccessKey", creds.applyValue(c -> c.secretAccessKey()));
        ctx.export("credsSessionToken", creds.applyValue(c -> c.sessionToken()));
        ctx.export("credsExpiration", creds.applyValue(c -> c.expiration()));
        ctx.export("credsSource", creds.applyValue(c -> c.source()));
        var other = new Provider("other", ProviderArgs.builder()
                .accessKey(config.require("otherAccessKey"))
                .secretKey(config.requireSecret("otherSecretKey"))
                .build());
        var otherCreds = AwsidentityFunctions.getCredentials(InvokeArgs.Empty,
                InvokeOutputOptions.builder().provider(other).build());
        ctx.export("otherAccessKeyId", otherCreds.applyValue(c -> c.accessKeyId()));
        ctx.export("otherSecretAccessKey", otherCreds.applyValue(c -> c.secretAccessKey()));
        ctx.export("otherSessionToken", otherCreds.applyValue(c -> c.sessionToken()));

        // getSessionToken, and getCallerIdentity with its credentials.
        var mfa = StsFunctions.getSessionToken(GetSessionTokenArgs.builder()
                .serialNumber("arn:aws:iam::123456789012:mfa/java")
                .tokenCode("123456")
                .durationSeconds(900)
                .build());
        var mfaCreds = mfa.applyValue(r -> r.credentials());
        ctx.export("mfaAccessKeyId", mfaCreds.applyValue(c -> c.accessKeyId()));
        ctx.export("mfaSecretAccessKey", mfaCreds.applyValue(c -> c.secretAccessKey()));
        ctx.export("mfaSessionToken", mfaCreds.applyValue(c -> c.sessionToken()));
        ctx.export("mfaExpiration", mfa.applyValue(r -> r.expiration()));
        ctx.export("mfaCredentialsExpiration", mfaCreds.applyValue(c -> c.expiration()));
        var withMfa = new Provider("with-mfa", ProviderArgs.builder()
                .accessKey(mfaCreds.applyValue(c -> c.accessKeyId()))
                .secretKey(mfaCreds.applyValue(c -> c.secretAccessKey()))
                .token(mfaCreds.applyValue(c -> c.sessionToken()))
                .build());
        ctx.export("callerArnWithMfa", callerArn(withMfa));

        // assumeRoleWithWebIdentity with a secret token, and
        // getCallerIdentity with its credentials.
        var web = StsFunctions.assumeRoleWithWebIdentity(AssumeRoleWithWebIdentityArgs.builder()
                .roleArn(config.require("roleArn"))
                .roleSessionName("java-web")
                .webIdentityToken(config.requireSecret("webIdentityToken"))
                .durationSeconds(900)
                .build());
        var webCreds = web.applyValue(r -> r.credentials());
        ctx.export("webAssumedRoleArn", web.applyValue(r -> r.assumedRoleUser().arn()));
        ctx.export("webAssumedRoleId", web.applyValue(r -> r.assumedRoleUser().assumedRoleId()));
        ctx.export("webAccessKeyId", webCreds.applyValue(c -> c.accessKeyId()));
        ctx.export("webSecretAccessKey", webCreds.applyValue(c -> c.secretAccessKey()));
        ctx.export("webSessionToken", webCreds.applyValue(c -> c.sessionToken()));
        ctx.export("webExpiration", webCreds.applyValue(c -> c.expiration()));
        ctx.export("webPackedPolicySize", web.applyValue(r -> r.packedPolicySize()));
        ctx.export("webSubject", web.applyValue(r -> r.subjectFromWebIdentityToken()));
        ctx.export("webAudience", web.applyValue(r -> r.audience()));
        ctx.export("webProvider", web.applyValue(r -> r.provider()));
        ctx.export("webSourceIdentity", web.applyValue(r -> r.sourceIdentity()));
        var asWeb = new Provider("as-web", ProviderArgs.builder()
                .accessKey(webCreds.applyValue(c -> c.accessKeyId()))
                .secretKey(webCreds.applyValue(c -> c.secretAccessKey()))
                .token(webCreds.applyValue(c -> c.sessionToken()))
                .build());
        ctx.export("callerArnAsWeb", callerArn(asWeb));

        // getAccessKeyInfo.
        ctx.export("ownerAccount", StsFunctions.getAccessKeyInfo(GetAccessKeyInfoArgs.builder()
                .accessKeyId(config.require("auditedKeyId"))
                .build()).applyValue(r -> r.account()));
        ctx.export("unknownOwnerAccount", StsFunctions.getAccessKeyInfo(GetAccessKeyInfoArgs.builder()
                .accessKeyId("AKIAUNKNOWNKEY000001")
                .build()).applyValue(r -> r.account()));
    }

    private static Output<String> callerArn(Provider provider) {
        return AwsidentityFunctions.getCallerIdentity(InvokeArgs.Empty,
                InvokeOutputOptions.builder().provider(provider).build())
                .applyValue(GetCallerIdentityResult::arn);
    }
}
