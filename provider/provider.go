// Package provider builds the aws-identity Pulumi provider. main, the tests
// and the benchmarks all build it with New, so they run the same thing.
package provider

import (
	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/assumerole"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/callerid"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/config"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/sessioncontext"
)

// Name is the Pulumi package name.
const Name = "aws-identity"

// New builds the provider.
func New() (p.Provider, error) {
	prov, err := infer.NewProviderBuilder().
		WithDisplayName("AWS Identity").
		WithDescription("Who a Pulumi program runs as on AWS, which IAM role stands behind an STS session, "+
			"and temporary credentials for a role.").
		WithKeywords("aws", "iam", "sts", "identity", "assume-role", "category/cloud").
		WithHomepage("https://github.com/seed-83d379c3/pulumi-aws-identity").
		WithRepository("https://github.com/seed-83d379c3/pulumi-aws-identity").
		WithPublisher("seed-83d379c3").
		WithNamespace("seed-83d379c3").
		WithLicense("Apache-2.0").
		WithLanguageMap(languages()).
		WithConfig(infer.Config(&config.Config{})).
		WithFunctions(
			infer.Function(&callerid.GetCallerIdentity{}),
			infer.Function(&sessioncontext.GetSessionContext{}),
			infer.Function(&assumerole.AssumeRole{}),
		).
		Build()
	if err != nil {
		return p.Provider{}, err
	}
	return withIDOutputs(prov), nil
}

// languages names the SDK packages. WithLanguageMap replaces the builder's
// defaults, so everything each code generator needs is set here.
func languages() map[string]any {
	return map[string]any{
		"go": map[string]any{
			"importBasePath":                 "github.com/seed-83d379c3/pulumi-aws-identity/sdk/go/awsidentity",
			"generateResourceContainerTypes": true,
			"respectSchemaVersion":           true,
		},
		"nodejs": map[string]any{
			"packageName":          "@seed-83d379c3/aws-identity",
			"respectSchemaVersion": true,
		},
		"python": map[string]any{
			"packageName":          "pulumi_aws_identity",
			"respectSchemaVersion": true,
			"pyproject":            map[string]any{"enabled": true},
		},
		"csharp": map[string]any{
			"rootNamespace":        "Seed83d379c3",
			"respectSchemaVersion": true,
		},
		"java": map[string]any{
			"basePackage": "com.seed83d379c3",
		},
	}
}
