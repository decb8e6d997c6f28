package provider

import (
	"context"
	"encoding/json"
	"fmt"

	p "github.com/pulumi/pulumi-go-provider"
	pschema "github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// withIDOutputs adjusts the inferred provider where infer's conventions and
// the peers' contracts differ.
//
// idOutput says which output each function's `id` repeats. pulumi-aws's
// functions return `id`, and programs moving from it expect it, but infer
// reserves a top-level `id` field for resources; so `id` is added here, to
// the schema and to each answer, around the inferred provider.
type idOutput struct {
	token, from, description string
}

var idOutputs = []idOutput{
	{"aws-identity:index:getCallerIdentity", "accountId", "The account ID, as in pulumi-aws's getCallerIdentity."},
	{"aws-identity:iam:getSessionContext", "arn", "The ARN that was read, as in pulumi-aws's getSessionContext."},
	{"aws-identity:eks:getClusterAuth", "name", "The cluster's name, as in pulumi-aws's getClusterAuth."},
}

func withIDOutputs(prov p.Provider) p.Provider {
	getSchema, invoke := prov.GetSchema, prov.Invoke
	prov.GetSchema = func(ctx context.Context, req p.GetSchemaRequest) (p.GetSchemaResponse, error) {
		resp, err := getSchema(ctx, req)
		if err != nil {
			return resp, err
		}
		var spec pschema.PackageSpec
		if err := json.Unmarshal([]byte(resp.Schema), &spec); err != nil {
			return resp, fmt.Errorf("reading the inferred schema: %w", err)
		}
		for tok, fn := range spec.Functions {
			// A function without inputs gets none in its SDKs, not an empty
			// args type: getCallerIdentity() rather than getCallerIdentity({}).
			if fn.Inputs != nil && len(fn.Inputs.Properties) == 0 {
				fn.Inputs = nil
				spec.Functions[tok] = fn
			}
		}
		for _, o := range idOutputs {
			fn, ok := spec.Functions[o.token]
			if !ok || fn.ReturnType == nil || fn.ReturnType.ObjectTypeSpec == nil {
				return resp, fmt.Errorf("function %s has no outputs to add id to", o.token)
			}
			out := fn.ReturnType.ObjectTypeSpec
			out.Properties["id"] = pschema.PropertySpec{
				TypeSpec: pschema.TypeSpec{Type: "string"}, Description: o.description,
			}
			out.Required = append(out.Required, "id")
		}
		data, err := json.Marshal(spec)
		if err != nil {
			return resp, err
		}
		return p.GetSchemaResponse{Schema: string(data)}, nil
	}
	prov.Invoke = func(ctx context.Context, req p.InvokeRequest) (p.InvokeResponse, error) {
		resp, err := invoke(ctx, req)
		if err != nil || len(resp.Failures) > 0 {
			return resp, err
		}
		for _, o := range idOutputs {
			// An answer that has its id already (getSessionContext's direct
			// path) is not copied again to add it.
			if _, has := resp.Return.GetOk("id"); string(req.Token) == o.token && !has {
				resp.Return = resp.Return.Set("id", resp.Return.Get(o.from))
			}
		}
		return resp, nil
	}
	return prov
}
