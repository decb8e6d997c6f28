package iam

import (
	"context"
	"math"

	p "github.com/pulumi/pulumi-go-provider"
	"github.com/pulumi/pulumi-go-provider/infer"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
)

// GetSessionContextFunction is getSessionContext as the provider registers it: infer's
// function, with plain arguments read and the answer written directly.
//
// A cached lookup is answered in microseconds, and infer's generic path
// (decoding by reflection, then applyDefaults, which runs GetSessionContextArgs.Annotate and
// reflect.VisibleFields on every invoke, then encoding and a secrets walk)
// took about a third of such an invoke's CPU (bench/README.md has the
// profile). Arguments that are anything but plain (a secret, an unknown, a
// wrong type, a key the schema does not have) still go through infer, which
// reports them as before.
func GetSessionContextFunction() infer.InferredFunction {
	return direct{infer.Function(&GetSessionContext{})}
}

type direct struct{ infer.InferredFunction }

func (d direct) Invoke(ctx context.Context, req p.InvokeRequest) (p.InvokeResponse, error) {
	in, ok := plainArgs(req.Args)
	if !ok {
		return d.InferredFunction.Invoke(ctx, req)
	}
	out, err := GetSessionContext{}.Invoke(ctx, infer.FunctionRequest[GetSessionContextArgs]{Input: in})
	if err != nil {
		return p.InvokeResponse{}, err
	}
	return p.InvokeResponse{Return: out.Output.properties()}, nil
}

// plainArgs reads the arguments when every one is a plain value of its
// schema type; ok is false otherwise.
func plainArgs(m property.Map) (in GetSessionContextArgs, ok bool) {
	ok = true
	m.All(func(k string, v property.Value) bool {
		if v.Secret() || len(v.Dependencies()) > 0 {
			ok = false
			return false
		}
		switch {
		case k == "arn" && v.IsString():
			in.Arn = v.AsString()
		case k == "lookupRole" && v.IsBool():
			b := v.AsBool()
			in.LookupRole = &b
		case k == "lookupTimeoutSeconds" && v.IsNumber() && isInt(v.AsNumber()):
			n := int(v.AsNumber())
			in.LookupTimeoutSeconds = &n
		default:
			ok = false
		}
		return ok
	})
	_, hasARN := m.GetOk("arn")
	return in, ok && hasARN
}

func isInt(f float64) bool {
	return f == math.Trunc(f) && f >= math.MinInt32 && f <= math.MaxInt32
}

// properties is the answer as infer encodes it (every field, by its pulumi
// name; none is secret), with the id that provider/id_outputs.go would
// otherwise add by copying the map again.
func (r GetSessionContextResult) properties() property.Map {
	return property.NewMap(map[string]property.Value{
		"id":            property.New(r.Arn),
		"arn":           property.New(r.Arn),
		"issuerArn":     property.New(r.IssuerArn),
		"issuerId":      property.New(r.IssuerID),
		"issuerName":    property.New(r.IssuerName),
		"sessionName":   property.New(r.SessionName),
		"accountId":     property.New(r.AccountID),
		"partition":     property.New(r.Partition),
		"principalType": property.New(r.PrincipalType),
	})
}
