package provider

import (
	"context"
	"fmt"
	"path"
	"runtime"
	"strings"

	p "github.com/pulumi/pulumi-go-provider"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/redact"
)

// withRecover turns a panic in any call of the engine's into an error that
// names the call, so that a bug answers that one call and the plugin keeps
// serving the program's others: gRPC does not recover a handler's panic,
// and a dead plugin fails every later call with "error reading from server:
// EOF". The message carries no stack trace (nothing goes to stderr either):
// only the panic's words, redacted, and the provider's own function where it
// happened, which is enough for a bug report.
func withRecover(prov p.Provider) p.Provider {
	prov.GetSchema = guard1(prov.GetSchema, func(p.GetSchemaRequest) string { return "GetSchema" })
	prov.CheckConfig = guard1(prov.CheckConfig, func(p.CheckRequest) string { return "the provider configuration's check" })
	prov.DiffConfig = guard1(prov.DiffConfig, func(p.DiffRequest) string { return "the provider configuration's diff" })
	prov.Invoke = guard1(prov.Invoke, func(r p.InvokeRequest) string { return function(string(r.Token)) })
	prov.Check = guard1(prov.Check, func(r p.CheckRequest) string { return "the check of " + string(r.Urn.Type()) })
	if configure := prov.Configure; configure != nil {
		prov.Configure = func(ctx context.Context, req p.ConfigureRequest) (err error) {
			defer recovered("the provider configuration", &err)
			return configure(ctx, req)
		}
	}
	return prov
}

// guard1 wraps one call of the engine's whose answer is a response and an
// error; name says which call it was, from its request.
func guard1[Req, Resp any](call func(context.Context, Req) (Resp, error), name func(Req) string) func(context.Context, Req) (Resp, error) {
	if call == nil {
		return nil
	}
	return func(ctx context.Context, req Req) (resp Resp, err error) {
		defer func() {
			if v := recover(); v != nil {
				var zero Resp
				resp, err = zero, panicError(name(req), v)
			}
		}()
		return call(ctx, req)
	}
}

func recovered(what string, err *error) {
	if v := recover(); v != nil {
		*err = panicError(what, v)
	}
}

// function is the name of an invoked function, from its token
// (aws-identity:index:getCredentials: getCredentials).
func function(token string) string {
	if i := strings.LastIndex(token, ":"); i >= 0 {
		token = token[i+1:]
	}
	return redact.Cut(token, 100)
}

func panicError(what string, v any) error {
	where := ""
	if fn := panicFrame(); fn != "" {
		where = " in " + fn
	}
	return fmt.Errorf("%s failed: the provider met an internal error%s (%s). This is a bug in "+
		"pulumi-resource-aws-identity: please report it with this message; the provider goes on serving "+
		"other calls", what, where, redact.Message(fmt.Sprint(v), 200))
}

// panicFrame is the innermost function of this module on the panicking
// goroutine's stack, as package.Function (file.go:line), or "".
func panicFrame() string {
	pcs := make([]uintptr, 64)
	n := runtime.Callers(3, pcs)
	frames := runtime.CallersFrames(pcs[:n])
	const module = "github.com/seed-83d379c3/pulumi-aws-identity/"
	for {
		f, more := frames.Next()
		// This file's functions (the deferred recover) are on the stack too.
		if strings.HasPrefix(f.Function, module) && path.Base(f.File) != "recover.go" {
			return fmt.Sprintf("%s (%s:%d)", path.Base(f.Function), path.Base(f.File), f.Line)
		}
		if !more {
			return ""
		}
	}
}
