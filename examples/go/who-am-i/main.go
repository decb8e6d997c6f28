// Command who-am-i is a Pulumi Go program that shows who runs it and which
// IAM role stands behind that session. The program itself is in the program
// package, so that tests can run it as an Automation API inline program.
package main

import (
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/seed-83d379c3/pulumi-aws-identity/examples/go/who-am-i/program"
)

func main() {
	pulumi.Run(program.Run)
}
