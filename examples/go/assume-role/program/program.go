// Package program is the assume-role example: assumeRole, an explicit
// aws-identity provider built from the temporary credentials, and
// getCallerIdentity under that provider.
package program

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"

	"github.com/seed-83d379c3/pulumi-aws-identity/sdk/go/awsidentity"
	"github.com/seed-83d379c3/pulumi-aws-identity/sdk/go/awsidentity/sts"
)

// Run is the Pulumi program. It reads the configuration roleArn and
// (optionally) roleSessionName, and exports assumedRoleArn, callerArnAsRole,
// accessKeyId, expiration, and the secrets secretAccessKey and sessionToken.
func Run(ctx *pulumi.Context) error {
	cfg := config.New(ctx, "")
	sessionName := cfg.Get("roleSessionName")
	if sessionName == "" {
		sessionName = "assume-role-example"
	}

	// The output form: the plain form (sts.AssumeRole) refuses results that
	// hold secrets, and this one holds two.
	session := sts.AssumeRoleOutput(ctx, sts.AssumeRoleOutputArgs{
		RoleArn:         pulumi.String(cfg.Require("roleArn")),
		RoleSessionName: pulumi.String(sessionName),
		DurationSeconds: pulumi.Int(900),
	})
	creds := session.Credentials()

	// Acts as the role. Give the same credentials to pulumi-aws's provider
	// to create resources as the role.
	asRole, err := awsidentity.NewProvider(ctx, "as-role", &awsidentity.ProviderArgs{
		AccessKey: creds.AccessKeyId(),
		SecretKey: creds.SecretAccessKey(),
		Token:     creds.SessionToken(),
	})
	if err != nil {
		return err
	}
	meAsRole := awsidentity.GetCallerIdentityOutput(ctx, pulumi.Provider(asRole))

	// Go's SDK marks an invoke's whole result secret when any field of it is.
	// Only secretAccessKey and sessionToken are secrets: show the rest.
	ctx.Export("assumedRoleArn", pulumi.Unsecret(session.AssumedRoleUser().Arn()))
	ctx.Export("callerArnAsRole", pulumi.Unsecret(meAsRole.Arn()))
	ctx.Export("accessKeyId", pulumi.Unsecret(creds.AccessKeyId()))
	ctx.Export("expiration", pulumi.Unsecret(creds.Expiration()))
	// Secrets: masked by `pulumi stack output` unless --show-secrets.
	ctx.Export("secretAccessKey", creds.SecretAccessKey())
	ctx.Export("sessionToken", creds.SessionToken())
	return nil
}
