package session

import (
	"net/http"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/credentials/endpointcreds"
	"github.com/aws/smithy-go/middleware"
)

// loadOptions turn the settings into the AWS SDK's load options. What is not
// set is left to the SDK's own resolution (environment, shared files), so the
// provider behaves as the AWS CLI does.
func (s *Session) loadOptions() ([]func(*awsconfig.LoadOptions) error, error) {
	st := s.settings
	opts := []func(*awsconfig.LoadOptions) error{
		// A region the chain's own clients see too: without it a profile
		// whose role has no region of its own fails with "Missing Region".
		awsconfig.WithDefaultRegion(DefaultRegion),
		awsconfig.WithHTTPClient(httpClient(st)),
		awsconfig.WithCredentialsCacheOptions(s.cacheOptions),
		awsconfig.WithEndpointCredentialOptions(func(o *endpointcreds.Options) {
			containerTokenFile(o)
			// The SDK gives the container endpoint a client of its own,
			// with no timeout, through the environment's proxy.
			o.HTTPClient = httpClient(st)
			// Nor does it apply maxRetries.
			if st.MaxRetries != nil {
				if o.Retryer == nil {
					o.Retryer = retry.NewStandard(func(so *retry.StandardOptions) {
						so.Retryables = append(so.Retryables, retry.RetryableHTTPStatusCode{
							Codes: map[int]struct{}{http.StatusTooManyRequests: {}}})
					})
				}
				o.Retryer = retry.AddWithMaxAttempts(o.Retryer, *st.MaxRetries+1)
			}
		}),
		awsconfig.WithAPIOptions([]func(*middleware.Stack) error{s.withDeadline}),
	}
	if st.Region != "" {
		opts = append(opts, awsconfig.WithRegion(st.Region))
	}
	if st.Profile != "" {
		opts = append(opts, awsconfig.WithSharedConfigProfile(st.Profile))
	}
	if len(st.SharedConfigFiles) > 0 {
		opts = append(opts, awsconfig.WithSharedConfigFiles(st.SharedConfigFiles))
	}
	if len(st.SharedCredentialsFiles) > 0 {
		opts = append(opts, awsconfig.WithSharedCredentialsFiles(st.SharedCredentialsFiles))
	}
	if st.AccessKey != "" {
		opts = append(opts, awsconfig.WithCredentialsProvider(
			credentials.NewStaticCredentialsProvider(st.AccessKey, st.SecretKey, st.Token)))
	}
	if st.MaxRetries != nil {
		opts = append(opts, awsconfig.WithRetryMaxAttempts(*st.MaxRetries+1))
	}
	if st.RetryMode != "" {
		opts = append(opts, awsconfig.WithRetryMode(aws.RetryMode(st.RetryMode)))
	}
	if ca := newCABundle(st); ca != nil {
		// The bundle is loaded on the first TLS connection (cabundle.go):
		// the same client, trusting it, replaces the one above (the last
		// WithHTTPClient wins). The SDK gets a placeholder bundle, so that
		// it does not read AWS_CA_BUNDLE itself.
		inert, err := inertBundle()
		if err != nil {
			return nil, err
		}
		opts = append(opts, awsconfig.WithHTTPClient(httpClient(st).WithTransportOptions(ca.install)),
			awsconfig.WithCustomCABundle(inert))
	}
	if st.UseFIPSEndpoint {
		opts = append(opts, awsconfig.WithUseFIPSEndpoint(aws.FIPSEndpointStateEnabled))
	}
	if st.UseDualStackEndpoint {
		opts = append(opts, awsconfig.WithUseDualStackEndpoint(aws.DualStackEndpointStateEnabled))
	}
	return append(opts, s.chainOptions()...), nil
}
