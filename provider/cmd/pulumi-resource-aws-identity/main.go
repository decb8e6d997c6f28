// Command pulumi-resource-aws-identity is the provider plugin the Pulumi
// engine starts.
package main

import (
	"context"
	"fmt"
	"os"

	p "github.com/pulumi/pulumi-go-provider"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/stderrfilter"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/version"
)

func main() {
	if len(os.Args) == 2 && (os.Args[1] == "-version" || os.Args[1] == "--version") {
		fmt.Println(version.Version)
		return
	}
	// What a credential_process prints on stderr stays out of the log.
	stderr := stderrfilter.Install()
	prov, err := provider.New()
	if err == nil {
		err = p.RunProvider(context.Background(), provider.Name, version.Version, prov)
	}
	if err != nil {
		_, _ = fmt.Fprintf(stderr, "pulumi-resource-aws-identity: %v\n", err)
		os.Exit(1)
	}
}
