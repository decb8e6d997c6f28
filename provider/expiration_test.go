package provider_test

import (
	"os"
	"testing"
	"time"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A source that hands out credentials with less than the expiry window
// (5 minutes) left: getCredentials.expiration is the source's own expiry,
// not five minutes before it, which would lie in the past.
func TestGetCredentialsExpirationNeverInThePast(t *testing.T) {
	soon := time.Now().Add(2 * time.Minute).UTC().Truncate(time.Second)
	container := credentialServer(t, "/creds", map[string]string{"AccessKeyId": "ASIACONTAINERSOON001",
		"SecretAccessKey": "containerSecretKey000000000000000000000000", "Token": "containerSessionToken",
		"Expiration": soon.Format(time.RFC3339)})
	process := writeFile(t, "process.sh", "#!/bin/sh\necho '{\"Version\": 1, \"AccessKeyId\": \"ASIAPROCESSSOON00001\", "+
		"\"SecretAccessKey\": \"processSecretKey00000000000000000000000000\", \"SessionToken\": \"processToken\", "+
		"\"Expiration\": \""+soon.Format(time.RFC3339)+"\"}'\n")
	require.NoError(t, os.Chmod(process, 0o700))
	config := writeFile(t, "config", "[profile proc]\ncredential_process = "+process+"\n")
	for name, c := range map[string]struct {
		cfg property.Map
		env []string
	}{
		"container": {cfg: property.Map{}, env: []string{"AWS_CONTAINER_CREDENTIALS_FULL_URI=" + container + "/creds"}},
		"credential_process": {cfg: property.NewMap(map[string]property.Value{"profile": str("proc"),
			"sharedConfigFiles": property.New([]property.Value{str(config)})})},
	} {
		t.Run(name, func(t *testing.T) {
			got := getCreds(t, newServer(t, c.cfg, c.env...))
			exp, err := time.Parse(time.RFC3339, got["expiration"])
			require.NoError(t, err)
			assert.True(t, exp.After(time.Now()), "expiration %s is in the past", exp)
			assert.Equal(t, soon, exp.UTC(), "the source's own expiry")
		})
	}
}
