package index

import (
	"context"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/config"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/redact"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/session"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/stsinput"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

//go:embed get_console_signin_url.md
var getConsoleSigninUrlDoc string

// The federation endpoint's limits: SessionDuration in seconds, and the
// life of the sign-in token it hands out (AWS's documented 15 minutes).
const (
	MinConsoleSession = 900
	MaxConsoleSession = 43200
	SigninTokenLife   = 15 * time.Minute
	maxIssuer         = 2048
	maxDestination    = 2048
)

// GetConsoleSigninUrl is aws-identity:index:getConsoleSigninUrl.
type GetConsoleSigninUrl struct{}

// GetConsoleSigninUrlArgs are the inputs of getConsoleSigninUrl.
type GetConsoleSigninUrlArgs struct {
	Destination       *string             `pulumi:"destination,optional"`
	Issuer            *string             `pulumi:"issuer,optional"`
	SessionDuration   *int                `pulumi:"sessionDuration,optional"`
	Credentials       *ConsoleCredentials `pulumi:"credentials,optional" provider:"secret"`
	FederatedUserName *string             `pulumi:"federatedUserName,optional"`
	// The federated user's session policies: policy and policyArns.
	stsinput.Policies
}

// ConsoleCredentials are temporary credentials to sign in with, such as the
// credentials output of assumeRole.
type ConsoleCredentials struct {
	AccessKeyID     string  `pulumi:"accessKeyId" provider:"secret"`
	SecretAccessKey string  `pulumi:"secretAccessKey" provider:"secret"`
	SessionToken    *string `pulumi:"sessionToken,optional" provider:"secret"`
}

// GetConsoleSigninUrlResult is the sign-in URL.
type GetConsoleSigninUrlResult struct {
	URL         string `pulumi:"url" provider:"secret"`
	Destination string `pulumi:"destination"`
	Expiration  string `pulumi:"expiration"`
}

func (f *GetConsoleSigninUrl) Annotate(a infer.Annotator) {
	a.Describe(f, getConsoleSigninUrlDoc)
}

func (a *GetConsoleSigninUrlArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.Destination, "The console page to open, such as `https://console.aws.amazon.com/s3/home`. "+
		"Defaults to the console home of the provider's region.")
	an.Describe(&a.Issuer, "Where the console sends the user when the session ends, such as your internal "+
		"sign-in page. Left out of the URL when not set.")
	an.Describe(&a.SessionDuration, fmt.Sprintf("How long the console session lasts, in seconds: %d to %d. "+
		"Not set: AWS's default (one hour for a role's credentials; the credentials' own life for those of "+
		"getFederationToken, which AWS does not let this change).", MinConsoleSession, MaxConsoleSession))
	an.Describe(&a.Credentials, "Temporary credentials to sign in with, such as the `credentials` of "+
		"assumeRole or getFederationToken. Defaults to the provider's credentials. Kept secret.")
	an.Describe(&a.FederatedUserName, "The one-step way for an IAM user's long-term keys, which the federation "+
		"endpoint refuses: when the provider's credentials are such keys, the function first calls "+
		"sts:GetFederationToken with this name (2-32 characters of letters, digits and `+=,.@_-`) and policy "+
		"or policyArns, and signs in as that federated user; sessionDuration is then the federated user's "+
		"lifetime (AWS lets no other be asked of the console). Ignored when the provider's credentials are "+
		"temporary already. Not with credentials.")
	an.Describe(&a.Policy, "With federatedUserName: an inline session policy, as JSON, for the federated user. "+
		"Without policy or policyArns the federated user has no permissions. Together with policyArns it may "+
		"be at most 2048 characters of plain text.")
	an.Describe(&a.PolicyArns, "With federatedUserName: ARNs of up to 10 IAM managed policies to use as the "+
		"federated user's session policies; its permissions are the intersection of the IAM user's and these.")
}

func (c *ConsoleCredentials) Annotate(a infer.Annotator) {
	a.SetToken("index", "ConsoleCredentials")
	a.Describe(c, "Temporary AWS credentials to open the console with.")
	a.Describe(&c.AccessKeyID, "The access key ID (`ASIA...`). Kept secret.")
	a.Describe(&c.SecretAccessKey, "The secret access key. Kept secret.")
	a.Describe(&c.SessionToken, "The session token. Must be given, as the federation endpoint accepts only "+
		"temporary credentials; optional in the schema only so that leaving it out gets that explanation, "+
		"and the fix, rather than a bare type error. Kept secret.")
}

func (r *GetConsoleSigninUrlResult) Annotate(a infer.Annotator) {
	a.Describe(&r.URL, "The URL that opens the console as the credentials' identity. Anyone holding it is "+
		"signed in, so it is secret; its sign-in token is good for 15 minutes.")
	a.Describe(&r.Destination, "The console page the URL opens.")
	a.Describe(&r.Expiration, "When the URL's sign-in token stops working (RFC 3339, UTC): 15 minutes after it "+
		"was issued. A console session opened before then lasts sessionDuration.")
}

const consoleOp = "aws-identity:index:getConsoleSigninUrl"

// longTermAdvice is what to do with an IAM user's long-term keys, which the
// federation endpoint refuses.
const longTermAdvice = "the federation endpoint accepts only temporary credentials, and an IAM user's long-term " +
	"access keys (AKIA..., no session token) are refused. Call aws-identity:sts:getFederationToken (for the " +
	"user's own permissions, narrowed by a policy) or aws-identity:sts:assumeRole first, and pass its " +
	"credentials output here as credentials"

func (a GetConsoleSigninUrlArgs) validate() []violation.Violation {
	l := &violation.List{}
	if d := a.Destination; d != nil && l.Length("destination", *d, 1, maxDestination) {
		if u, err := url.Parse(*d); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			l.Add("destination", "must be an absolute http(s) URL of a console page, such as "+
				"https://console.aws.amazon.com/s3/home, but is %s", violation.Quote(*d))
		}
	}
	if i := a.Issuer; i != nil && l.Length("issuer", *i, 1, maxIssuer) {
		for _, r := range *i {
			if r < 0x20 || r == 0x7f {
				l.Add("issuer", "must not hold control characters")
				break
			}
		}
	}
	if d := a.SessionDuration; d != nil {
		l.Range("sessionDuration", *d, MinConsoleSession, MaxConsoleSession, "")
	}
	if n := a.FederatedUserName; n != nil {
		stsinput.FederatedName(l, "federatedUserName", *n)
		if a.Credentials != nil {
			l.Add("federatedUserName", "cannot be used together with credentials: it gets temporary credentials "+
				"for the provider's own long-term keys; give one of them")
		}
		a.CheckPolicies(l)
	} else {
		if len(a.PolicyArns) > 0 {
			l.Add("policyArns", "is the federated user's: give federatedUserName too, or leave it out")
		}
		if a.Policy != nil {
			l.Add("policy", "is the federated user's: give federatedUserName too, or leave it out")
		}
	}
	if c := a.Credentials; c != nil {
		// The values are secret: the messages name the field and never
		// quote what is in it.
		if c.AccessKeyID == "" {
			l.Add("credentials.accessKeyId", "is empty")
		} else if len(c.AccessKeyID) < violation.MinAccessKeyID || len(c.AccessKeyID) > violation.MaxAccessKeyID ||
			!violation.AccessKeyIDChars.Contains(c.AccessKeyID) {
			l.Add("credentials.accessKeyId", "is not an AWS access key ID (%d to %d letters and digits)",
				violation.MinAccessKeyID, violation.MaxAccessKeyID)
		}
		if c.SecretAccessKey == "" {
			l.Add("credentials.secretAccessKey", "is empty")
		}
		if c.SessionToken == nil || *c.SessionToken == "" {
			l.Add("credentials.sessionToken", "is missing: %s", longTermAdvice)
		} else if strings.HasPrefix(c.AccessKeyID, "AKIA") {
			l.Add("credentials.accessKeyId", "is an IAM user's long-term key (AKIA...): %s", longTermAdvice)
		}
	}
	return l.All
}

func (GetConsoleSigninUrl) Invoke(ctx context.Context, req infer.FunctionRequest[GetConsoleSigninUrlArgs]) (infer.FunctionResponse[GetConsoleSigninUrlResult], error) {
	var none infer.FunctionResponse[GetConsoleSigninUrlResult]
	in := req.Input
	if err := violation.Join("arguments to "+consoleOp, in.validate()); err != nil {
		return none, err
	}
	s := infer.GetConfig[config.Config](ctx).Session()
	fed, err := s.Federation(ctx)
	if err != nil {
		return none, err
	}
	var creds aws.Credentials
	if c := in.Credentials; c != nil {
		creds = aws.Credentials{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: *c.SessionToken}
	} else {
		if creds, err = s.Credentials(ctx); err != nil {
			return none, err
		}
		if creds.SessionToken == "" && in.FederatedUserName == nil {
			return none, fmt.Errorf("%s: the provider's credentials (from %s) are an IAM user's long-term keys: %s; "+
				"or give federatedUserName (and policy or policyArns) to do both in one step",
				consoleOp, creds.Source, longTermAdvice)
		}
	}
	duration := in.SessionDuration
	if creds.SessionToken == "" {
		if creds, err = federate(ctx, s, in); err != nil {
			return none, err
		}
		duration = nil // it was the federated user's; AWS refuses it here
	}
	endpoint := fed.Endpoint
	if endpoint == "" {
		endpoint = "https://" + signinHost(fed.Region) + "/federation"
	}
	destination := consoleHome(fed.Region)
	if in.Destination != nil {
		destination = *in.Destination
	}
	call, cancel := context.WithTimeout(ctx, s.CallBudget())
	defer cancel()
	token, err := signinToken(call, fed.HTTP, endpoint, creds, duration)
	if err != nil {
		return none, err
	}
	issued := time.Now()
	q := url.Values{"Action": {"login"}, "Destination": {destination}, "SigninToken": {token}}
	if in.Issuer != nil {
		q.Set("Issuer", *in.Issuer)
	}
	return infer.FunctionResponse[GetConsoleSigninUrlResult]{Output: GetConsoleSigninUrlResult{
		URL: endpoint + "?" + q.Encode(), Destination: destination,
		Expiration: stsinput.Time(issued.Add(SigninTokenLife)),
	}}, nil
}

// federate trades the provider's long-term keys for a federated user's
// temporary credentials, as getFederationToken does: the one step users
// would otherwise make themselves.
func federate(ctx context.Context, s *session.Session, in GetConsoleSigninUrlArgs) (aws.Credentials, error) {
	client, err := s.STS(ctx)
	if err != nil {
		return aws.Credentials{}, err
	}
	const op = "sts:GetFederationToken"
	out, err := client.GetFederationToken(ctx,
		stsinput.FederationTokenInput(*in.FederatedUserName, in.Policies, in.SessionDuration, nil))
	if err != nil {
		return aws.Credentials{}, s.Explain(ctx, err, session.Call{Op: op})
	}
	c, ok := stsinput.CredentialsFrom(out.Credentials)
	if !ok || c.SessionToken == "" {
		return aws.Credentials{}, stsinput.NoCredentials(op, "federated user "+violation.Quote(*in.FederatedUserName))
	}
	redact.Remember(c.SecretAccessKey, c.SessionToken)
	return aws.Credentials{AccessKeyID: c.AccessKeyID, SecretAccessKey: c.SecretAccessKey, SessionToken: c.SessionToken}, nil
}

// signinToken trades the credentials for a sign-in token. The request's
// URL carries the credentials, so no error quotes it.
func signinToken(ctx context.Context, client aws.HTTPClient, endpoint string, c aws.Credentials, duration *int) (string, error) {
	session, err := json.Marshal(map[string]string{
		"sessionId": c.AccessKeyID, "sessionKey": c.SecretAccessKey, "sessionToken": c.SessionToken,
	})
	if err != nil {
		return "", err
	}
	q := url.Values{"Action": {"getSigninToken"}, "Session": {string(session)}}
	if duration != nil {
		q.Set("SessionDuration", strconv.Itoa(*duration))
	}
	host := endpointHost(endpoint)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, endpoint+"?"+q.Encode(), nil)
	if err != nil {
		return "", fmt.Errorf("%s: the federation endpoint %s is not a URL", consoleOp, host)
	}
	resp, err := client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err // without the URL, which holds the credentials
		}
		return "", fmt.Errorf("%s: calling the federation endpoint %s: %v. Check the network, the proxy "+
			"settings and endpoints.federation", consoleOp, host, err)
	}
	defer func() { _ = resp.Body.Close() }()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	if err != nil {
		return "", fmt.Errorf("%s: reading the answer of the federation endpoint %s: %v", consoleOp, host, err)
	}
	switch {
	case resp.StatusCode == http.StatusOK:
	case resp.StatusCode >= 400 && resp.StatusCode < 500:
		return "", fmt.Errorf("%s: the federation endpoint %s refused the credentials (HTTP %d). They may have "+
			"expired, or be an IAM user's long-term keys; or sessionDuration was given with credentials of "+
			"getFederationToken, or is longer than AWS allows for them. Get fresh temporary credentials from "+
			"assumeRole (or getFederationToken, without sessionDuration) and try again", consoleOp, host, resp.StatusCode)
	default:
		return "", fmt.Errorf("%s: the federation endpoint %s answered HTTP %d; try again later", consoleOp, host, resp.StatusCode)
	}
	var answer struct{ SigninToken string }
	if json.Unmarshal(body, &answer) != nil || answer.SigninToken == "" {
		return "", fmt.Errorf("%s: the federation endpoint %s answered without a sign-in token; check that "+
			"endpoints.federation is AWS's federation endpoint or a faithful emulator", consoleOp, host)
	}
	return answer.SigninToken, nil
}

// endpointHost names an endpoint in messages: its host only, as its URL
// may carry a secret (the setting is secret for that reason).
func endpointHost(endpoint string) string {
	if u, err := url.Parse(endpoint); err == nil && u.Host != "" {
		return u.Host
	}
	return "(configured)"
}

// signinHost is the federation endpoint's host in the region's partition.
func signinHost(region string) string {
	switch {
	case strings.HasPrefix(region, "us-gov-"):
		return "signin.amazonaws-us-gov.com"
	case strings.HasPrefix(region, "cn-"):
		return "signin.amazonaws.cn"
	}
	return "signin.aws.amazon.com"
}

// consoleHome is the console's home page in region, in its partition.
func consoleHome(region string) string {
	host := "console.aws.amazon.com"
	switch {
	case strings.HasPrefix(region, "us-gov-"):
		host = "console.amazonaws-us-gov.com"
	case strings.HasPrefix(region, "cn-"):
		host = "console.amazonaws.cn"
	}
	return "https://" + host + "/console/home?" + url.Values{"region": {region}}.Encode()
}
