package sts

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/pulumi/pulumi-go-provider/infer"
)

// DecodeAuthorizationMessageResult is the decoded message and what it
// says, read from the JSON document STS returns:
//
//	{"allowed": false, "explicitDeny": true,
//	 "matchedStatements": {"items": [{"statementId": "...", "effect": "DENY",
//	   "principals": {"items": [{"value": "..."}]}, "actions": {"items": [...]}, "resources": {...}}]},
//	 "context": {"principal": {"id": "...", "name": "...", "arn": "..."}, "action": "ec2:RunInstances",
//	   "resource": "arn:...", "conditions": {"items": [{"key": "...", "values": {"items": [{"value": "..."}]}}]}}}
//
// AWS documents the shape by example only, so every part is read as it
// comes: a part missing or of another type is left empty and named in Note.
type DecodeAuthorizationMessageResult struct {
	DecodedMessage    string              `pulumi:"decodedMessage"`
	Allowed           *bool               `pulumi:"allowed,optional"`
	ExplicitDeny      *bool               `pulumi:"explicitDeny,optional"`
	MatchedStatements []MatchedStatement  `pulumi:"matchedStatements"`
	Principal         RequestPrincipal    `pulumi:"principal"`
	Action            string              `pulumi:"action"`
	Resource          string              `pulumi:"resource"`
	Conditions        map[string][]string `pulumi:"conditions"`
	Note              string              `pulumi:"note"`
}

// MatchedStatement is a policy statement that decided the request.
type MatchedStatement struct {
	StatementID string   `pulumi:"statementId"`
	Effect      string   `pulumi:"effect"`
	Principals  []string `pulumi:"principals"`
	Actions     []string `pulumi:"actions"`
	Resources   []string `pulumi:"resources"`
	// Statement is the item as STS returned it, for its other parts
	// (conditions, the source policy).
	Statement string `pulumi:"statement"`
}

// RequestPrincipal is who made the refused request.
type RequestPrincipal struct {
	ID   string `pulumi:"id"`
	Name string `pulumi:"name"`
	Arn  string `pulumi:"arn"`
}

func (m *MatchedStatement) Annotate(a infer.Annotator) {
	a.SetToken("sts", "MatchedStatement")
	a.Describe(m, "A policy statement that decided an authorization request.")
	a.Describe(&m.StatementID, "The statement's Sid, when it has one.")
	a.Describe(&m.Effect, "`ALLOW` or `DENY`.")
	a.Describe(&m.Principals, "The principals the statement names.")
	a.Describe(&m.Actions, "The actions the statement names.")
	a.Describe(&m.Resources, "The resources the statement names.")
	a.Describe(&m.Statement, "The statement as STS returned it, as JSON: its conditions and other parts.")
}

func (p *RequestPrincipal) Annotate(a infer.Annotator) {
	a.SetToken("sts", "RequestPrincipal")
	a.Describe(p, "The principal that made an authorization request.")
	a.Describe(&p.ID, "Its unique ID, such as `AIDA...` or `AROA...:session`.")
	a.Describe(&p.Name, "Its name.")
	a.Describe(&p.Arn, "Its ARN.")
}

// parseDecoded reads the decoded message. It never fails: what it cannot
// read is named in the Note.
func parseDecoded(text string) DecodeAuthorizationMessageResult {
	d := DecodeAuthorizationMessageResult{DecodedMessage: text, MatchedStatements: []MatchedStatement{}, Conditions: map[string][]string{}}
	var missing []string
	dec := json.NewDecoder(strings.NewReader(text))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil || strings.TrimSpace(text[dec.InputOffset():]) != "" {
		d.Note = "The decoded message is not a JSON document; decodedMessage holds it as STS returned it."
		return d
	}
	top, ok := doc.(map[string]any)
	if !ok {
		d.Note = "The decoded message is JSON but not an object; decodedMessage holds it as STS returned it."
		return d
	}
	d.Allowed, ok = boolAt(top, "allowed")
	if !ok {
		missing = append(missing, "allowed")
	}
	d.ExplicitDeny, ok = boolAt(top, "explicitDeny")
	if !ok {
		missing = append(missing, "explicitDeny")
	}
	if v, present := top["matchedStatements"]; present {
		list, ok := items(v)
		if !ok {
			missing = append(missing, "matchedStatements")
		}
		for _, it := range list {
			st, ok := it.(map[string]any)
			if !ok {
				missing = append(missing, "matchedStatements item")
				continue
			}
			d.MatchedStatements = append(d.MatchedStatements, MatchedStatement{
				StatementID: scalar(st["statementId"]), Effect: scalar(st["effect"]),
				Principals: values(st["principals"]), Actions: values(st["actions"]),
				Resources: values(st["resources"]), Statement: compact(it),
			})
		}
	}
	ctx, ok := top["context"].(map[string]any)
	if !ok {
		missing = append(missing, "context")
	} else {
		if p, ok := ctx["principal"].(map[string]any); ok {
			d.Principal = RequestPrincipal{ID: scalar(p["id"]), Name: scalar(p["name"]), Arn: scalar(p["arn"])}
		} else {
			missing = append(missing, "context.principal")
		}
		d.Action, d.Resource = scalar(ctx["action"]), scalar(ctx["resource"])
		if d.Action == "" {
			missing = append(missing, "context.action")
		}
		if d.Resource == "" {
			missing = append(missing, "context.resource")
		}
		if c, present := ctx["conditions"]; present {
			list, _ := items(c)
			for _, it := range list {
				kv, ok := it.(map[string]any)
				if !ok {
					continue
				}
				if k := scalar(kv["key"]); k != "" {
					d.Conditions[k] = append(d.Conditions[k], values(kv["values"])...)
				}
			}
		}
	}
	if len(missing) > 0 {
		d.Note = fmt.Sprintf("The decoded message is not in the shape AWS documents: %s missing or of another type; "+
			"the other fields are read from it, and decodedMessage holds it as STS returned it.",
			strings.Join(missing, ", "))
	}
	return d
}

func boolAt(m map[string]any, key string) (*bool, bool) {
	b, ok := m[key].(bool)
	if !ok {
		return nil, false
	}
	return &b, true
}

// items reads AWS's {"items": [...]} lists, or a plain list.
func items(v any) ([]any, bool) {
	switch v := v.(type) {
	case []any:
		return v, true
	case map[string]any:
		list, ok := v["items"].([]any)
		return list, ok
	}
	return nil, v == nil
}

// values reads a list of {"value": "..."} items (or of plain values) as text.
func values(v any) []string {
	list, _ := items(v)
	out := []string{}
	for _, it := range list {
		if m, ok := it.(map[string]any); ok {
			it = m["value"]
		}
		if s := scalar(it); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// scalar is a string, number or boolean as text; anything else is "".
func scalar(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case json.Number:
		return v.String()
	case bool:
		return fmt.Sprint(v)
	}
	return ""
}

// compact is a parsed JSON value as compact JSON, keys sorted.
func compact(v any) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return ""
	}
	return strings.TrimSuffix(b.String(), "\n")
}

func (r *DecodeAuthorizationMessageResult) Annotate(a infer.Annotator) {
	a.Describe(&r.DecodedMessage, "The decoded message, the JSON document STS returned.")
	a.Describe(&r.Allowed, "Whether the request was allowed.")
	a.Describe(&r.ExplicitDeny, "Whether a statement denied it explicitly (`true`), or no statement allowed it (`false`).")
	a.Describe(&r.MatchedStatements, "The policy statements that decided the request: the denying ones, for an explicit deny.")
	a.Describe(&r.Principal, "Who made the request.")
	a.Describe(&r.Action, "The action requested, such as `ec2:RunInstances`.")
	a.Describe(&r.Resource, "The resource requested.")
	a.Describe(&r.Conditions, "The condition keys of the request and their values, such as `aws:RequestedRegion`.")
	a.Describe(&r.Note, "Empty when the decoded message has the shape AWS documents; otherwise what could not be read from it.")
}
