// Package credsources proves, through the real Pulumi engine (the CLI and
// the YAML language host from .tools/bin, the provider from bin/, a file
// backend), that every credential source of the AWS SDK works with the
// provider: for each, getCallerIdentity (answered by moto) must name the
// session that the source's credentials belong to, and a broken source must
// fail with a message, as `pulumi preview` shows it, that names the source
// and the operation that failed, and no secret.
//
// The credentials every source hands out are minted by moto's AssumeRole of
// a role made for that source alone, so the caller ARN proves they came from
// it; getCredentials' source must name that source, and its access key is
// the one getCallerIdentity was signed with. Every AWS call reaches moto (or internal/awsfault, for errors moto
// cannot make) through AWS_ENDPOINT_URL or the provider's endpoints setting
// only, and each case has its own HOME, shared files and environment.
package credsources

import (
	"testing"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

func TestCredentialSources(t *testing.T) {
	moto := testenv.StartMoto(t)
	for _, c := range []struct {
		name string
		run  func(*testing.T, *testenv.Moto)
	}{
		{"static keys in config", staticConfigKeys},
		{"environment keys", environmentKeys},
		{"shared credentials profile", sharedCredentialsProfile},
		{"role_arn profile", roleArnProfile},
		{"credential_process", credentialProcess},
		{"web identity", webIdentity},
		{"sso", ssoProfile},
		{"container", containerCredentials},
		{"imds", instanceMetadata},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			c.run(t, moto)
		})
	}
}
