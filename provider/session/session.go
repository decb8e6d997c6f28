// Package session holds what one provider process shares between calls: the
// AWS configuration, resolved lazily and once, the STS and IAM clients, and
// the caches of lookups whose answers do not change while it runs.
package session

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"golang.org/x/sync/singleflight"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/assumerole/request"
)

// DefaultRegion is used when neither the configuration nor the environment
// names one: STS and IAM answer identity questions from any region.
const DefaultRegion = "us-east-1"

// DefaultRequestTimeout bounds one HTTP request, so that an endpoint that
// accepts a connection and never answers cannot hang a Pulumi run.
const DefaultRequestTimeout = 30 * time.Second

// Settings say where credentials and endpoints come from. Empty fields fall
// back to the AWS SDK's standard chain (environment, shared files, SSO, ...).
type Settings struct {
	Region                 string
	Profile                string
	SharedConfigFiles      []string
	SharedCredentialsFiles []string
	AccessKey, SecretKey   string
	Token                  string
	STSEndpoint            string
	IAMEndpoint            string
	MaxRetries             *int
	RequestTimeout         time.Duration
	AssumeRole             *request.Args
}

// Session is the AWS state of one provider process.
type Session struct {
	settings Settings

	once    sync.Once
	initErr error
	cfg     aws.Config
	sts     *sts.Client
	getRole GetRoleFunc

	flight singleflight.Group
	mu     sync.Mutex
	memo   map[string]any
}

// New makes a session. It does no I/O: files and credentials are read on
// first use.
func New(s Settings) *Session {
	return &Session{settings: s, memo: map[string]any{}}
}

func (s *Session) init(ctx context.Context) error {
	s.once.Do(func() { s.initErr = s.load(ctx) })
	return s.initErr
}

func (s *Session) load(ctx context.Context) error {
	st := s.settings
	var opts []func(*awsconfig.LoadOptions) error
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
		attempts := *st.MaxRetries + 1
		opts = append(opts, awsconfig.WithRetryer(func() aws.Retryer {
			return retry.NewStandard(func(o *retry.StandardOptions) { o.MaxAttempts = attempts })
		}))
	}
	timeout := st.RequestTimeout
	if timeout == 0 {
		timeout = DefaultRequestTimeout
	}
	opts = append(opts, awsconfig.WithHTTPClient(awshttp.NewBuildableClient().WithTimeout(timeout)))
	cfg, err := awsconfig.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return fmt.Errorf("loading the AWS configuration: %w", err)
	}
	if cfg.Region == "" {
		cfg.Region = DefaultRegion
	}
	if st.AssumeRole != nil {
		// The role is assumed with the base credentials; every call after
		// that is made with the role's, refreshed before they expire.
		base := sts.NewFromConfig(cfg, endpoint[sts.Options](st.STSEndpoint))
		cfg.Credentials = aws.NewCredentialsCache(&roleCredentials{client: base, args: *st.AssumeRole})
	}
	s.cfg = cfg
	s.sts = sts.NewFromConfig(cfg, endpoint[sts.Options](st.STSEndpoint))
	s.getRole = iam.NewFromConfig(cfg, endpoint[iam.Options](st.IAMEndpoint)).GetRole
	return nil
}

// endpoint sets a client's base endpoint when one is configured; otherwise
// the SDK's own resolution (AWS_ENDPOINT_URL_STS, ...) applies.
func endpoint[O sts.Options | iam.Options](url string) func(*O) {
	return func(o *O) {
		if url == "" {
			return
		}
		switch o := any(o).(type) {
		case *sts.Options:
			o.BaseEndpoint = aws.String(url)
		case *iam.Options:
			o.BaseEndpoint = aws.String(url)
		}
	}
}

// STS returns the STS client, loading the configuration on first use.
func (s *Session) STS(ctx context.Context) (*sts.Client, error) {
	if err := s.init(ctx); err != nil {
		return nil, err
	}
	return s.sts, nil
}

// GetRoleFunc is iam:GetRole, the one IAM call the provider makes. The
// session keeps the method, not the client: a reachable *iam.Client type
// makes the linker keep all of its ~160 operations (text/template, linked in
// by the Pulumi SDK, calls reflect's MethodByName), about 3 MB of binary.
type GetRoleFunc func(context.Context, *iam.GetRoleInput, ...func(*iam.Options)) (*iam.GetRoleOutput, error)

// GetRole returns iam:GetRole, loading the configuration on first use.
func (s *Session) GetRole(ctx context.Context) (GetRoleFunc, error) {
	if err := s.init(ctx); err != nil {
		return nil, err
	}
	return s.getRole, nil
}

// Memo returns the remembered answer for key, or computes it once: callers
// asking for the same key at the same time share one computation. Errors are
// not remembered, so a later call tries again.
func Memo[T any](s *Session, key string, compute func() (T, error)) (T, error) {
	s.mu.Lock()
	v, ok := s.memo[key]
	s.mu.Unlock()
	if ok {
		return v.(T), nil
	}
	v, err, _ := s.flight.Do(key, func() (any, error) {
		v, err := compute()
		if err != nil {
			return v, err
		}
		s.mu.Lock()
		s.memo[key] = v
		s.mu.Unlock()
		return v, nil
	})
	if err != nil {
		var zero T
		return zero, err
	}
	return v.(T), nil
}
