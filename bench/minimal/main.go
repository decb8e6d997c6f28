// Command minimal is the smallest useful pulumi-go-provider provider: one
// trivial function (echo), built with the same infer package and run the same
// way as pulumi-resource-aws-identity. The benchmarks measure its start-up,
// memory and size as the framework's floor.
package main

import (
	"context"
	"fmt"
	"os"

	p "github.com/pulumi/pulumi-go-provider"

	"github.com/seed-83d379c3/pulumi-aws-identity/bench/minimal/echo"
)

func main() {
	prov, err := echo.New()
	if err == nil {
		err = p.RunProvider(context.Background(), echo.Name, echo.Version, prov)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "minimal: %v\n", err)
		os.Exit(1)
	}
}
