package bench

import "testing"

// TestCallEconomy proves, by counting the calls that reach the endpoint, that
// lookups are cached per process and shared between concurrent callers, and
// that answers from the ARN alone make no call. Counts, not times: exact.
func TestCallEconomy(t *testing.T) {
	Isolate()
	f := NewFixture(t, 10)
	for _, c := range Economy(t, f) {
		if c.Got != c.Want {
			t.Errorf("%s: %d %s calls reached the endpoint, want %d", c.Name, c.Got, actionName(c.Action), c.Want)
		}
	}
}
