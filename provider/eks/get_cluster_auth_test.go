package eks_test

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/providertest"
)

const getClusterAuth = "aws-identity:eks:getClusterAuth"

// credentialConfig is a provider with the given credentials and region, and
// endpoints.sts when endpoint is set.
func credentialConfig(accessKey, secretKey, token, region, endpoint string) property.Map {
	m := map[string]property.Value{
		"region":    providertest.Str(region),
		"accessKey": providertest.Str(accessKey),
		"secretKey": providertest.Str(secretKey).WithSecret(true),
	}
	if token != "" {
		m["token"] = providertest.Str(token).WithSecret(true)
	}
	if endpoint != "" {
		m["endpoints"] = property.New(map[string]property.Value{"sts": providertest.Str(endpoint)})
	}
	return property.NewMap(m)
}

// cliToken runs `aws eks get-token` with the same credentials and region,
// and AWS_ENDPOINT_URL when endpoint is set.
func cliToken(t *testing.T, accessKey, secretKey, token, region, endpoint, cluster string) string {
	t.Helper()
	cliPath := testenv.Tool(t, "aws")
	env := []string{
		"PATH=" + os.Getenv("PATH"), "HOME=" + t.TempDir(),
		"AWS_ACCESS_KEY_ID=" + accessKey, "AWS_SECRET_ACCESS_KEY=" + secretKey,
		"AWS_DEFAULT_REGION=" + region, "AWS_REGION=" + region,
		"AWS_CONFIG_FILE=" + os.DevNull, "AWS_SHARED_CREDENTIALS_FILE=" + os.DevNull,
		"AWS_EC2_METADATA_DISABLED=true",
	}
	if token != "" {
		env = append(env, "AWS_SESSION_TOKEN="+token)
	}
	if endpoint != "" {
		env = append(env, "AWS_ENDPOINT_URL="+endpoint)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, cliPath, "eks", "get-token", "--cluster-name", cluster, "--output", "json")
	cmd.Env = env
	out, err := cmd.Output()
	require.NoError(t, err, "aws eks get-token: %s", out)
	var cred struct {
		Status struct {
			Token string `json:"token"`
		} `json:"status"`
	}
	require.NoError(t, json.Unmarshal(out, &cred))
	return cred.Status.Token
}

// decode checks the token's shape and returns the URL inside.
func decode(t *testing.T, token string) *url.URL {
	t.Helper()
	b64, ok := strings.CutPrefix(token, "k8s-aws-v1.")
	require.True(t, ok, "token prefix")
	require.NotContains(t, b64, "=", "base64url without padding")
	raw, err := base64.RawURLEncoding.DecodeString(b64)
	require.NoError(t, err)
	u, err := url.Parse(string(raw))
	require.NoError(t, err)
	return u
}

// compareWithCLI is the comparison the issue asks for: the same scheme, host
// and path; the same parameter names; equal values but for the date and the
// signature; the same signed headers (X-Amz-SignedHeaders, compared as a value).
func compareWithCLI(t *testing.T, ours, cli *url.URL) {
	t.Helper()
	assert.Equal(t, cli.Scheme, ours.Scheme, "scheme")
	assert.Equal(t, cli.Host, ours.Host, "host")
	assert.Equal(t, cli.Path, ours.Path, "path")
	oq, cq := ours.Query(), cli.Query()
	names := func(q url.Values) []string {
		var n []string
		for k := range q {
			n = append(n, k)
		}
		return n
	}
	assert.ElementsMatch(t, names(cq), names(oq), "query parameter names")
	for k := range cq {
		if k == "X-Amz-Date" || k == "X-Amz-Signature" {
			continue
		}
		assert.Equal(t, cq[k], oq[k], "query parameter %s", k)
	}
	assert.Equal(t, "host;x-k8s-aws-id", oq.Get("X-Amz-SignedHeaders"))
	assert.Equal(t, "60", oq.Get("X-Amz-Expires"))
	for _, u := range []*url.URL{ours, cli} {
		d, err := time.Parse("20060102T150405Z", u.Query().Get("X-Amz-Date"))
		require.NoError(t, err)
		assert.WithinDuration(t, time.Now(), d, 5*time.Minute, "signing date")
	}
}

// With no endpoint set both sign for the regional STS endpoint of AWS. That
// presigning sends nothing is proved where an endpoint is given and counts
// what reaches it (TestGetClusterAuthAnswersIdentity, TestYAMLEKSToken):
// here the endpoint is AWS's own, which a test must not reach.
func TestGetClusterAuthMatchesAWSCLI(t *testing.T) {
	const key, secret = "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	for _, region := range []string{"us-west-2", "eu-central-1", "us-east-1"} {
		t.Run(region, func(t *testing.T) {
			s := providertest.NewServer(t, credentialConfig(key, secret, "", region, ""))
			out, err := providertest.Invoke(s, getClusterAuth, map[string]property.Value{"name": providertest.Str("demo-cluster_1")})
			require.NoError(t, err)
			ours := decode(t, out.Get("token").AsString())
			cli := decode(t, cliToken(t, key, secret, "", region, "", "demo-cluster_1"))
			compareWithCLI(t, ours, cli)
			assert.Equal(t, "sts."+region+".amazonaws.com", ours.Host, "the regional endpoint")
		})
	}
}

// The token's URL, fetched the way the EKS authenticator fetches it (GET,
// with the cluster header), is one STS accepts: a local stand-in for STS
// recomputes the SigV4 presigned signature with the SDK's signer and the
// caller's secret, and answers the identity of the key only when the
// signature, the signed headers and the header's value check out. moto 5.2.5
// cannot serve here: its server routes a request by its Authorization header
// or form body (a presigned GET has neither, and goes to S3) and reads the
// caller's key from the Authorization header only.
func TestGetClusterAuthAnswersIdentity(t *testing.T) {
	const key, secret, token = "ASIAEXAMPLESESSION01", "sessionSecret/DoNotPrint000000000000000", "sessionTokenDoNotPrint"
	const callerArn = "arn:aws:sts::" + testenv.MotoAccountID + ":assumed-role/eks-admin/kube"
	var fetched int
	sts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fetched++
		q := r.URL.Query()
		date, err := time.Parse("20060102T150405Z", q.Get("X-Amz-Date"))
		if err != nil || r.Method != http.MethodGet || q.Get("Action") != "GetCallerIdentity" ||
			q.Get("X-Amz-SignedHeaders") != "host;x-k8s-aws-id" || r.Header.Get("x-k8s-aws-id") == "" ||
			q.Get("X-Amz-Security-Token") != token || !strings.HasPrefix(q.Get("X-Amz-Credential"), key+"/") {
			http.Error(w, "not a cluster token request", http.StatusForbidden)
			return
		}
		got := q.Get("X-Amz-Signature")
		q.Del("X-Amz-Signature")
		u := *r.URL
		u.Scheme, u.Host, u.RawQuery = "http", r.Host, q.Encode()
		check, _ := http.NewRequest(http.MethodGet, u.String(), nil)
		check.Header.Set("x-k8s-aws-id", r.Header.Get("x-k8s-aws-id"))
		signed, _, err := v4.NewSigner().PresignHTTP(r.Context(),
			aws.Credentials{AccessKeyID: key, SecretAccessKey: secret, SessionToken: token}, check,
			"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", "sts", "us-east-1", date)
		want, _ := url.Parse(signed)
		if err != nil || want.Query().Get("X-Amz-Signature") != got {
			http.Error(w, "SignatureDoesNotMatch", http.StatusForbidden)
			return
		}
		_, _ = io.WriteString(w, "<GetCallerIdentityResponse><GetCallerIdentityResult><Arn>"+callerArn+
			"</Arn><Account>"+testenv.MotoAccountID+"</Account></GetCallerIdentityResult></GetCallerIdentityResponse>")
	}))
	t.Cleanup(sts.Close)

	s := providertest.NewServer(t, credentialConfig(key, secret, token, "us-east-1", sts.URL))
	out, err := providertest.Invoke(s, getClusterAuth, map[string]property.Value{"name": providertest.Str("prod")})
	require.NoError(t, err)
	assert.Equal(t, 0, fetched, "presigning sends nothing")

	tok := out.Get("token")
	assert.True(t, tok.Secret(), "token is secret")
	assert.Equal(t, "prod", out.Get("id").AsString())
	assert.Equal(t, "prod", out.Get("name").AsString())
	exp, err := time.Parse(time.RFC3339, out.Get("expiration").AsString())
	require.NoError(t, err)
	assert.WithinDuration(t, time.Now().Add(14*time.Minute), exp, time.Minute)

	ours := decode(t, tok.AsString())
	compareWithCLI(t, ours, decode(t, cliToken(t, key, secret, token, "us-east-1", sts.URL, "prod")))
	assert.Equal(t, token, ours.Query().Get("X-Amz-Security-Token"))

	fetch := func(header string) (int, string) {
		req, err := http.NewRequest(http.MethodGet, ours.String(), nil)
		require.NoError(t, err)
		req.Header.Set("x-k8s-aws-id", header)
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		body, err := io.ReadAll(resp.Body)
		require.NoError(t, resp.Body.Close())
		require.NoError(t, err)
		return resp.StatusCode, string(body)
	}
	code, body := fetch("prod")
	require.Equal(t, http.StatusOK, code, body)
	assert.Contains(t, body, "<Arn>"+callerArn+"</Arn>")
	// The stand-in refuses what STS refuses: the token shown to another
	// cluster, whose header the signature does not cover.
	code, body = fetch("other")
	assert.Equal(t, http.StatusForbidden, code)
	assert.Contains(t, body, "SignatureDoesNotMatch")
}

// With no credentials the function says so, as every signed function does,
// and names no secret; nothing is sent anywhere.
func TestGetClusterAuthWithoutCredentials(t *testing.T) {
	counter := testenv.CountCalls(t, "http://127.0.0.1:9")
	s := providertest.NewServer(t, providertest.NoCredentialsConfig(counter.Endpoint))
	_, err := providertest.Invoke(s, getClusterAuth, map[string]property.Value{"name": providertest.Str("prod")})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "no AWS credentials were found")
	assert.Contains(t, err.Error(), "To give the provider credentials, set accessKey and secretKey")
	assert.Equal(t, 0, counter.Total())
}

// stsRegion moves the token to that region's STS endpoint, as it moves every
// STS call: the token equals the AWS CLI's in that region.
func TestGetClusterAuthStsRegion(t *testing.T) {
	const key, secret = "AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	cfg := credentialConfig(key, secret, "", "us-east-1", "").Set("stsRegion", providertest.Str("ap-southeast-2"))
	s := providertest.NewServer(t, cfg)
	out, err := providertest.Invoke(s, getClusterAuth, map[string]property.Value{"name": providertest.Str("apac")})
	require.NoError(t, err)
	ours := decode(t, out.Get("token").AsString())
	compareWithCLI(t, ours, decode(t, cliToken(t, key, secret, "", "ap-southeast-2", "", "apac")))
	assert.Equal(t, "sts.ap-southeast-2.amazonaws.com", ours.Host)
}
