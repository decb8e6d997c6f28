package pulumiawsidentity

import _ "embed"

// SchemaFile is the content of schema.json, as committed: what the provider
// answers GetSchema with (see provider.New), and what the SDKs are generated
// from. A test holds it to the schema the provider's code derives.
//
//go:embed schema.json
var SchemaFile string
