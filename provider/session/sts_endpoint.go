package session

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// STSEndpoint is the URL every STS call of the session goes to, as the AWS
// SDK's own endpoint rules resolve it from the session's region, stsRegion,
// endpoints.sts (or AWS_ENDPOINT_URL_STS), FIPS and dual-stack settings. It
// makes no network call: operations that AWS does not serve at the global
// endpoint are refused with it before any request is sent.
func (s *Session) STSEndpoint(ctx context.Context) (string, error) {
	if err := s.init(ctx); err != nil {
		return "", err
	}
	o := s.sts.Options()
	ep, err := o.EndpointResolverV2.ResolveEndpoint(ctx, sts.EndpointParameters{
		Region:       aws.String(o.Region),
		UseFIPS:      aws.Bool(o.EndpointOptions.UseFIPSEndpoint == aws.FIPSEndpointStateEnabled),
		UseDualStack: aws.Bool(o.EndpointOptions.UseDualStackEndpoint == aws.DualStackEndpointStateEnabled),
		Endpoint:     o.BaseEndpoint,
		// aws-sdk-go-v2 never sets this (it ignores sts_regional_endpoints
		// and AWS_STS_REGIONAL_ENDPOINTS): us-east-1 is regional.
		UseGlobalEndpoint: aws.Bool(false),
	})
	if err != nil {
		return "", err
	}
	return ep.URI.String(), nil
}
