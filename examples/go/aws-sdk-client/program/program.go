// Package program is the aws-sdk-client example: getCredentials, then an
// aws-sdk-go-v2 STS client with those credentials, and who it says it is.
package program

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	awssts "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/seed-83d379c3/pulumi-aws-identity/sdk/go/awsidentity"
)

// Run is the Pulumi program. The provider's credentials, resolved by its
// configuration and chain (profile, SSO, web identity, assumeRole, ...), make
// an AWS SDK client that is the same identity as the provider's
// GetCallerIdentity. The same hand-over works for any AWS SDK call, a dynamic
// provider or a tool the program starts. It exports source, accessKeyId,
// expiration, sdkCallerArn, sdkAccountId and providerCallerArn.
func Run(ctx *pulumi.Context) error {
	// The output form: the plain form refuses a result with secrets in it.
	creds := awsidentity.GetCredentialsOutput(ctx)
	sdk := creds.ApplyT(func(c awsidentity.GetCredentialsResult) (map[string]string, error) {
		return whoIs(ctx.Context(), c)
	}).(pulumi.StringMapOutput)
	provider := awsidentity.GetCallerIdentityOutput(ctx)

	// An invoke's whole result is secret when any field of it is, and so is
	// what is computed from it: unsecret what is not a secret to show it.
	ctx.Export("source", pulumi.Unsecret(creds.Source()))
	ctx.Export("accessKeyId", pulumi.Unsecret(creds.AccessKeyId()))
	ctx.Export("expiration", pulumi.Unsecret(creds.Expiration()))
	ctx.Export("sdkCallerArn", pulumi.Unsecret(sdk.MapIndex(pulumi.String("arn"))))
	ctx.Export("sdkAccountId", pulumi.Unsecret(sdk.MapIndex(pulumi.String("account"))))
	ctx.Export("providerCallerArn", provider.Arn())
	return nil
}

// whoIs asks STS, through aws-sdk-go-v2 with the provider's credentials, who
// the caller is. The client takes its region and endpoint the SDK's standard
// way (AWS_REGION, AWS_ENDPOINT_URL, the profile), not from the provider.
func whoIs(ctx context.Context, c awsidentity.GetCredentialsResult) (map[string]string, error) {
	cfg, err := config.LoadDefaultConfig(ctx, config.WithCredentialsProvider(
		credentials.NewStaticCredentialsProvider(c.AccessKeyId, c.SecretAccessKey, c.SessionToken)))
	if err != nil {
		return nil, err
	}
	me, err := awssts.NewFromConfig(cfg).GetCallerIdentity(ctx, &awssts.GetCallerIdentityInput{})
	if err != nil {
		return nil, err
	}
	return map[string]string{"arn": aws.ToString(me.Arn), "account": aws.ToString(me.Account)}, nil
}
