package hostile

import (
	"bufio"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// Hostile servers on 127.0.0.1, for what neither moto nor awsfault does:
// broken documents, HTML pages, answers that never end.

// serve starts h on 127.0.0.1 and returns its URL and a request counter.
func serve(t *testing.T, h http.HandlerFunc) (string, *atomic.Int64) {
	t.Helper()
	var n atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		h(w, r)
	}))
	// Closing the clients' connections first ends the handlers that
	// would otherwise write forever.
	t.Cleanup(func() { srv.CloseClientConnections(); srv.Close() })
	return srv.URL, &n
}

// fixed answers every request with status, content type and body.
func fixed(t *testing.T, status int, contentType, body string) string {
	u, _ := serve(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		_, _ = w.Write([]byte(body))
	})
	return u
}

// truncatedXML is an STS that stops in the middle of its answer.
func truncatedXML(t *testing.T) string {
	return fixed(t, http.StatusOK, "text/xml", `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">`+
		`<GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/trunc`)
}

// slowLoris answers 200 at once, then one byte of body every second,
// forever: a client with no deadline of its own never finishes reading.
func slowLoris(t *testing.T) string {
	u, _ := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/xml")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte("<GetCallerIdentityResponse>"))
		w.(http.Flusher).Flush()
		tick := time.NewTicker(time.Second)
		defer tick.Stop()
		for {
			select {
			case <-r.Context().Done():
				return
			case <-tick.C:
				if _, err := w.Write([]byte(" ")); err != nil {
					return
				}
				w.(http.Flusher).Flush()
			}
		}
	})
	return u
}

// endless answers 200 with a body that never ends, as fast as it is read.
func endless(t *testing.T, contentType string, chunk string) string {
	u, _ := serve(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(http.StatusOK)
		buf := []byte(strings.Repeat(chunk, 64*1024/len(chunk)+1))
		for r.Context().Err() == nil {
			if _, err := w.Write(buf); err != nil {
				return
			}
		}
	})
	return u
}

// forwardProxy is an HTTP proxy that answers every request itself with an
// HTML error page quoting the request's Proxy-Authorization header, as
// debugging proxies do. It counts the requests it saw, and remembers their
// targets.
func forwardProxy(t *testing.T, status int) (string, *atomic.Int64, *targets) {
	seen := &targets{}
	u, n := serve(t, func(w http.ResponseWriter, r *http.Request) {
		seen.add(r.Host + r.URL.Path)
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(status)
		_, _ = w.Write([]byte("<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1>" +
			"<p>upstream " + r.Host + " unreachable</p><pre>Proxy-Authorization: " + r.Header.Get("Proxy-Authorization") +
			"\nAuthorization: " + r.Header.Get("Authorization") + "</pre></body></html>"))
	})
	return u, n, seen
}

type targets struct {
	ch atomic.Value
}

func (s *targets) add(v string) {
	old, _ := s.ch.Load().([]string)
	s.ch.Store(append(append([]string(nil), old...), v))
}

// silentTCP accepts connections and never says anything.
func silentTCP(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var conns []net.Conn
	done := make(chan struct{})
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				close(done)
				return
			}
			conns = append(conns, c)
			go func() { _, _ = bufio.NewReader(c).ReadString(0) }()
		}
	}()
	t.Cleanup(func() {
		_ = l.Close()
		<-done
		for _, c := range conns {
			_ = c.Close()
		}
	})
	return "http://" + l.Addr().String()
}
