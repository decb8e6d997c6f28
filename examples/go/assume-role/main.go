// Command assume-role is a Pulumi Go program that assumes a role and acts as
// it through an explicit provider. The program itself is in the program
// package, so that tests can run it as an Automation API inline program.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/seed-83d379c3/pulumi-aws-identity/examples/go/assume-role/program"
)

func main() {
	pulumi.Run(program.Run)
}
