package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"sync"

	p "github.com/pulumi/pulumi-go-provider"
	pschema "github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/sig"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// withStringConfig makes a number or a boolean given where the schema says
// string reach the configuration, and a function's inputs, as the text the
// user typed.
//
// `pulumi config set --path 'aws-identity:allowedAccountIds[0]' 444455556666`
// stores a number (the CLI reads a --path value as YAML), and so do external
// IDs, session names and MFA codes typed the same way; infer would refuse
// each with "must be a 'string'; got 'float64'". The rewrite is driven by the
// schema, so every string setting at any depth is covered, present and
// future. It runs before infer and its complexconfig middleware see the
// configuration: the engine hands a default provider's structured settings
// over as JSON text, which complexconfig decodes, so that text is rewritten
// too. A number keeps its digits, never an exponent (444455556666, not
// 4.44455556666e+11); what the CLI already dropped, a leading zero, cannot be
// put back.
func withStringConfig(prov p.Provider) p.Provider {
	getSchema := prov.GetSchema
	// The schema is read with the first call's context, which carries what
	// the schema middleware needs (the run's package name); it is the same
	// for every call, so it is read once, and again only after a failure.
	var (
		mu     sync.Mutex
		cached *configSchema
	)
	schema := func(ctx context.Context) (*configSchema, error) {
		mu.Lock()
		defer mu.Unlock()
		if cached != nil {
			return cached, nil
		}
		resp, err := getSchema(ctx, p.GetSchemaRequest{})
		if err != nil {
			return nil, err
		}
		var spec pschema.PackageSpec
		if err := json.Unmarshal([]byte(resp.Schema), &spec); err != nil {
			return nil, fmt.Errorf("reading the provider's schema: %w", err)
		}
		cached = &configSchema{vars: spec.Config.Variables, types: spec.Types, funcs: spec.Functions}
		return cached, nil
	}

	checkConfig, diffConfig, configure, invoke := prov.CheckConfig, prov.DiffConfig, prov.Configure, prov.Invoke
	if checkConfig != nil {
		prov.CheckConfig = func(ctx context.Context, req p.CheckRequest) (p.CheckResponse, error) {
			s, err := schema(ctx)
			if err != nil {
				return p.CheckResponse{}, err
			}
			req.Inputs, req.State = s.config(req.Inputs), s.config(req.State)
			return checkConfig(ctx, req)
		}
	}
	if diffConfig != nil {
		prov.DiffConfig = func(ctx context.Context, req p.DiffRequest) (p.DiffResponse, error) {
			s, err := schema(ctx)
			if err != nil {
				return p.DiffResponse{}, err
			}
			req.Inputs, req.State, req.OldInputs = s.config(req.Inputs), s.config(req.State), s.config(req.OldInputs)
			return diffConfig(ctx, req)
		}
	}
	if configure != nil {
		prov.Configure = func(ctx context.Context, req p.ConfigureRequest) error {
			s, err := schema(ctx)
			if err != nil {
				return err
			}
			req.Args = s.config(req.Args)
			return configure(ctx, req)
		}
	}
	if invoke != nil {
		// A function's inputs: `pulumi config set mfaCode 123456` stores a
		// number, and YAML's ${mfaCode} hands it to tokenCode as one
		// (pulumi-yaml#577).
		prov.Invoke = func(ctx context.Context, req p.InvokeRequest) (p.InvokeResponse, error) {
			s, err := schema(ctx)
			if err != nil {
				return p.InvokeResponse{}, err
			}
			req.Args = s.inputs(string(req.Token), req.Args)
			return invoke(ctx, req)
		}
	}
	return prov
}

// configSchema is the part of the schema that says which settings and
// function inputs are strings.
type configSchema struct {
	vars  map[string]pschema.PropertySpec
	types map[string]pschema.ComplexTypeSpec
	funcs map[string]pschema.FunctionSpec
}

// inputs rewrites the inputs of the function token.
func (s *configSchema) inputs(token string, m property.Map) property.Map {
	fn, ok := s.funcs[token]
	if !ok || fn.Inputs == nil || m.Len() == 0 {
		return m
	}
	out := make(map[string]property.Value, m.Len())
	for k, v := range m.All {
		if spec, ok := fn.Inputs.Properties[k]; ok {
			v = s.value(v, &spec.TypeSpec)
		}
		out[k] = v
	}
	return property.NewMap(out)
}

func (s *configSchema) config(m property.Map) property.Map {
	if m.Len() == 0 {
		return m
	}
	out := make(map[string]property.Value, m.Len())
	for k, v := range m.All {
		if spec, ok := s.vars[k]; ok {
			v = s.value(v, &spec.TypeSpec)
		}
		out[k] = v
	}
	return property.NewMap(out)
}

// object is the object type a reference names, or nil.
func (s *configSchema) object(t *pschema.TypeSpec) *pschema.ObjectTypeSpec {
	if t.Ref == "" {
		return nil
	}
	ct, ok := s.types[strings.TrimPrefix(t.Ref, "#/types/")]
	if !ok {
		return nil
	}
	return &ct.ObjectTypeSpec
}

// value rewrites v, of schema type t. Secrecy and dependencies are kept.
func (s *configSchema) value(v property.Value, t *pschema.TypeSpec) property.Value {
	if t == nil || v.IsNull() || v.IsComputed() {
		return v
	}
	obj := s.object(t)
	switch {
	case t.Type == "string" && obj == nil:
		switch {
		case v.IsNumber():
			return property.WithGoValue(v, numberText(v.AsNumber()))
		case v.IsBool():
			return property.WithGoValue(v, strconv.FormatBool(v.AsBool()))
		}
	case v.IsString():
		// A structured setting as JSON text, as the engine sends a
		// default provider's.
		if text, ok := s.jsonText(v.AsString(), t); ok {
			return property.WithGoValue(v, text)
		}
	case t.Type == "array" && v.IsArray():
		items := make([]property.Value, 0, v.AsArray().Len())
		for _, e := range v.AsArray().All {
			items = append(items, s.value(e, t.Items))
		}
		return property.WithGoValue(v, property.NewArray(items))
	case v.IsMap():
		fields := make(map[string]property.Value, v.AsMap().Len())
		for k, e := range v.AsMap().All {
			fields[k] = s.value(e, s.field(t, obj, k))
		}
		return property.WithGoValue(v, property.NewMap(fields))
	}
	return v
}

// field is the type of an object's field k: a property of a named type, or
// the value type of a map.
func (s *configSchema) field(t *pschema.TypeSpec, obj *pschema.ObjectTypeSpec, k string) *pschema.TypeSpec {
	if obj != nil {
		if prop, ok := obj.Properties[k]; ok {
			return &prop.TypeSpec
		}
		return nil
	}
	if t.Type == "object" {
		return t.AdditionalProperties
	}
	return nil
}

// jsonText rewrites JSON text holding a value of type t, reporting whether
// anything changed. Numbers are read as the text they were written as.
func (s *configSchema) jsonText(text string, t *pschema.TypeSpec) (string, bool) {
	if t.Type != "array" && t.Type != "object" && s.object(t) == nil {
		return "", false
	}
	d := json.NewDecoder(strings.NewReader(text))
	d.UseNumber()
	var x any
	if err := d.Decode(&x); err != nil || d.More() {
		return "", false
	}
	y, changed := s.jsonValue(x, t)
	if !changed {
		return "", false
	}
	var b bytes.Buffer
	e := json.NewEncoder(&b)
	e.SetEscapeHTML(false)
	if err := e.Encode(y); err != nil {
		return "", false
	}
	return strings.TrimSuffix(b.String(), "\n"), true
}

func (s *configSchema) jsonValue(x any, t *pschema.TypeSpec) (any, bool) {
	if t == nil {
		return x, false
	}
	obj := s.object(t)
	switch x := x.(type) {
	case json.Number:
		if t.Type == "string" && obj == nil {
			return x.String(), true
		}
	case bool:
		if t.Type == "string" && obj == nil {
			return strconv.FormatBool(x), true
		}
	case []any:
		if t.Type != "array" {
			return x, false
		}
		changed := false
		for i, e := range x {
			var c bool
			x[i], c = s.jsonValue(e, t.Items)
			changed = changed || c
		}
		return x, changed
	case map[string]any:
		// A secret (or an output) inside the text wraps the value it
		// stands for: {"<sig.Key>": "<sig.Secret>", "value": ...}.
		if _, ok := x[sig.Key]; ok {
			if inner, ok := x["value"]; ok {
				var c bool
				x["value"], c = s.jsonValue(inner, t)
				return x, c
			}
			return x, false
		}
		changed := false
		for k, e := range x {
			y, c := s.jsonValue(e, s.field(t, obj, k))
			x[k] = y
			changed = changed || c
		}
		return x, changed
	}
	return x, false
}

// numberText is a number as it was typed: its decimal digits, without an
// exponent.
func numberText(f float64) string {
	return strconv.FormatFloat(f, 'f', -1, 64)
}
