package index

import (
	"context"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// GetCredentialsFunction is getCredentials as the provider registers it: infer's
// function, with a call without arguments answered directly.
//
// infer's generic path (applyDefaults, which runs reflect.VisibleFields on
// the empty GetCredentialsArgs, then encoding and a secrets walk by reflection) took more
// than the function itself in a cached call (bench/README.md has the
// profile). A call with arguments, which getCredentials has none of, still
// goes through infer, which answers it as before.
func GetCredentialsFunction() infer.InferredFunction {
	return credentialsDirect{infer.Function(&GetCredentials{})}
}

type credentialsDirect struct{ infer.InferredFunction }

func (d credentialsDirect) Invoke(ctx context.Context, req p.InvokeRequest) (p.InvokeResponse, error) {
	if req.Args.Len() > 0 {
		return d.InferredFunction.Invoke(ctx, req)
	}
	out, err := GetCredentials{}.Invoke(ctx, infer.FunctionRequest[GetCredentialsArgs]{})
	if err != nil {
		return p.InvokeResponse{}, err
	}
	return p.InvokeResponse{Return: out.Output.properties()}, nil
}

// properties is the answer as infer encodes it: every field by its pulumi
// name, the secret ones (provider:"secret") marked secret.
func (r GetCredentialsResult) properties() property.Map {
	return property.NewMap(map[string]property.Value{
		"accessKeyId":     property.New(r.AccessKeyID),
		"secretAccessKey": property.New(r.SecretAccessKey).WithSecret(true),
		"sessionToken":    property.New(r.SessionToken).WithSecret(true),
		"expiration":      property.New(r.Expiration),
		"source":          property.New(r.Source),
	})
}
