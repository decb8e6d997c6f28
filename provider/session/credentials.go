package session

import (
	"context"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/redact"
)

// Credentials returns the credentials the session signs its calls with, as
// its configuration and the credential chain resolve them: loaded on first
// use, then served from the cache and refreshed before they expire. Their
// Source says where they came from, in words. With allowedAccountIds or
// forbiddenAccountIds set, credentials of another account are refused.
func (s *Session) Credentials(ctx context.Context) (aws.Credentials, error) {
	if err := s.ready(ctx); err != nil {
		return aws.Credentials{}, err
	}
	c, err := s.cfg.Credentials.Retrieve(ctx)
	if err != nil {
		return aws.Credentials{}, Explain(err, "getting the provider's AWS credentials", "")
	}
	if !c.HasKeys() {
		return aws.Credentials{}, noKeys(s.sourceName())
	}
	// A plain output: whatever the description quotes, no secret seen.
	c.Source = redact.Known(s.sourceName())
	return c, nil
}
