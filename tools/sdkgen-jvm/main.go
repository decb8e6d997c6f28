// Command sdkgen-jvm writes the Java and .NET SDKs of the aws-identity
// package from its schema, calling the code generators as libraries.
//
//	cd tools/sdkgen-jvm && go run . -schema ../../schema.json -out ../../sdk
//
// It is a module of its own because the Java generator (pulumi-java) and the
// .NET generator (removed from newer Pulumi releases) only compile against
// an older github.com/pulumi/pulumi/pkg/v3 than tools/sdkgen uses.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

func main() {
	schemaPath := flag.String("schema", "", "schema file (default ../../schema.json, or ../sdkgen/testdata/draft-schema.json while that does not exist; env SDKGEN_SCHEMA)")
	outDir := flag.String("out", "../../sdk", "SDK root: each language is written to <out>/<language>")
	langs := flag.String("lang", strings.Join(languages, ","), "comma-separated languages to generate")
	flag.Parse()
	if *schemaPath == "" {
		*schemaPath = defaultSchema()
	}
	fmt.Fprintf(os.Stderr, "sdkgen-jvm: %s -> %s (%s)\n", *schemaPath, *outDir, *langs)
	if err := generateAll(*schemaPath, *outDir, strings.Split(*langs, ",")); err != nil {
		fmt.Fprintln(os.Stderr, "sdkgen-jvm:", err)
		os.Exit(1)
	}
}
