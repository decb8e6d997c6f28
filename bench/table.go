package bench

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Row is one line of the table.
type Row struct {
	What     string
	Measured string
	Baseline string
	Result   string // ratio, count, size
	Target   string
	Met      string // "yes", "NO", or "" when there is no target
}

// Print writes rows as one aligned plain-text table.
func Print(w io.Writer, title string, rows []Row) error {
	var out strings.Builder
	head := Row{"measurement", "measured", "baseline", "result", "target", "met"}
	all := append([]Row{head}, rows...)
	width := make([]int, 6)
	cells := func(r Row) []string { return []string{r.What, r.Measured, r.Baseline, r.Result, r.Target, r.Met} }
	for _, r := range all {
		for i, c := range cells(r) {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	line := func(r Row) {
		var b strings.Builder
		for i, c := range cells(r) {
			if i > 0 {
				b.WriteString(" | ")
			}
			b.WriteString(c + strings.Repeat(" ", width[i]-utf8.RuneCountInString(c)))
		}
		out.WriteString(strings.TrimRight(b.String(), " ") + "\n")
	}
	out.WriteString(title + "\n")
	line(head)
	sep := make([]string, 6)
	for i := range sep {
		sep[i] = strings.Repeat("-", width[i])
	}
	out.WriteString(strings.Join(sep, "-|-") + "\n")
	for _, r := range rows {
		line(r)
	}
	_, err := io.WriteString(w, out.String())
	return err
}

// Median of durations (the mean of the middle two for an even count).
func Median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// Dur formats a duration with three significant digits.
func Dur(d time.Duration) string {
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.3g s", d.Seconds())
	case d >= time.Millisecond:
		return fmt.Sprintf("%.3g ms", float64(d)/float64(time.Millisecond))
	default:
		return fmt.Sprintf("%.3g µs", float64(d)/float64(time.Microsecond))
	}
}

// MiB formats a byte count in MiB, and MB for sizes on disk.
func MiB(n int64) string { return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20)) }

// MB formats a byte count in (decimal) MB.
func MB(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/1e6) }

// Ratio formats a/b.
func Ratio(a, b time.Duration) string { return fmt.Sprintf("%.2f×", float64(a)/float64(b)) }

// Met is "yes" or "NO".
func Met(ok bool) string {
	if ok {
		return "yes"
	}
	return "NO"
}

func actionName(a string) string {
	if a == "" {
		return "API"
	}
	return a
}
