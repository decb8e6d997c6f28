package provider

import (
	"context"
	"encoding/json"

	p "github.com/pulumi/pulumi-go-provider"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/version"
)

// Schema is the provider's Pulumi schema as infer derives it from the code,
// in the form committed as schema.json: indented JSON with a final newline,
// so diffs stay readable.
func Schema(ctx context.Context) ([]byte, error) {
	prov, err := inferred()
	if err != nil {
		return nil, err
	}
	spec, err := p.GetSchema(ctx, Name, version.Version, prov)
	if err != nil {
		return nil, err
	}
	data, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(data, '\n'), nil
}
