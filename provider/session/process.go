package session

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials/processcreds"
)

// The AWS SDK's error for a credential_process whose output it cannot parse
// quotes the whole output, secret access key and session token included.
// explainProcess says instead, in its own words, what is wrong with the
// output, which it reads from that error without ever quoting it.

const parsePrefix = "parse failed of process output: "

// processFormat is what a credential_process must print, for the fix.
const processFormat = `print only one JSON object on stdout, such as {"Version": 1, "AccessKeyId": "...", ` +
	`"SecretAccessKey": "...", "SessionToken": "...", "Expiration": "2030-01-01T00:00:00Z"}`

// explainProcess explains an error of the SDK's credential_process provider;
// ok is false for any other error.
func explainProcess(err error) (what string, ok bool) {
	var pe *processcreds.ProviderError
	if !errors.As(err, &pe) || pe.Err == nil {
		return "", false
	}
	text := pe.Err.Error()
	var exit *exec.ExitError
	switch {
	case strings.HasPrefix(text, parsePrefix):
		parse := errors.Unwrap(pe.Err)
		out, found := strings.CutPrefix(text, parsePrefix)
		if parse != nil {
			out, found = strings.CutSuffix(out, ", error: "+parse.Error())
		}
		if !found {
			return "it printed output that is not the JSON AWS expects: it must " + processFormat, true
		}
		return "it printed " + diagnoseProcessOutput([]byte(out)), true
	case strings.HasPrefix(text, "wrong version"):
		return `it printed JSON whose Version is not 1: AWS expects "Version": 1`, true
	case strings.HasPrefix(text, "missing AccessKeyId"):
		return "it printed JSON without AccessKeyId: it must " + processFormat, true
	case strings.HasPrefix(text, "missing SecretAccessKey"):
		return "it printed JSON without SecretAccessKey: it must " + processFormat, true
	case strings.HasPrefix(text, "credential process timed out"):
		return fmt.Sprintf("it did not finish within %d seconds, the AWS SDK's limit: check that it does not wait "+
			"for input (a prompt, a browser login) and that what it calls answers",
			int(processcreds.DefaultTimeout.Seconds())), true
	case strings.HasPrefix(text, "failed to prepare command"):
		return "it is empty: set credential_process to the command that prints the credentials, or remove it", true
	case errors.As(pe.Err, &exit):
		what := fmt.Sprintf("it exited with status %d", exit.ExitCode())
		switch exit.ExitCode() {
		case 127:
			what += " (the shell found no such program: check its path)"
		case 126:
			what += " (the program is not executable: check its permissions)"
		case -1:
			what = "it was stopped by a signal"
		}
		return what + byHand, true
	}
	return "it could not be run: check that the program exists and that /bin/sh can start it", true
}

// diagnoseProcessOutput says what is wrong with a credential_process's
// output, from "printed ...", without quoting any of it.
func diagnoseProcessOutput(out []byte) string {
	const notJSON = "output that is not the JSON AWS expects: "
	trimmed := bytes.TrimSpace(out)
	switch {
	case len(trimmed) == 0:
		return "nothing on stdout: it must " + processFormat
	case trimmed[0] != '{':
		if bytes.IndexByte(trimmed, '{') > 0 {
			return "text before its JSON: it must print only the JSON object on stdout (messages go to stderr)"
		}
		return notJSON + "it must " + processFormat
	}
	dec := json.NewDecoder(bytes.NewReader(trimmed))
	var fields map[string]json.RawMessage
	if err := dec.Decode(&fields); err != nil {
		var syntax *json.SyntaxError
		if errors.As(err, &syntax) {
			return fmt.Sprintf("%sit is malformed at byte %d of its output", notJSON, syntax.Offset)
		}
		return notJSON + "it is cut short or malformed"
	}
	if dec.InputOffset() < int64(len(trimmed)) {
		return "text after its JSON: it must print only the JSON object on stdout (messages go to stderr)"
	}
	// encoding/json matches keys ignoring case, as the SDK's parse does.
	field := func(name string) (json.RawMessage, bool) {
		for k, v := range fields {
			if strings.EqualFold(k, name) && string(v) != "null" {
				return v, true
			}
		}
		return nil, false
	}
	if v, ok := field("Version"); ok {
		var n int
		if json.Unmarshal(v, &n) != nil {
			return notJSON + `Version must be the number 1, as in "Version": 1`
		}
	}
	for _, name := range []string{"AccessKeyId", "SecretAccessKey", "SessionToken", "AccountId"} {
		if v, ok := field(name); ok {
			var s string
			if json.Unmarshal(v, &s) != nil {
				return notJSON + name + " must be a string"
			}
		}
	}
	if v, ok := field("Expiration"); ok {
		var s string
		if json.Unmarshal(v, &s) != nil {
			return notJSON + "Expiration must be a string, an RFC 3339 time such as 2030-01-01T00:00:00Z"
		}
		if _, err := time.Parse(time.RFC3339, s); err != nil {
			if _, err := time.Parse("2006-01-02T15:04:05", strings.TrimSpace(s)); err == nil {
				return notJSON + "Expiration must be RFC 3339 with a time zone, such as 2030-01-01T00:00:00Z"
			}
			return notJSON + "Expiration must be an RFC 3339 time, such as 2030-01-01T00:00:00Z"
		}
	}
	return notJSON + "it must " + processFormat
}
