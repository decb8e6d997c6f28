package examples

import (
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// An MFA code and an external ID set as plain config reach assumeRole as
// numbers from the YAML host (pulumi-yaml#577); the provider takes them as
// the text typed, as the schema's string type says.
func TestYAMLNumberToStringInput(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "Deployer", "/mfa/")
	calls := testenv.CountCalls(t, moto.Endpoint)
	env := append(moto.Env(), "AWS_ENDPOINT_URL_STS="+calls.Endpoint)
	s := testenv.NewStack(t, filepath.Join(testenv.RepoRoot(t), "examples", "testdata", "mfa-code"), env...)
	s.Config("roleArn", roleArn, false)
	s.Config("mfaCode", "123456", false)
	s.Config("externalId", "444455556666", false)
	up := s.Up()
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/mfa-code", s.Outputs(true)["assumedRoleArn"], "%s", up)
	assert.Equal(t, 1, calls.Count("AssumeRole"))
}

// A code with a leading zero keeps it: the YAML host hands it over as the
// string it is, and the provider takes it as one.
func TestYAMLNumberToStringInputLeadingZero(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "Deployer", "/mfa/")
	calls := testenv.CountCalls(t, moto.Endpoint)
	env := append(moto.Env(), "AWS_ENDPOINT_URL_STS="+calls.Endpoint)
	s := testenv.NewStack(t, filepath.Join(testenv.RepoRoot(t), "examples", "testdata", "mfa-code"), env...)
	s.Config("roleArn", roleArn, false)
	s.Config("mfaCode", "012345", false)
	s.Config("externalId", "0042", false)
	up := s.Up()
	assert.Equal(t, "arn:aws:sts::123456789012:assumed-role/Deployer/mfa-code", s.Outputs(true)["assumedRoleArn"], "%s", up)
	assert.Equal(t, 1, calls.Count("AssumeRole"))
}
