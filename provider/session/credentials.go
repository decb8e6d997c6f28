package session

import (
	"context"
	"time"

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
	c, err := s.retrieve(ctx)
	if err != nil {
		return aws.Credentials{}, explain(err, Call{Op: "getting the provider's AWS credentials"}, "")
	}
	if !c.HasKeys() {
		return aws.Credentials{}, noKeys(s.sourceName())
	}
	// A plain output: whatever the description quotes, no secret seen.
	c.Source = redact.Known(s.sourceName())
	if c.CanExpire && !c.Expires.After(time.Now()) {
		// The cache set Expires its window earlier than the source's
		// expiry, and so before now: the source handed out credentials with
		// less than the window left. They are good until its own expiry.
		c.Expires = c.Expires.Add(s.expiryWindow())
	}
	return c, nil
}
