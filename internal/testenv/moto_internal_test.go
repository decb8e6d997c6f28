package testenv

import (
	"net"
	"net/http"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// Another server that wins moto's port must not be taken for moto: moto fails
// to bind, exits, and startMoto reports it so that StartMoto tries again.
func TestStartMotoPortTaken(t *testing.T) {
	server := Tool(t, "moto_server")
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	impostor := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte("not moto"))
	})}
	go func() { _ = impostor.Serve(l) }()
	t.Cleanup(func() { _ = impostor.Close() })

	port := l.Addr().(*net.TCPAddr).Port
	m, err := startMoto(t, server, port, filepath.Join(t.TempDir(), "moto.log"))
	require.Error(t, err)
	require.Nil(t, m)
	require.Contains(t, err.Error(), "exited during start")
}
