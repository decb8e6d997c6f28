package session

import (
	"net/url"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/redact"
)

// rememberSettings registers the secrets of the configuration with the
// redactor, so that no message quoting an SDK's text can carry them, even
// before they are first used.
func rememberSettings(st Settings) {
	redact.Remember(st.SecretKey, st.Token)
	if st.WebIdentity != nil {
		redact.Remember(st.WebIdentity.Token)
	}
	for _, p := range []string{st.Proxy.HTTP, st.Proxy.HTTPS, os.Getenv("HTTP_PROXY"), os.Getenv("HTTPS_PROXY"),
		os.Getenv("http_proxy"), os.Getenv("https_proxy")} {
		if u, err := url.Parse(p); err == nil && u.User != nil {
			pw, _ := u.User.Password()
			redact.Remember(pw)
		}
	}
}

// rememberCredentials registers credentials obtained from any source.
func rememberCredentials(c aws.Credentials) {
	redact.Remember(c.SecretAccessKey, c.SessionToken)
}
