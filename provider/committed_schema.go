package provider

import (
	"context"
	"encoding/json"
	"strings"

	p "github.com/pulumi/pulumi-go-provider"

	pulumiawsidentity "github.com/seed-83d379c3/pulumi-aws-identity"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/version"
)

// withCommittedSchema answers GetSchema with schema.json as committed. infer
// derives the schema by reflecting over every function's types, which costs
// tens of milliseconds and megabytes at each start of the plugin (the engine
// asks for the schema of every provider a YAML program uses, and starts the
// provider again for each preview or update), and more with each function.
// The committed file is that same schema: TestSchemaIsUpToDate fails when it
// is not what infer derives now. A build stamped with another version than
// the file's (a test's) answers with the derived one, which carries it.
func withCommittedSchema(prov p.Provider) p.Provider {
	if committedVersion(pulumiawsidentity.SchemaFile) != version.Version {
		return prov
	}
	prov.GetSchema = func(context.Context, p.GetSchemaRequest) (p.GetSchemaResponse, error) {
		return p.GetSchemaResponse{Schema: pulumiawsidentity.SchemaFile}, nil
	}
	return prov
}

// committedVersion is the top-level "version" of a schema, read without
// decoding the rest: it is the file's fourth line.
func committedVersion(schema string) string {
	dec := json.NewDecoder(strings.NewReader(schema))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		return ""
	}
	for dec.More() {
		key, err := dec.Token()
		if err != nil {
			return ""
		}
		if key == "version" {
			var v string
			if dec.Decode(&v) != nil {
				return ""
			}
			return v
		}
		var skip json.RawMessage
		if dec.Decode(&skip) != nil {
			return ""
		}
	}
	return ""
}
