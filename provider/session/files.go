package session

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"syscall"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials/endpointcreds"
	"github.com/aws/aws-sdk-go-v2/credentials/ssocreds"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
)

// Limits on the files the provider and the credential chain read. A file
// that breaks one is refused with a message naming the setting, rather than
// read until the plugin runs out of memory (/dev/zero) or waits forever (a
// named pipe nobody writes).
const (
	// tokenFileLimit bounds a web identity or container authorization
	// token: a JWT is a few KiB.
	tokenFileLimit = 1 << 20
	// sharedFileLimit bounds a shared config or credentials file: thousands
	// of profiles fit in a few MiB.
	sharedFileLimit = 16 << 20
	// fileReadTimeout bounds the reading of one file, so that a file system
	// that stops answering (a dead network mount, FUSE) cannot hang a run.
	fileReadTimeout = 10 * time.Second
)

// readSettingFile reads the file at path, which the setting (customCaBundle,
// AWS_WEB_IDENTITY_TOKEN_FILE, ...) names. It must be a regular file of at
// most limit bytes, read within ctx and fileReadTimeout; otherwise the error
// names the setting, the path and what is wrong.
func readSettingFile(ctx context.Context, path, setting string, limit int64) ([]byte, error) {
	f, err := openSettingFile(path, setting, limit)
	if err != nil {
		return nil, err
	}
	return readWithin(ctx, f, path, setting, limit)
}

// readWithin reads at most limit bytes of f, within ctx and fileReadTimeout,
// and closes it.
func readWithin(ctx context.Context, f *os.File, path, setting string, limit int64) ([]byte, error) {
	// Closing wakes a reader that waits on a pipe or socket; a reader held
	// up by the file system returns when it does, with nothing kept.
	defer func() { _ = f.Close() }()
	ctx, cancel := context.WithTimeout(ctx, fileReadTimeout)
	defer cancel()
	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		b, err := io.ReadAll(io.LimitReader(f, limit+1))
		done <- result{b, err}
	}()
	select {
	case r := <-done:
		switch {
		case r.err != nil:
			return nil, fileError(path, setting, "cannot be read", r.err)
		case int64(len(r.b)) > limit:
			return nil, fileError(path, setting, "is larger than "+byteSize(limit), nil)
		}
		return r.b, nil
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.Canceled) {
			return nil, fileError(path, setting, "was not read: the call was cancelled", ctx.Err())
		}
		return nil, fileError(path, setting, fmt.Sprintf("could not be read in the time allowed (%s, or the "+
			"call's own deadline if sooner): check the file system it is on", fileReadTimeout), ctx.Err())
	}
}

// checkSettingFile checks, without reading it, that the file at path is a
// regular file of at most limit bytes: for files that another library reads
// whole, with no limit of its own (the AWS SDK's shared config files).
func checkSettingFile(path, setting string, limit int64) error {
	f, err := openSettingFile(path, setting, limit)
	if err != nil {
		return err
	}
	return f.Close()
}

// openSettingFile opens the file at path for reading once it is known to be
// a regular file of at most limit bytes. It checks before opening, since
// opening a named pipe waits for a writer, and again after, on what was
// opened: O_NONBLOCK makes opening a pipe swapped in meanwhile return at once.
func openSettingFile(path, setting string, limit int64) (*os.File, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, statError(path, setting, err)
	}
	if err := checkFileInfo(fi, path, setting, limit); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
	if err != nil {
		return nil, statError(path, setting, err)
	}
	opened, err := f.Stat()
	if err == nil {
		err = checkFileInfo(opened, path, setting, limit)
	}
	if err != nil {
		_ = f.Close()
		return nil, err
	}
	return f, nil
}

func checkFileInfo(fi fs.FileInfo, path, setting string, limit int64) error {
	m := fi.Mode()
	switch {
	case m.IsRegular():
		if fi.Size() > limit {
			return fileError(path, setting, "is larger than "+byteSize(limit), nil)
		}
		return nil
	case m.IsDir():
		return fileError(path, setting, "is a directory, not a regular file", nil)
	case m&fs.ModeNamedPipe != 0:
		return fileError(path, setting, "is a named pipe (FIFO), not a regular file", nil)
	case m&fs.ModeSocket != 0:
		return fileError(path, setting, "is a socket, not a regular file", nil)
	case isDevNull(fi):
		// AWS_CONFIG_FILE=/dev/null is the usual way to say "no config".
		return nil
	case m&fs.ModeDevice != 0:
		return fileError(path, setting, "is a device, not a regular file", nil)
	}
	return fileError(path, setting, "is not a regular file", nil)
}

func isDevNull(fi fs.FileInfo) bool {
	null, err := os.Stat(os.DevNull)
	return err == nil && fi.Mode()&fs.ModeDevice != 0 && os.SameFile(fi, null)
}

func statError(path, setting string, err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fileError(path, setting, "does not exist", err)
	case errors.Is(err, fs.ErrPermission):
		return fileError(path, setting, "cannot be read: permission denied", err)
	}
	return fileError(path, setting, "cannot be read", err)
}

// fileError says which setting names the file and what is wrong with it,
// in the provider's words: the cause is kept for errors.Is, not quoted.
func fileError(path, setting, problem string, cause error) error {
	var errno syscall.Errno
	if problem == "cannot be read" && errors.As(cause, &errno) {
		problem += ": " + errno.Error()
	}
	if setting == "" {
		// A configuration check names the setting itself.
		return &Error{msg: fmt.Sprintf("the file %q %s", path, problem), cause: cause}
	}
	return &Error{msg: fmt.Sprintf("%s: the file %q %s", setting, path, problem), cause: cause}
}

// byteSize writes a limit the way people say it: "1 MiB", "64 KiB".
func byteSize(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	case n == 1:
		return "1 byte"
	}
	return fmt.Sprintf("%d bytes", n)
}

// boundedToken reads a web identity token from the file a setting names, again
// at every refresh, as the SDK's stscreds.IdentityTokenFile does, but
// bounded.
type boundedToken struct{ path, setting string }

func (t boundedToken) GetIdentityToken() ([]byte, error) {
	b, err := readSettingFile(context.Background(), t.path, t.setting, tokenFileLimit)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimSpace(b)) == 0 {
		return nil, fileError(t.path, t.setting, "is empty: it must hold the OIDC token", nil)
	}
	return b, nil
}

// boundedTokenFile replaces the SDK's own reader of a web identity token
// file (AWS_WEB_IDENTITY_TOKEN_FILE, a profile's web_identity_token_file)
// with boundedToken.
func boundedTokenFile(r stscreds.IdentityTokenRetriever) stscreds.IdentityTokenRetriever {
	path, ok := r.(stscreds.IdentityTokenFile)
	if !ok {
		return r
	}
	setting := "the web_identity_token_file of the AWS profile"
	if string(path) == os.Getenv("AWS_WEB_IDENTITY_TOKEN_FILE") {
		setting = "AWS_WEB_IDENTITY_TOKEN_FILE"
	}
	return boundedToken{path: string(path), setting: setting}
}

// containerTokenFile replaces the SDK's own reader of
// AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, the token that the container
// credentials endpoint (EKS Pod Identity, ...) wants, read at every refresh.
func containerTokenFile(o *endpointcreds.Options) {
	path := os.Getenv("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE")
	if path == "" {
		return
	}
	o.AuthorizationTokenProvider = endpointcreds.TokenProviderFunc(func() (string, error) {
		b, err := readSettingFile(context.Background(), path, "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", tokenFileLimit)
		return string(b), err
	})
}

// checkSharedFiles checks the shared config and credentials files that the
// AWS SDK is about to read, whole and with no limit: a named pipe there
// would hang the SDK for good, /dev/zero exhaust its memory. A file that is
// not there is left to the SDK, which skips it.
func checkSharedFiles(st Settings) error {
	type file struct{ path, setting string }
	var files []file
	add := func(paths []string, setting, env, def, what string) {
		switch {
		case len(paths) == 1:
			files = append(files, file{paths[0], setting})
		case len(paths) > 1:
			for i, p := range paths {
				files = append(files, file{p, fmt.Sprintf("%s[%d]", setting, i)})
			}
		case os.Getenv(env) != "":
			files = append(files, file{os.Getenv(env), env})
		default:
			files = append(files, file{def, "the default shared " + what + " file"})
		}
	}
	add(st.SharedConfigFiles, "sharedConfigFiles", "AWS_CONFIG_FILE", awsconfig.DefaultSharedConfigFilename(), "config")
	add(st.SharedCredentialsFiles, "sharedCredentialsFiles", "AWS_SHARED_CREDENTIALS_FILE",
		awsconfig.DefaultSharedCredentialsFilename(), "credentials")
	for _, f := range files {
		if _, err := os.Stat(f.path); errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err := checkSettingFile(f.path, f.setting, sharedFileLimit); err != nil {
			return err
		}
	}
	return nil
}

// ssoTokenFiles are the SSO token cache files (~/.aws/sso/cache/*.json) that
// the AWS SDK reads, whole, each time it gets an SSO profile's credentials:
// those of the profile that the configuration resolved to, and of its
// source_profile chain.
func ssoTokenFiles(sources []any) []string {
	var files []string
	for _, src := range sources {
		sc, ok := src.(awsconfig.SharedConfig)
		if !ok {
			continue
		}
		for p, depth := &sc, 0; p != nil && depth < 16; p, depth = p.Source, depth+1 {
			key := p.SSOStartURL
			if p.SSOSession != nil {
				key = p.SSOSession.Name
			}
			if key == "" {
				continue
			}
			if f, err := ssocreds.StandardCachedTokenFilepath(key); err == nil {
				files = append(files, f)
			}
		}
	}
	return files
}

// checkedFiles checks files that the credential source under it is about to
// read with no limit of its own, each time before it does.
type checkedFiles struct {
	inner   aws.CredentialsProvider
	files   []string
	setting string
}

func (c *checkedFiles) Retrieve(ctx context.Context) (aws.Credentials, error) {
	for _, f := range c.files {
		if _, err := os.Stat(f); errors.Is(err, fs.ErrNotExist) {
			continue // the SDK says what to do: aws sso login
		}
		if err := checkSettingFile(f, c.setting, tokenFileLimit); err != nil {
			return aws.Credentials{}, err
		}
	}
	return c.inner.Retrieve(ctx)
}
