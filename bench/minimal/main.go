// Command minimal is the smallest useful pulumi-go-provider provider: one
// trivial function, built with the same infer package and run the same way
// as pulumi-resource-aws-identity. The benchmarks measure its start-up and
// memory as the framework's floor.
package main

import (
	"context"
	"fmt"
	"os"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"
)

// Echo is minimal:index:echo.
type Echo struct{}

// EchoArgs are its inputs.
type EchoArgs struct {
	Value string `pulumi:"value"`
}

// EchoResult is its output.
type EchoResult struct {
	Value string `pulumi:"value"`
}

func (Echo) Invoke(_ context.Context, req infer.FunctionRequest[EchoArgs]) (infer.FunctionResponse[EchoResult], error) {
	return infer.FunctionResponse[EchoResult]{Output: EchoResult(req.Input)}, nil
}

func main() {
	prov, err := infer.NewProviderBuilder().WithFunctions(infer.Function(&Echo{})).Build()
	if err == nil {
		err = p.RunProvider(context.Background(), "minimal", "0.0.1", prov)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "minimal: %v\n", err)
		os.Exit(1)
	}
}
