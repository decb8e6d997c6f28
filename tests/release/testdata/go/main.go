// Who am I, from the Go SDK module fetched through GOPROXY from dist/, as an
// Automation API inline program. Prints the stack outputs as JSON on its
// last line.
package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/pulumi/pulumi/sdk/v3/go/auto"
	"github.com/pulumi/pulumi/sdk/v3/go/auto/optup"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/seed-83d379c3/pulumi-aws-identity/sdk/go/awsidentity"
)

func main() {
	ctx := context.Background()
	stack, err := auto.UpsertStackInlineSource(ctx, "release", "release-go", func(ctx *pulumi.Context) error {
		me := awsidentity.GetCallerIdentityOutput(ctx)
		ctx.Export("accountId", me.AccountId())
		ctx.Export("arn", me.Arn())
		return nil
	})
	if err != nil {
		fail(err)
	}
	result, err := stack.Up(ctx, optup.ProgressStreams(os.Stderr))
	if err != nil {
		fail(err)
	}
	outputs := map[string]any{}
	for name, o := range result.Outputs {
		outputs[name] = o.Value
	}
	data, err := json.Marshal(outputs)
	if err != nil {
		fail(err)
	}
	fmt.Println(string(data))
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
