package provider_test

import (
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/internal/providertest"
)

// The provider's own tests name the shared helpers as they always have.
const (
	callerIdentity            = providertest.CallerIdentity
	sessionContext            = providertest.SessionContext
	assumeRole                = providertest.AssumeRole
	getCredentials            = providertest.GetCredentials
	getSessionToken           = providertest.GetSessionToken
	assumeRoleWithWebIdentity = providertest.AssumeRoleWithWebIdentity
	getAccessKeyInfo          = providertest.GetAccessKeyInfo
	account                   = providertest.Account
	webToken                  = providertest.WebToken
	faultAccessKey            = providertest.FaultAccessKey
	faultSecretKey            = providertest.FaultSecretKey
)

var (
	isolate             = providertest.Isolate
	newServer           = providertest.NewServer
	endpointConfig      = providertest.EndpointConfig
	noCredentialsConfig = providertest.NoCredentialsConfig
	faultConfig         = providertest.FaultConfig
	invoke              = providertest.Invoke
	str                 = providertest.Str
	strs                = providertest.Strs
	num                 = providertest.Num
	outputs             = providertest.Outputs
	getCreds            = providertest.GetCreds
	credentialServer    = providertest.CredentialServer
)
