package provider

import (
	"context"
	"encoding/json"
	"testing"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	pulumiawsidentity "github.com/seed-83d379c3/pulumi-aws-identity"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/version"
)

// The provider answers GetSchema with the committed file, and that file is
// the schema infer derives (TestSchemaIsUpToDate says the same of its bytes;
// this of what the engine receives).
func TestGetSchemaIsTheCommittedFile(t *testing.T) {
	prov, err := New()
	require.NoError(t, err)
	got, err := prov.GetSchema(context.Background(), p.GetSchemaRequest{})
	require.NoError(t, err)
	assert.Equal(t, pulumiawsidentity.SchemaFile, got.Schema, "the committed file, as it is")

	derived, err := Schema(context.Background())
	require.NoError(t, err)
	var a, b any
	require.NoError(t, json.Unmarshal([]byte(got.Schema), &a))
	require.NoError(t, json.Unmarshal(derived, &b))
	assert.Equal(t, b, a, "schema.json is not what the provider derives: run make schema")
}

// A build of another version than the file's answers with the derived
// schema, which carries that version.
func TestGetSchemaOfAnotherVersion(t *testing.T) {
	saved := version.Version
	t.Cleanup(func() { version.Version = saved })
	version.Version = "9.8.7"

	prov, err := New()
	require.NoError(t, err)
	// Through a server, which gives the derivation the run's information.
	spec, err := p.GetSchema(context.Background(), Name, version.Version, prov)
	require.NoError(t, err)
	assert.Equal(t, "9.8.7", spec.Version)
}

func TestCommittedVersion(t *testing.T) {
	assert.Equal(t, version.Version, committedVersion(pulumiawsidentity.SchemaFile), "schema.json's version is VERSION's")
	for schema, want := range map[string]string{
		`{"name": "x", "config": {"version": "no"}, "version": "1.2.3"}`: "1.2.3",
		`{"name": "x"}`:                    "",
		`{"version": 3}`:                   "",
		`["version", "1.2.3"]`:             "",
		`{"name": "x", "version": "1.2.3"`: "1.2.3",
		`{"name": `:                        "",
		``:                                 "",
	} {
		assert.Equal(t, want, committedVersion(schema), "%q", schema)
	}
}
