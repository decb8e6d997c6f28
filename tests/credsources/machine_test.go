package credsources

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/stretchr/testify/assert"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/credfakes"
	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
)

// The container authorization token EKS Pod Identity mounts.
const (
	podToken   = "credSourcesPodIdentityToken/MustNeverBeShown00000"
	wrongToken = "credSourcesWrongToken/MustNeverBeShown000000000000"
)

// Container credentials from AWS_CONTAINER_CREDENTIALS_FULL_URI: with the
// authorization token in AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (EKS Pod
// Identity) and without one (a plain loopback endpoint).
func containerCredentials(t *testing.T, moto *testenv.Moto) {
	roleArn, _ := moto.CreateRole(t, "pod-role", "/")
	t.Run("success with a token file", func(t *testing.T) {
		t.Parallel()
		c := moto.AssumeRole(t, roleArn, "eks-pod")
		fake := credfakes.Container(t, podToken, func() aws.Credentials { return c })
		rec := record(t, moto.Endpoint)
		e := isolate(t, rec.URL)
		e.set("AWS_CONTAINER_CREDENTIALS_FULL_URI="+fake.URL+"/v1/credentials",
			"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE="+e.file(t, "eks-pod-identity-token", podToken, 0o600))
		key := callerIs(t, e.stack(t), assumedRole("pod-role", "eks-pod"), "the container credentials endpoint "+fake.URL+
			"/v1/credentials with the token in AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (AWS_CONTAINER_CREDENTIALS_FULL_URI)",
			append(secretsOf(c), podToken)...)
		assert.Equal(t, c.AccessKeyID, key, "getCredentials answers with the key the source handed out")
		assert.Positive(t, fake.Served(), "the credentials came from the container endpoint")
		rec.signedBy(t, c.AccessKeyID, "us-east-1")
	})
	t.Run("success without a token", func(t *testing.T) {
		t.Parallel()
		c := moto.AssumeRole(t, roleArn, "task")
		fake := credfakes.Container(t, "", func() aws.Credentials { return c })
		rec := record(t, moto.Endpoint)
		e := isolate(t, rec.URL)
		e.set("AWS_CONTAINER_CREDENTIALS_FULL_URI=" + fake.URL + "/creds")
		key := callerIs(t, e.stack(t), assumedRole("pod-role", "task"), "the container credentials endpoint "+fake.URL+
			"/creds (AWS_CONTAINER_CREDENTIALS_FULL_URI)", secretsOf(c)...)
		assert.Equal(t, c.AccessKeyID, key, "getCredentials answers with the key the source handed out")
		assert.Positive(t, fake.Served(), "the credentials came from the container endpoint")
		rec.signedBy(t, c.AccessKeyID, "us-east-1")
	})
	t.Run("failure: wrong token", func(t *testing.T) {
		t.Parallel()
		fake := credfakes.Container(t, podToken, func() aws.Credentials { return aws.Credentials{} })
		rec := record(t, moto.Endpoint)
		e := isolate(t, rec.URL)
		e.set("AWS_CONTAINER_CREDENTIALS_FULL_URI="+fake.URL+"/v1/credentials",
			"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE="+e.file(t, "eks-pod-identity-token", wrongToken, 0o600))
		out := failsWith(t, e.stack(t), wrongToken, podToken)
		assert.Contains(t, out, "getting credentials from the container credentials endpoint "+fake.URL+
			"/v1/credentials with the token in AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (AWS_CONTAINER_CREDENTIALS_FULL_URI)")
		assert.Contains(t, out, "Authorization token is missing or wrong")
		assert.Zero(t, fake.Served())
		assert.Empty(t, rec.all(), "no call is made without credentials")
	})
}

// EC2 instance metadata, IMDSv2, at AWS_EC2_METADATA_SERVICE_ENDPOINT.
func instanceMetadata(t *testing.T, moto *testenv.Moto) {
	roleArn, _ := moto.CreateRole(t, "web-server", "/")
	t.Run("success", func(t *testing.T) {
		t.Parallel()
		c := moto.AssumeRole(t, roleArn, "i-0123456789abcdef0")
		fake := credfakes.IMDS(t, "web-server", func() aws.Credentials { return c })
		rec := record(t, moto.Endpoint)
		e := isolate(t, rec.URL)
		e.set("AWS_EC2_METADATA_DISABLED=false", "AWS_EC2_METADATA_SERVICE_ENDPOINT="+fake.URL)
		key := callerIs(t, e.stack(t), assumedRole("web-server", "i-0123456789abcdef0"),
			"the EC2 instance metadata service (IMDSv2 at "+fake.URL+")", secretsOf(c)...)
		assert.Equal(t, c.AccessKeyID, key, "getCredentials answers with the key the source handed out")
		assert.Positive(t, fake.Served(), "the credentials came from instance metadata")
		rec.signedBy(t, c.AccessKeyID, "us-east-1")
	})
	t.Run("failure: instance without a role", func(t *testing.T) {
		t.Parallel()
		fake := credfakes.IMDS(t, "", func() aws.Credentials { return aws.Credentials{} })
		rec := record(t, moto.Endpoint)
		e := isolate(t, rec.URL)
		e.set("AWS_EC2_METADATA_DISABLED=false", "AWS_EC2_METADATA_SERVICE_ENDPOINT="+fake.URL)
		out := failsWith(t, e.stack(t))
		assert.Contains(t, out, "getting credentials from the EC2 instance metadata service (IMDSv2 at "+fake.URL+")")
		assert.Regexp(t, `(?i)no (EC2 IMDS |IAM )?role`, out, "the message says that the instance has no role")
		assert.Zero(t, fake.Served())
		assert.Empty(t, rec.all(), "no call is made without credentials")
	})
}
