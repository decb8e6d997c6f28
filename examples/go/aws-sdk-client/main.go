// Command aws-sdk-client is a Pulumi Go program that hands the aws-identity
// provider's credentials to an aws-sdk-go-v2 client and exports who AWS says
// that client is. The program itself is in the program package, so that
// tests can run it as an Automation API inline program.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/seed-83d379c3/pulumi-aws-identity/examples/go/aws-sdk-client/program"
)

func main() {
	pulumi.Run(program.Run)
}
