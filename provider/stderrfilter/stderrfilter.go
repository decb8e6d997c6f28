// Package stderrfilter keeps what other programs print out of the provider's
// stderr. The AWS SDK runs a profile's credential_process with its stderr
// tied to the provider's own (os.Stderr, taken when the command is made), so
// a helper that prints a token there, on failure or in debug output, would
// put it in the plugin's log, which Pulumi writes out at -v=9 and CI keeps.
// No option of the SDK changes that, and it holds for a credential_process
// anywhere in the chain (a role's source_profile too).
//
// Install swaps os.Stderr for a pipe: the provider's own log lines (glog's,
// which the Pulumi engine asks plugins for) pass through, redacted; any
// other line, whoever printed it, is dropped. The session runs a profile's
// credential_process with a stderr of its own (provider/session,
// processstderr.go), whose last lines, redacted, go into the error of a
// failed helper; this filter remains for anything else that writes there.
package stderrfilter

import (
	"bufio"
	"io"
	"os"
	"regexp"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/redact"
)

// glogLine is the header glog puts on every line it writes:
// "I1201 03:44:39.123456    1234 file.go:12] ".
var glogLine = regexp.MustCompile(`^[IWEF]\d{4} \d\d:\d\d:\d\d\.\d{6}\s+\d+ [^ \]]+:\d+\] `)

// maxLine bounds one line: a longer one is cut, not held whole in memory.
const maxLine = 64 << 10

// Install replaces os.Stderr with the filter and returns the real stderr,
// for the few messages the provider must print whatever happens (a failure
// to start). Where no pipe can be made, os.Stderr is left as it is.
func Install() *os.File {
	real := os.Stderr
	r, w, err := os.Pipe()
	if err != nil {
		return real
	}
	os.Stderr = w
	go Copy(real, r)
	return real
}

// Copy writes to out the lines of in that the provider itself logged,
// redacted, and drops the others, until in ends.
func Copy(out io.Writer, in io.Reader) {
	br := bufio.NewReaderSize(in, maxLine)
	for {
		line, err := readLine(br)
		if len(line) > 0 && glogLine.Match(line) {
			_, _ = io.WriteString(out, redact.String(string(line))+"\n")
		}
		if err != nil {
			return
		}
	}
}

// readLine reads one line without its newline, cut to maxLine; the rest of a
// longer line is read and dropped.
func readLine(br *bufio.Reader) ([]byte, error) {
	line, isPrefix, err := br.ReadLine()
	out := append([]byte(nil), line...)
	for isPrefix && err == nil {
		_, isPrefix, err = br.ReadLine()
	}
	return out, err
}
