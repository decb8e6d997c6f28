package sts

import (
	"context"
	"fmt"
	"net/url"
	"strings"

	awssts "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/config"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/redact"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/session"
)

// GlobalEndpointHost is STS's global endpoint. The SDK sends calls there
// only for the region aws-global or when an endpoint names it (endpoints.sts,
// AWS_ENDPOINT_URL_STS); us-east-1 has a regional endpoint of its own.
const GlobalEndpointHost = "sts.amazonaws.com"

// regionalClient is the provider's session and STS client for an operation
// AWS serves only at regional endpoints, after regionalOnly.
func regionalClient(ctx context.Context, token, op string) (*session.Session, *awssts.Client, error) {
	s := infer.GetConfig[config.Config](ctx).Session()
	if err := regionalOnly(ctx, s, token, op); err != nil {
		return nil, nil, err
	}
	client, err := s.STS(ctx)
	return s, client, err
}

// regionalOnly refuses, before any request, an operation AWS does not serve
// at the global endpoint (AssumeRoot, GetWebIdentityToken), and names the
// setting that fixes it, rather than send a request AWS would refuse.
func regionalOnly(ctx context.Context, s *session.Session, token, op string) error {
	endpoint, err := s.STSEndpoint(ctx)
	if err != nil {
		// The call fails the same way, and its error is explained there.
		return nil
	}
	u, err := url.Parse(endpoint)
	if err != nil || !strings.EqualFold(u.Hostname(), GlobalEndpointHost) {
		return nil
	}
	return fmt.Errorf("%s calls %s, which AWS does not serve at STS's global endpoint, but the provider would call "+
		"%s: set the provider's stsRegion to a region (such as us-east-1, whose endpoint is "+
		"https://sts.us-east-1.amazonaws.com), or set endpoints.sts (or AWS_ENDPOINT_URL_STS) to a regional "+
		"endpoint. The region aws-global, and an endpoint of sts.amazonaws.com, mean the global endpoint",
		token, op, redact.URL(endpoint))
}
