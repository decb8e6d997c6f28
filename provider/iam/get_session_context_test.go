package iam_test

import (
	"sync"
	"testing"

	"github.com/pulumi/pulumi/sdk/v3/go/property"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/seed-83d379c3/pulumi-aws-identity/internal/testenv"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/providertest"
)

func TestGetSessionContext(t *testing.T) {
	moto := testenv.StartMoto(t)
	plain, plainID := moto.CreateRole(t, "Audien-Heaven", "")
	long, longID := moto.CreateRole(t, "long-path-role", "/this/is/a/long/path/")
	sso, ssoID := moto.CreateRole(t, "AWSReservedSSO_Admin_abc", "/aws-reserved/sso.amazonaws.com/eu-west-1/")
	svc, svcID := moto.CreateRole(t, "AWSServiceRoleForECS", "/aws-service-role/ecs.amazonaws.com/")
	require.Equal(t, "arn:aws:iam::123456789012:role/this/is/a/long/path/long-path-role", long)
	calls := testenv.CountCalls(t, moto.Endpoint)
	s := providertest.NewServer(t, providertest.EndpointConfig(calls.Endpoint))

	passThrough := func(arn, typ, acct, partition string) map[string]string {
		return map[string]string{"arn": arn, "id": arn, "issuerArn": arn, "issuerId": "", "issuerName": "",
			"sessionName": "", "accountId": acct, "partition": partition, "principalType": typ}
	}
	session := func(arn, issuerArn, issuerID, name, sessionName string) map[string]string {
		return map[string]string{"arn": arn, "id": arn, "issuerArn": issuerArn, "issuerId": issuerID,
			"issuerName": name, "sessionName": sessionName, "accountId": providertest.Account, "partition": "aws",
			"principalType": "assumed-role"}
	}
	cases := []struct {
		name       string
		arn        string
		lookupRole *bool
		want       map[string]string
		getRoles   int
	}{
		{name: "assumed role", arn: "arn:aws:sts::123456789012:assumed-role/Audien-Heaven/MatyNoyes",
			want:     session("arn:aws:sts::123456789012:assumed-role/Audien-Heaven/MatyNoyes", plain, plainID, "Audien-Heaven", "MatyNoyes"),
			getRoles: 1},
		{name: "role with a long path", arn: "arn:aws:sts::123456789012:assumed-role/long-path-role/build-42",
			want:     session("arn:aws:sts::123456789012:assumed-role/long-path-role/build-42", long, longID, "long-path-role", "build-42"),
			getRoles: 1},
		{name: "SSO role", arn: "arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_abc/jane@example.com",
			want: session("arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_abc/jane@example.com", sso, ssoID,
				"AWSReservedSSO_Admin_abc", "jane@example.com"),
			getRoles: 1},
		{name: "service-linked role", arn: "arn:aws:sts::123456789012:assumed-role/AWSServiceRoleForECS/ecs-task",
			want: session("arn:aws:sts::123456789012:assumed-role/AWSServiceRoleForECS/ecs-task", svc, svcID,
				"AWSServiceRoleForECS", "ecs-task"),
			getRoles: 1},
		{name: "same role again is cached", arn: "arn:aws:sts::123456789012:assumed-role/Audien-Heaven/Other",
			want:     session("arn:aws:sts::123456789012:assumed-role/Audien-Heaven/Other", plain, plainID, "Audien-Heaven", "Other"),
			getRoles: 0},
		{name: "lookupRole false", arn: "arn:aws:sts::123456789012:assumed-role/long-path-role/x", lookupRole: ptr(false),
			want: session("arn:aws:sts::123456789012:assumed-role/long-path-role/x",
				"arn:aws:iam::123456789012:role/long-path-role", "", "long-path-role", "x")},
		{name: "IAM user", arn: "arn:aws:iam::123456789012:user/alice",
			want: passThrough("arn:aws:iam::123456789012:user/alice", "user", providertest.Account, "aws")},
		{name: "IAM user with a path", arn: "arn:aws:iam::123456789012:user/division/alice",
			want: passThrough("arn:aws:iam::123456789012:user/division/alice", "user", providertest.Account, "aws")},
		{name: "root", arn: "arn:aws:iam::123456789012:root",
			want: passThrough("arn:aws:iam::123456789012:root", "root", providertest.Account, "aws")},
		{name: "federated user", arn: "arn:aws:sts::123456789012:federated-user/bob",
			want: passThrough("arn:aws:sts::123456789012:federated-user/bob", "federated-user", providertest.Account, "aws")},
		{name: "IAM role", arn: "arn:aws:iam::123456789012:role/this/is/a/long/path/long-path-role",
			want: passThrough("arn:aws:iam::123456789012:role/this/is/a/long/path/long-path-role", "role", providertest.Account, "aws")},
		{name: "iam assumed-role", arn: "arn:aws:iam::123456789012:assumed-role/Audien-Heaven/x",
			want: passThrough("arn:aws:iam::123456789012:assumed-role/Audien-Heaven/x", "other", providertest.Account, "aws")},
		{name: "another service", arn: "arn:aws:s3:::my-bucket",
			want: passThrough("arn:aws:s3:::my-bucket", "other", "", "aws")},
		{name: "China partition without lookup", arn: "arn:aws-cn:sts::123456789012:assumed-role/Deployer/ci", lookupRole: ptr(false),
			want: map[string]string{"arn": "arn:aws-cn:sts::123456789012:assumed-role/Deployer/ci",
				"id": "arn:aws-cn:sts::123456789012:assumed-role/Deployer/ci", "issuerArn": "arn:aws-cn:iam::123456789012:role/Deployer",
				"issuerId": "", "issuerName": "Deployer", "sessionName": "ci", "accountId": providertest.Account, "partition": "aws-cn",
				"principalType": "assumed-role"}},
		{name: "GovCloud user", arn: "arn:aws-us-gov:iam::123456789012:user/alice",
			want: passThrough("arn:aws-us-gov:iam::123456789012:user/alice", "user", providertest.Account, "aws-us-gov")},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			calls.Reset()
			args := map[string]property.Value{"arn": providertest.Str(tc.arn)}
			if tc.lookupRole != nil {
				args["lookupRole"] = property.New(*tc.lookupRole)
			}
			out, err := providertest.Invoke(s, providertest.SessionContext, args)
			require.NoError(t, err)
			assert.Equal(t, tc.want, providertest.Outputs(out))
			assert.Equal(t, tc.getRoles, calls.Count("GetRole"), "GetRole calls")
			if tc.lookupRole != nil || tc.want["principalType"] != "assumed-role" {
				assert.Zero(t, calls.Total(), "no AWS call at all")
			}
		})
	}
}

func TestGetSessionContextErrors(t *testing.T) {
	moto := testenv.StartMoto(t)
	calls := testenv.CountCalls(t, moto.Endpoint)
	s := providertest.NewServer(t, providertest.EndpointConfig(calls.Endpoint))

	t.Run("missing role waits, then names role and account", func(t *testing.T) {
		calls.Reset()
		_, err := providertest.Invoke(s, providertest.SessionContext, map[string]property.Value{
			"arn":                  providertest.Str("arn:aws:sts::123456789012:assumed-role/NoSuchRole/s"),
			"lookupTimeoutSeconds": property.New(2.0),
		})
		require.Error(t, err)
		assert.Contains(t, err.Error(), `IAM role "NoSuchRole" was not found in account 123456789012 (waited 2s`)
		assert.Contains(t, err.Error(), "lookupRole: false")
		assert.Greater(t, calls.Count("GetRole"), 1, "it asked again while waiting")
	})
	t.Run("another account is refused, not looked up", func(t *testing.T) {
		calls.Reset()
		_, err := providertest.Invoke(s, providertest.SessionContext, map[string]property.Value{
			"arn": providertest.Str("arn:aws:sts::111122223333:assumed-role/Deployer/ci"),
		})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "is in account 111122223333")
		assert.Contains(t, err.Error(), "credentials are for account 123456789012")
		assert.Contains(t, err.Error(), "explicit provider")
		assert.Contains(t, err.Error(), "lookupRole: false")
		assert.Zero(t, calls.Count("GetRole"))
	})
	t.Run("another account with lookupRole false answers from the ARN", func(t *testing.T) {
		out, err := providertest.Invoke(s, providertest.SessionContext, map[string]property.Value{
			"arn": providertest.Str("arn:aws:sts::111122223333:assumed-role/Deployer/ci"), "lookupRole": property.New(false),
		})
		require.NoError(t, err)
		assert.Equal(t, "arn:aws:iam::111122223333:role/Deployer", providertest.Outputs(out)["issuerArn"])
	})
	for _, bad := range []string{"", "abcd", "arn:aws:sts::", "arn:aws:sts::123456789012:assumed-role/Deployer"} {
		t.Run("malformed "+bad, func(t *testing.T) {
			calls.Reset()
			_, err := providertest.Invoke(s, providertest.SessionContext, map[string]property.Value{"arn": providertest.Str(bad)})
			require.Error(t, err)
			assert.Contains(t, err.Error(), "arn: ")
			assert.Contains(t, err.Error(), "is not a valid principal ARN")
			assert.Zero(t, calls.Total())
		})
	}
	t.Run("every bad argument at once, whatever the ARN", func(t *testing.T) {
		_, err := providertest.Invoke(s, providertest.SessionContext, map[string]property.Value{
			"arn": providertest.Str("abcd"), "lookupTimeoutSeconds": property.New(-5.0),
		})
		require.Error(t, err)
		assert.Contains(t, err.Error(), "(2 problems)")
		assert.Contains(t, err.Error(), `arn: "abcd" is not a valid principal ARN`)
		assert.Contains(t, err.Error(), "lookupTimeoutSeconds: must be between 0 and 300, but is -5")
		_, err = providertest.Invoke(s, providertest.SessionContext, map[string]property.Value{
			"arn": providertest.Str("arn:aws:iam::123456789012:user/alice"), "lookupTimeoutSeconds": property.New(-5.0),
		})
		require.ErrorContains(t, err, "lookupTimeoutSeconds: must be between 0 and 300")
	})
	t.Run("lookupTimeoutSeconds out of range", func(t *testing.T) {
		_, err := providertest.Invoke(s, providertest.SessionContext, map[string]property.Value{
			"arn":                  providertest.Str("arn:aws:sts::123456789012:assumed-role/Deployer/ci"),
			"lookupTimeoutSeconds": property.New(-1.0),
		})
		require.ErrorContains(t, err, "lookupTimeoutSeconds: must be between 0 and 300")
	})
}

func TestGetSessionContextSharesConcurrentLookups(t *testing.T) {
	moto := testenv.StartMoto(t)
	roleArn, _ := moto.CreateRole(t, "Shared", "/team/")
	calls := testenv.CountCalls(t, moto.Endpoint)
	s := providertest.NewServer(t, providertest.EndpointConfig(calls.Endpoint))

	var wg sync.WaitGroup
	errs := make(chan error, 50)
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := providertest.Invoke(s, providertest.SessionContext, map[string]property.Value{
				"arn": providertest.Str("arn:aws:sts::123456789012:assumed-role/Shared/s"),
			})
			if err == nil && providertest.Outputs(out)["issuerArn"] != roleArn {
				err = assert.AnError
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		require.NoError(t, err)
	}
	assert.Equal(t, 1, calls.Count("GetRole"))
	assert.Equal(t, 1, calls.Count("GetCallerIdentity"))
}

func ptr[T any](v T) *T { return &v }
