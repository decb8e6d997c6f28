package session

import (
	"context"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials/stscreds"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	ststypes "github.com/aws/aws-sdk-go-v2/service/sts/types"
)

// WebIdentity is the provider's assumeRoleWithWebIdentity block: a role
// assumed with an OIDC token (from CI, Kubernetes, ...) instead of keys.
type WebIdentity struct {
	RoleArn     string
	SessionName string // empty: the SDK makes one up
	Token       string // the token itself; or
	TokenFile   string // a file holding it, read again at every refresh
	Duration    time.Duration
	Policy      string
	PolicyArns  []ststypes.PolicyDescriptorType
}

// Role is one step of the provider's own chain: the AssumeRole request,
// sent as it is at first and again at every refresh, and where the
// configuration sets it, for messages.
type Role struct {
	Field string // "assumeRole", "assumeRoles[1]"
	Input *sts.AssumeRoleInput
}

// roleChain builds the provider's own credentials on top of base: the web
// identity role first, if any, then each role in order, each assumed with the
// credentials of the step before. Each step is cached and refreshed before it
// expires, so a long run never signs with stale credentials.
func (s *Session) roleChain(base aws.CredentialsProvider) aws.CredentialsProvider {
	st := s.settings
	creds := base
	if w := st.WebIdentity; w != nil {
		creds = aws.NewCredentialsCache(s.webIdentity(*w), s.cacheOptions)
	}
	for _, r := range st.Roles {
		cfg := s.cfg.Copy()
		cfg.Credentials = creds
		creds = aws.NewCredentialsCache(&roleCredentials{s: s, client: sts.NewFromConfig(cfg, s.stsOptions), role: r},
			s.cacheOptions)
	}
	return creds
}

func (s *Session) webIdentity(w WebIdentity) aws.CredentialsProvider {
	var token stscreds.IdentityTokenRetriever = boundedToken{path: w.TokenFile,
		setting: "assumeRoleWithWebIdentity.webIdentityTokenFile"}
	what := "assumeRoleWithWebIdentity: exchanging the token file " + w.TokenFile + " for role " + w.RoleArn
	if w.Token != "" {
		token = literalToken(w.Token)
		what = "assumeRoleWithWebIdentity: exchanging webIdentityToken for role " + w.RoleArn
	}
	client := sts.NewFromConfig(s.cfg, s.stsOptions)
	return &stepCredentials{
		s: s,
		inner: stscreds.NewWebIdentityRoleProvider(checkedWebIdentity{client}, w.RoleArn, token, func(o *stscreds.WebIdentityRoleOptions) {
			o.RoleSessionName = w.SessionName
			o.Duration = w.Duration
			if w.Policy != "" {
				o.Policy = aws.String(w.Policy)
			}
			o.PolicyARNs = w.PolicyArns
		}),
		op:   "sts:AssumeRoleWithWebIdentity",
		what: what,
	}
}

type literalToken string

func (t literalToken) GetIdentityToken() ([]byte, error) { return []byte(t), nil }

// stepCredentials names the step whose failure an error comes from.
type stepCredentials struct {
	s        *Session
	inner    aws.CredentialsProvider
	op, what string
}

func (c *stepCredentials) Retrieve(ctx context.Context) (aws.Credentials, error) {
	v, err := c.inner.Retrieve(ctx)
	if err != nil {
		return aws.Credentials{}, c.s.step(err, c.op, c.what)
	}
	return v, nil
}

// roleCredentials assumes one role of the chain. The SDK's stscreds provider
// cannot pass ProvidedContexts, so this one sends the request the
// configuration built.
type roleCredentials struct {
	s      *Session
	client *sts.Client
	role   Role
}

func (r *roleCredentials) Retrieve(ctx context.Context) (aws.Credentials, error) {
	what := r.role.Field // the source's description names the role
	out, err := r.client.AssumeRole(ctx, r.role.Input)
	if err != nil {
		return aws.Credentials{}, r.s.step(err, "sts:AssumeRole", what)
	}
	c := out.Credentials
	if err := emptyAnswer(what, "sts:AssumeRole", c); err != nil {
		return aws.Credentials{}, err
	}
	return aws.Credentials{
		AccessKeyID:     aws.ToString(c.AccessKeyId),
		SecretAccessKey: aws.ToString(c.SecretAccessKey),
		SessionToken:    aws.ToString(c.SessionToken),
		CanExpire:       true,
		Expires:         aws.ToTime(c.Expiration),
	}, nil
}

// describeRoleChain says in words what the provider's chain is made of.
func describeRoleChain(st Settings, base string) string {
	var steps []string
	if w := st.WebIdentity; w != nil {
		steps = append(steps, "web identity role "+w.RoleArn)
	}
	for _, r := range st.Roles {
		steps = append(steps, r.Field+" "+aws.ToString(r.Input.RoleArn))
	}
	chain := strings.Join(steps, ", then ")
	if st.WebIdentity != nil {
		return chain
	}
	return chain + ", assumed with " + base
}
