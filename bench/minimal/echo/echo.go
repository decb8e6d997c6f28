// Package echo is the minimal provider's one trivial function, shared by its
// binary (bench/minimal) and by the in-process benchmarks.
package echo

import (
	"context"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"
)

// Name and Version of the minimal provider.
const (
	Name    = "minimal"
	Version = "0.0.1"
)

// Echo is minimal:index:echo.
type Echo struct{}

// Args are its inputs.
type Args struct {
	Value string `pulumi:"value"`
}

// Result is its output.
type Result struct {
	Value string `pulumi:"value"`
}

// Annotate names the function minimal:index:echo.
func (e *Echo) Annotate(a infer.Annotator) {
	a.SetToken("index", "echo")
	a.Describe(e, "Answers with its input.")
}

// Invoke answers with its input.
func (Echo) Invoke(_ context.Context, req infer.FunctionRequest[Args]) (infer.FunctionResponse[Result], error) {
	return infer.FunctionResponse[Result]{Output: Result(req.Input)}, nil
}

// New builds the minimal provider.
func New() (p.Provider, error) {
	return infer.NewProviderBuilder().WithFunctions(infer.Function(&Echo{})).Build()
}
