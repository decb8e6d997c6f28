// Package program is the who-am-i example: getCallerIdentity, then
// getSessionContext on the caller's ARN.
package program

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/seed-83d379c3/pulumi-aws-identity/sdk/go/awsidentity"
	"github.com/seed-83d379c3/pulumi-aws-identity/sdk/go/awsidentity/iam"
)

// Run is the Pulumi program. It exports accountId, callerArn, principalType,
// issuerArn and sessionName.
func Run(ctx *pulumi.Context) error {
	me, err := awsidentity.GetCallerIdentity(ctx)
	if err != nil {
		return err
	}
	session, err := iam.GetSessionContext(ctx, &iam.GetSessionContextArgs{Arn: me.Arn})
	if err != nil {
		return err
	}
	ctx.Export("accountId", pulumi.String(me.AccountId))
	ctx.Export("callerArn", pulumi.String(me.Arn))
	ctx.Export("principalType", pulumi.String(session.PrincipalType))
	ctx.Export("issuerArn", pulumi.String(session.IssuerArn))
	ctx.Export("sessionName", pulumi.String(session.SessionName))
	return nil
}
