package hostile

import (
	"crypto/rand"
	"encoding/base32"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/require"
)

// canaries are the secrets one case plants: unique random values, so that
// any trace of one, anywhere, is a leak of that very value. A piece of
// each (its random core) is searched for too, so that a value cut short in
// a message is still found.
type canaries struct {
	t    *testing.T
	mu   sync.Mutex
	vals map[string]string // name -> value
	core map[string]string // name -> the random part, searched on its own
}

func newCanaries(t *testing.T) *canaries {
	return &canaries{t: t, vals: map[string]string{}, core: map[string]string{}}
}

// canary plants a new secret named name: 40 characters, letters and digits,
// the shape of an AWS secret access key.
func (c *canaries) canary(name string) string {
	b := make([]byte, 20)
	_, err := rand.Read(b)
	require.NoError(c.t, err)
	core := strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))[:24]
	v := "hostileCanary" + core + "Z" // Z: a value that ends inside the canary is still a leak
	c.plant(name, v, core)
	return v
}

func (c *canaries) plant(name, value, core string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.vals[name] = value
	if core != "" {
		c.core[name] = core
	}
}

// noCanary fails the test for every canary found in text.
func (c *canaries) noCanary(where, text string) {
	c.t.Helper()
	c.mu.Lock()
	defer c.mu.Unlock()
	for name, v := range c.vals {
		for _, s := range []string{v, c.core[name]} {
			if s == "" {
				continue
			}
			if i := strings.Index(text, s); i >= 0 {
				c.t.Errorf("LEAK: %s shows the canary %q (%s): ...%s...", where, name, s,
					text[max(0, i-250):min(len(text), i+len(s)+80)])
				break
			}
		}
	}
}
