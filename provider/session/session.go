// Package session holds what one provider process shares between calls: the
// AWS configuration, resolved lazily and once, the STS and IAM clients, and
// the caches of lookups whose answers do not change while it runs.
package session

import (
	"context"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/service/iam"
	"github.com/aws/aws-sdk-go-v2/service/sso"
	"github.com/aws/aws-sdk-go-v2/service/ssooidc"
	"github.com/aws/aws-sdk-go-v2/service/sts"
)

// DefaultRegion is used when neither the configuration nor the environment
// names one: STS and IAM answer identity questions from any region.
const DefaultRegion = "us-east-1"

// DefaultRequestTimeout bounds one HTTP request, so that an endpoint that
// accepts a connection and never answers cannot hang a Pulumi run.
const DefaultRequestTimeout = 30 * time.Second

// DefaultExpiryWindow is how long before they expire the credentials the
// provider obtains (from a profile's role, web identity, SSO, a container, a
// role chain) are refreshed, so that no call is signed with credentials that
// expire on the way.
const DefaultExpiryWindow = 5 * time.Minute

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
	SSOEndpoint            string
	SigninEndpoint         string // of an `aws login` profile's token refresh
	STSRegion              string
	MaxRetries             *int
	RetryMode              string // "standard" or "adaptive"; empty: AWS_RETRY_MODE, then standard
	RequestTimeout         time.Duration
	CustomCABundle         string
	Proxy                  Proxy
	UseFIPSEndpoint        bool
	UseDualStackEndpoint   bool

	// Roles are the roles to act as, in the order they are assumed, each
	// with the credentials of the one before. WebIdentity, if set, WebIdentity, if set,
	// comes first and gives the chain its base credentials.
	Roles []Role

	// Hints are the advice for the calls the credential chain makes itself,
	// by Op ("sts:AssumeRole"): the provider's configuration passes those of
	// the functions that make the same calls.
	Hints       map[string]Hint
	WebIdentity *WebIdentity

	AllowedAccountIDs   []string
	ForbiddenAccountIDs []string

	// ExpiryWindow overrides DefaultExpiryWindow (tests shorten it).
	ExpiryWindow time.Duration
}

// Session is the AWS state of one provider process.
type Session struct {
	settings Settings

	loaded  onceOK
	cfg     aws.Config
	sts     *sts.Client
	getRole GetRoleFunc

	// Where the credentials come from, in words, and where the credential
	// chain's SSO calls go: worked out only when needed, off the first
	// call's path.
	sourceOnce sync.Once
	source     string
	ssoOnce    sync.Once
	sso        sso.Options
	ssoOIDC    *string

	// The chain's credential_process, run with its stderr kept.
	processOnce sync.Once
	process     aws.CredentialsProvider
	loginOnce   sync.Once
	login       aws.CredentialsProvider

	budget time.Duration // of one AWS call: callBudget

	mu      sync.Mutex
	memo    map[string]any
	flights map[string]*flight
}

// New makes a session. It does no I/O: files and credentials are read on
// first use.
func New(s Settings) *Session {
	rememberSettings(s)
	return &Session{settings: s, budget: callBudget(s), memo: map[string]any{}, flights: map[string]*flight{}}
}

// loadTimeout bounds loading the configuration. It makes no network call,
// but reads the shared files, which can sit on a file system that stops
// answering.
const loadTimeout = 30 * time.Second

// init loads the configuration, once it succeeds: a failure is tried again
// by the next call, and a caller whose context ends returns at once.
func (s *Session) init(ctx context.Context) error {
	return s.loaded.do(ctx, loadTimeout, "loading the AWS configuration", s.load)
}

func (s *Session) load(ctx context.Context) error {
	st := s.settings
	opts, err := s.loadOptions()
	if err != nil {
		return err
	}
	if err := checkSharedFiles(st); err != nil {
		return err
	}
	cfg, err := awsconfig.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return loadError(err, st)
	}
	s.cfg = cfg
	s.cfg.Credentials = s.withLogin(s.withProcessStderr(s.cfg.Credentials))
	if files := ssoTokenFiles(cfg.ConfigSources); len(files) > 0 && st.AccessKey == "" && s.cfg.Credentials != nil {
		s.cfg.Credentials = &checkedFiles{inner: s.cfg.Credentials, files: files, setting: "the SSO token cache file"}
	}
	if st.hasRoleChain() {
		s.cfg.Credentials = s.roleChain(s.cfg.Credentials)
	}
	// Every failure to get credentials names where they came from. This
	// cache has no window of its own: the caches below it refresh early and
	// have moved Expires forward by theirs already.
	s.cfg.Credentials = aws.NewCredentialsCache(&namedSource{inner: s.cfg.Credentials, name: s.sourceName})
	if st.guarded() {
		s.cfg.Credentials = &accountGuard{s: s, inner: s.cfg.Credentials}
	}
	s.sts = sts.NewFromConfig(s.cfg, s.stsOptions, cacheMFASessions)
	s.getRole = iam.NewFromConfig(s.cfg, endpoint[iam.Options](st.IAMEndpoint)).GetRole
	return nil
}

func (st Settings) hasRoleChain() bool {
	return st.WebIdentity != nil || len(st.Roles) > 0
}

// sourceName says where the credentials come from, in words. It reads the
// shared files again, so it is worked out once, and only when asked.
func (s *Session) sourceName() string {
	s.sourceOnce.Do(func() {
		st := s.settings
		if st.WebIdentity != nil {
			// The web identity role needs no base credentials.
			s.source = describeRoleChain(st, "")
			return
		}
		s.source = describeSource(context.Background(), st)
		if st.hasRoleChain() {
			s.source = describeRoleChain(st, s.source)
		}
	})
	return s.source
}

// ssoOptions are the endpoint settings of the SSO portal and SSO OIDC, as
// the provider's settings and the SDK's own resolution give them.
func (s *Session) ssoOptions() (portal sso.Options, oidc *string) {
	s.ssoOnce.Do(func() {
		s.sso = sso.NewFromConfig(s.cfg, func(o *sso.Options) {
			if s.settings.SSOEndpoint != "" {
				o.BaseEndpoint = aws.String(s.settings.SSOEndpoint)
			}
		}).Options()
		s.ssoOIDC = ssooidc.NewFromConfig(s.cfg).Options().BaseEndpoint
	})
	return s.sso, s.ssoOIDC
}

// stsOptions are the options of every STS call: the configured endpoint, and
// stsRegion where it is set.
func (s *Session) stsOptions(o *sts.Options) {
	endpoint[sts.Options](s.settings.STSEndpoint)(o)
	if s.settings.STSRegion != "" {
		o.Region = s.settings.STSRegion
	}
}

func (s *Session) cacheOptions(o *aws.CredentialsCacheOptions) {
	o.ExpiryWindow = s.expiryWindow()
}

func (s *Session) expiryWindow() time.Duration {
	if s.settings.ExpiryWindow > 0 {
		return s.settings.ExpiryWindow
	}
	return DefaultExpiryWindow
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

// STS returns the STS client, loading the configuration on first use. With
// allowedAccountIds or forbiddenAccountIds set, the account is checked first.
func (s *Session) STS(ctx context.Context) (*sts.Client, error) {
	if err := s.ready(ctx); err != nil {
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
	if err := s.ready(ctx); err != nil {
		return nil, err
	}
	return s.getRole, nil
}
