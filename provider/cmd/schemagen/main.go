// Command schemagen writes the provider's Pulumi schema, from which every SDK
// is generated: go run ./provider/cmd/schemagen schema.json
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: schemagen OUTPUT.json")
		os.Exit(2)
	}
	data, err := provider.Schema(context.Background())
	if err == nil {
		err = os.WriteFile(os.Args[1], data, 0o644)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "schemagen: %v\n", err)
		os.Exit(1)
	}
}
