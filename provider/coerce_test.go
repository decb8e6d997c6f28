package provider_test

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"

	p "github.com/pulumi/pulumi-go-provider"
	pschema "github.com/pulumi/pulumi/pkg/v3/codegen/schema"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

const defaultProvider = "urn:pulumi:dev::proj::pulumi:providers:aws-identity::default"

// checked runs CheckConfig and fails the test on any failure.
func checked(t *testing.T, inputs map[string]property.Value) property.Map {
	t.Helper()
	s := newServer(t, property.Map{})
	resp, err := s.CheckConfig(p.CheckRequest{Urn: defaultProvider, Inputs: property.NewMap(inputs)})
	require.NoError(t, err)
	require.Empty(t, resp.Failures)
	return resp.Inputs
}

// A number where the schema says string is the text the user typed, at any
// depth, given as values (an explicit provider, an SDK) or as the JSON text
// in which the engine hands over a default provider's structured settings.
func TestConfigNumberIsTheTextTyped(t *testing.T) {
	const role = "arn:aws:iam::123456789012:role/Deployer"
	first := func(m property.Map, key string) property.Value { return m.Get(key).AsArray().Get(0) }

	t.Run("a list of account IDs", func(t *testing.T) {
		in := checked(t, map[string]property.Value{
			"allowedAccountIds": property.New([]property.Value{num(444455556666), str("123456789012")})})
		assert.Equal(t, "444455556666", first(in, "allowedAccountIds").AsString())
		assert.Equal(t, "123456789012", in.Get("allowedAccountIds").AsArray().Get(1).AsString())
	})
	t.Run("a list of account IDs as JSON text", func(t *testing.T) {
		in := checked(t, map[string]property.Value{"forbiddenAccountIds": str("[444455556666]")})
		assert.Equal(t, "444455556666", first(in, "forbiddenAccountIds").AsString())
	})
	t.Run("role fields, a tag and a boolean in JSON text; integers stay numbers", func(t *testing.T) {
		in := checked(t, map[string]property.Value{"assumeRoles": str(`[{"roleArn":"` + role + `",` +
			`"externalId":123456,"roleSessionName":true,"durationSeconds":3600,"tags":{"cost":42},` +
			`"transitiveTagKeys":["cost"]}]`)})
		r := first(in, "assumeRoles").AsMap()
		assert.Equal(t, "123456", r.Get("externalId").AsString())
		assert.Equal(t, "true", r.Get("roleSessionName").AsString())
		assert.Equal(t, "42", r.Get("tags").AsMap().Get("cost").AsString())
		assert.Equal(t, 3600.0, r.Get("durationSeconds").AsNumber())
	})
	t.Run("a secret inside JSON text stays secret", func(t *testing.T) {
		in := checked(t, map[string]property.Value{"assumeRole": str(`{"roleArn":"` + role + `","externalId":` +
			`{"4dabf18193072939515e22adb298388d":"1b47061264138c4ac30d75fd1eb44270","value":987654}}`)})
		v := in.Get("assumeRole").AsMap().Get("externalId")
		assert.True(t, v.Secret() || in.Get("assumeRole").Secret(), "still secret")
		assert.Equal(t, "987654", v.AsString())
	})
	t.Run("a secret number stays secret", func(t *testing.T) {
		in := checked(t, map[string]property.Value{"accessKey": num(12345678),
			"secretKey": num(87654321).WithSecret(true)})
		assert.Equal(t, "12345678", in.Get("accessKey").AsString())
		assert.True(t, in.Get("secretKey").Secret())
		assert.Equal(t, "87654321", in.Get("secretKey").AsString())
	})
	t.Run("no exponent", func(t *testing.T) {
		in := checked(t, map[string]property.Value{"assumeRole": property.New(map[string]property.Value{
			"roleArn": str(role), "externalId": num(1e21), "roleSessionName": num(4444555566667777)})})
		r := in.Get("assumeRole").AsMap()
		assert.Equal(t, "1000000000000000000000", r.Get("externalId").AsString())
		assert.Equal(t, "4444555566667777", r.Get("roleSessionName").AsString())
	})
	t.Run("a nested endpoint and the web identity block", func(t *testing.T) {
		in := checked(t, map[string]property.Value{
			"endpoints": str(`{"sts":"http://127.0.0.1:5000","iam":"http://127.0.0.1:5000"}`),
			"assumeRoleWithWebIdentity": property.New(map[string]property.Value{"roleArn": str(role),
				"sessionName": num(20261201), "webIdentityToken": num(123456789).WithSecret(true)})})
		w := in.Get("assumeRoleWithWebIdentity").AsMap()
		assert.Equal(t, "20261201", w.Get("sessionName").AsString())
		assert.Equal(t, "123456789", w.Get("webIdentityToken").AsString())
		assert.True(t, w.Get("webIdentityToken").Secret())
	})
}

// A value quoted in a check failure is the text typed, so the user sees
// what they gave.
func TestConfigNumberIsQuotedAsTyped(t *testing.T) {
	s := newServer(t, property.Map{})
	resp, err := s.CheckConfig(p.CheckRequest{Urn: defaultProvider, Inputs: property.NewMap(map[string]property.Value{
		"region":            num(12345),
		"stsRegion":         property.New(true),
		"endpoints":         str(`{"sts":5000}`),
		"allowedAccountIds": str(`[44445555666]`),
	})})
	require.NoError(t, err)
	got := map[string]string{}
	for _, f := range resp.Failures {
		got[f.Property] = f.Reason
		assert.NotContains(t, f.Reason, "float64")
	}
	assert.Contains(t, got["region"], `"12345" is not an AWS region name`)
	assert.Contains(t, got["stsRegion"], `"true" is not an AWS region name`)
	assert.Contains(t, got["endpoints.sts"], `"5000" is not an http(s) URL`)
	assert.Contains(t, got["allowedAccountIds[0]"], `"44445555666" is not an AWS account ID`)
}

// Configure and DiffConfig read numbers the same way, for callers that skip
// CheckConfig and for a state written before.
func TestConfigNumberInConfigureAndDiff(t *testing.T) {
	s := newServer(t, property.Map{})
	require.NoError(t, s.Configure(p.ConfigureRequest{Args: property.NewMap(map[string]property.Value{
		"allowedAccountIds": property.New([]property.Value{num(123456789012)}),
		"assumeRole": property.New(map[string]property.Value{"roleArn": str("arn:aws:iam::123456789012:role/a"),
			"externalId": num(123456)}),
	})}))

	old := property.NewMap(map[string]property.Value{"allowedAccountIds": property.New([]property.Value{str("123456789012")})})
	diff, err := s.DiffConfig(p.DiffRequest{Urn: defaultProvider, State: old, OldInputs: old,
		Inputs: property.NewMap(map[string]property.Value{"allowedAccountIds": property.New([]property.Value{num(123456789012)})})})
	require.NoError(t, err)
	assert.False(t, diff.HasChanges, "the same account ID, typed as a number: %+v", diff.DetailedDiff)
}

// TestConfigEveryStringKeyTakesANumber walks the schema for every string
// setting, at any depth, and gives each a number the way the engine hands
// over a default provider's configuration (a nested setting as JSON text):
// what CheckConfig returns holds the digits as a string at that path, even
// where the value itself is then refused.
func TestConfigEveryStringKeyTakesANumber(t *testing.T) {
	s := newServer(t, property.Map{})
	resp, err := s.GetSchema(p.GetSchemaRequest{})
	require.NoError(t, err)
	var spec pschema.PackageSpec
	require.NoError(t, json.Unmarshal([]byte(resp.Schema), &spec))

	// paths are the string settings as path segments: a property name, or
	// an index (0) into a list. required are the required properties of
	// the objects on a path, by the path's length there, given a plain
	// string so that the object decodes.
	type stringPath struct {
		segs     []any
		required map[int][]string
	}
	var paths []stringPath
	var walk func(path stringPath, ts *pschema.TypeSpec)
	step := func(path stringPath, seg any, required []string) stringPath {
		r := maps.Clone(path.required)
		if required != nil {
			r[len(path.segs)] = required
		}
		return stringPath{append(slices.Clip(path.segs), seg), r}
	}
	walk = func(path stringPath, ts *pschema.TypeSpec) {
		switch {
		case ts.Ref != "":
			typ := spec.Types[strings.TrimPrefix(ts.Ref, "#/types/")]
			for name, prop := range typ.Properties {
				walk(step(path, name, typ.Required), &prop.TypeSpec)
			}
		case ts.Type == "string":
			paths = append(paths, path)
		case ts.Type == "array":
			walk(step(path, 0, nil), ts.Items)
		case ts.Type == "object" && ts.AdditionalProperties != nil:
			walk(step(path, "k", nil), ts.AdditionalProperties)
		}
	}
	for name, prop := range spec.Config.Variables {
		walk(stringPath{[]any{name}, map[int][]string{}}, &prop.TypeSpec)
	}
	require.Greater(t, len(paths), 40)

	// nest builds the value that holds leaf at path.segs[at:].
	var nest func(path stringPath, at int, leaf any) any
	nest = func(path stringPath, at int, leaf any) any {
		if at == len(path.segs) {
			return leaf
		}
		if _, ok := path.segs[at].(int); ok {
			return []any{nest(path, at+1, leaf)}
		}
		obj := map[string]any{}
		for _, r := range path.required[at] {
			obj[r] = "required"
		}
		obj[path.segs[at].(string)] = nest(path, at+1, leaf)
		return obj
	}
	for i, path := range paths {
		digits := fmt.Sprintf("4444555566%02d", i)
		name := ""
		for _, seg := range path.segs {
			if i, ok := seg.(int); ok {
				name += fmt.Sprintf("[%d]", i)
			} else {
				name += "." + seg.(string)
			}
		}
		name = strings.TrimPrefix(name, ".")
		t.Run(name, func(t *testing.T) {
			n := json.Number(digits)
			top := property.New(float64(444455556600 + i))
			if len(path.segs) > 1 {
				text, err := json.Marshal(nest(path, 1, n))
				require.NoError(t, err)
				top = str(string(text))
			}
			resp, err := s.CheckConfig(p.CheckRequest{Urn: defaultProvider,
				Inputs: property.NewMap(map[string]property.Value{path.segs[0].(string): top})})
			require.NoError(t, err)
			for _, f := range resp.Failures {
				assert.NotRegexp(t, `must be a '[^']*'; got`, f.Reason, "refused for its type: %s", f.Property)
			}
			v := resp.Inputs.Get(path.segs[0].(string))
			for _, seg := range path.segs[1:] {
				if i, ok := seg.(int); ok {
					require.True(t, v.IsArray(), "%v at %v", v, seg)
					v = v.AsArray().Get(i)
				} else {
					require.True(t, v.IsMap(), "%v at %v", v, seg)
					v = v.AsMap().Get(seg.(string))
				}
			}
			require.True(t, v.IsString(), "%s: %v", name, v)
			assert.Equal(t, digits, v.AsString())
		})
	}
}

// A number where a function's input is a string is the text the user typed:
// YAML hands `${mfaCode}`, set with `pulumi config set mfaCode 123456`, to
// tokenCode as a number (pulumi-yaml#577). Secrecy is kept, and an integer
// input stays a number.
func TestFunctionInputNumberIsTheTextTyped(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "Deployer", "/ci/")
	calls := testenv.CountCalls(t, moto.Endpoint)
	s := newServer(t, endpointConfig(calls.Endpoint))

	out, err := invoke(s, assumeRole, map[string]property.Value{
		"roleArn":         str(roleArn),
		"roleSessionName": num(20261201),
		"durationSeconds": num(900),
		"externalId":      num(444455556666),
		"serialNumber":    str("arn:aws:iam::123456789012:mfa/alice"),
		"tokenCode":       num(123456).WithSecret(true),
	})
	require.NoError(t, err, "the numbers are taken as the text typed")
	assert.Equal(t, 1, calls.Count("AssumeRole"))
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/20261201",
		out.Get("assumedRoleUser").AsMap().Get("arn").AsString(), "roleSessionName is the number's digits")

	// A number where the schema says number is checked as one.
	resp, err := s.Invoke(p.InvokeRequest{Token: assumeRole, Args: property.NewMap(map[string]property.Value{
		"roleArn": str(roleArn), "durationSeconds": str("900")})})
	if err == nil {
		require.NotEmpty(t, resp.Failures, "a string durationSeconds was taken")
		err = fmt.Errorf("%v", resp.Failures)
	}
	assert.Contains(t, err.Error(), "durationSeconds")
	assert.Equal(t, 1, calls.Count("AssumeRole"), "nothing more reached AWS")
}
