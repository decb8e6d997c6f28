package sts_test

import (
	"context"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"

	awssts "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider"
)

// tokenOf names the function that answers an STS operation: module sts, the
// operation's name with a lower-case first letter, except where the
// provider's names differ (fixed tokens, and "Saml" as the issue spells it).
func tokenOf(op string) string {
	switch op {
	case "GetCallerIdentity":
		return "aws-identity:index:getCallerIdentity"
	case "AssumeRoleWithSAML":
		return "aws-identity:sts:assumeRoleWithSaml"
	}
	return "aws-identity:sts:" + strings.ToLower(op[:1]) + op[1:]
}

// stsOperations lists the operations of the pinned SDK's STS client by
// their signature, (context.Context, *XInput, ...func(*Options))
// (*XOutput, error), so that an operation a future SDK adds is found here
// without anyone listing it.
func stsOperations(t *testing.T) []string {
	ctxType := reflect.TypeFor[context.Context]()
	optType := reflect.TypeFor[[]func(*awssts.Options)]()
	errType := reflect.TypeFor[error]()
	var ops []string
	c := reflect.TypeFor[*awssts.Client]()
	for i := range c.NumMethod() {
		m := c.Method(i)
		ft := m.Type // the receiver is the first parameter
		if ft.NumIn() != 4 || ft.NumOut() != 2 || !ft.IsVariadic() || ft.In(1) != ctxType || ft.In(3) != optType ||
			ft.Out(1) != errType {
			continue
		}
		in, out := ft.In(2), ft.Out(0)
		if in.Kind() != reflect.Pointer || in.Elem().Name() != m.Name+"Input" ||
			out.Kind() != reflect.Pointer || out.Elem().Name() != m.Name+"Output" {
			continue
		}
		ops = append(ops, m.Name)
	}
	sort.Strings(ops)
	require.NotEmpty(t, ops, "no operation found: the SDK's client changed shape")
	return ops
}

// Every STS operation of the pinned SDK has a function, and every function
// of module sts answers an operation.
func TestEveryStsOperationHasAFunction(t *testing.T) {
	raw, err := provider.Schema(context.Background())
	require.NoError(t, err)
	var schema struct {
		Functions map[string]json.RawMessage `json:"functions"`
	}
	require.NoError(t, json.Unmarshal(raw, &schema))

	ops := stsOperations(t)
	// The eleven of STS API version 2011-06-15 in aws-sdk-go-v2/service/sts v1.51.9.
	assert.Len(t, ops, 11, "%v", ops)
	answered := map[string]bool{}
	for _, op := range ops {
		token := tokenOf(op)
		answered[token] = true
		_, has := schema.Functions[token]
		if !has {
			t.Errorf("STS operation %s has no function %s: add one in provider/sts", op, token)
		}
	}
	for token := range schema.Functions {
		if strings.HasPrefix(token, "aws-identity:sts:") && !answered[token] {
			t.Errorf("function %s answers no STS operation of the pinned SDK", token)
		}
	}
}
