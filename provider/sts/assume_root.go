package sts

import (
	"context"
	_ "embed"
	"regexp"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	awssts "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/principal"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/session"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/stsinput"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

//go:embed assume_root.md
var assumeRootDoc string

// AssumeRoot is aws-identity:sts:assumeRoot: a privileged root session in a
// member account of an organization, scoped to one root task.
type AssumeRoot struct{}

// AssumeRootArgs are the inputs of STS AssumeRoot.
type AssumeRootArgs struct {
	TargetPrincipal string `pulumi:"targetPrincipal"`
	TaskPolicyArn   string `pulumi:"taskPolicyArn"`
	DurationSeconds *int   `pulumi:"durationSeconds,optional"`
}

// AssumeRootResult is the root session's credentials.
type AssumeRootResult struct {
	Credentials    stsinput.Credentials `pulumi:"credentials"`
	SourceIdentity string               `pulumi:"sourceIdentity"`
}

// AssumeRoot's limits, from the STS service model (2011-06-15):
// TargetPrincipalType is 12-2048 characters, RootDurationSecondsType 0-900.
const (
	minTargetPrincipal, maxTargetPrincipal = 12, 2048
	minRootDuration, maxRootDuration       = 0, 900
	rootDurationWords                      = "between 0 and 900 (15 minutes)"
)

// rootTaskPolicy is the shape of the AWS managed policies that scope a root
// session (arn:aws:iam::aws:policy/root-task/IAMAuditRootUserCredentials,
// ...): a managed policy name of 1-128 of IAM's characters under root-task/.
// The list of tasks grows, so the name itself is not checked against it.
var rootTaskPolicy = regexp.MustCompile(`^arn:aws(-[a-z]+)*:iam::aws:policy/root-task/[\w+=,.@-]{1,128}$`)

// rootTaskName is a root task policy's name given without its ARN.
var rootTaskName = regexp.MustCompile(`^[\w+=,.@-]{1,128}$`)

// The root task policies the AssumeRoot documentation of the pinned SDK names.
var rootTasks = []string{"IAMAuditRootUserCredentials", "IAMCreateRootUserPassword",
	"IAMDeleteRootUserCredentials", "S3UnlockBucketPolicy", "SQSUnlockQueuePolicy"}

func (f *AssumeRoot) Annotate(a infer.Annotator) { a.Describe(f, assumeRootDoc) }

func (a *AssumeRootArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.TargetPrincipal, "The member account to act as root in: its 12-digit account ID, such as "+
		"`111122223333` (or its root principal ARN, `arn:aws:iam::111122223333:root`).")
	an.Describe(&a.TaskPolicyArn, "ARN of the AWS managed policy that scopes the session to one root task: "+
		"`arn:aws:iam::aws:policy/root-task/` followed by "+strings.Join(rootTasks, ", ")+".")
	an.Describe(&a.DurationSeconds, "Lifetime of the session in seconds, 0 to 900 (15 minutes). AWS's default is 900.")
}

func (r *AssumeRootResult) Annotate(a infer.Annotator) {
	a.Describe(&r.Credentials, "The root session's temporary credentials. secretAccessKey and sessionToken are secrets.")
	a.Describe(&r.SourceIdentity, "The source identity the caller's session carries, if any; empty otherwise.")
}

// Validate checks every input against AWS's limits and returns all
// violations at once, each naming its field.
func (a *AssumeRootArgs) Validate() []violation.Violation {
	l := &violation.List{}
	okLen := l.Length("targetPrincipal", a.TargetPrincipal, minTargetPrincipal, maxTargetPrincipal)
	if !strings.HasPrefix(a.TargetPrincipal, "arn:") {
		stsinput.AccountID(l, "targetPrincipal", a.TargetPrincipal)
	} else if okLen {
		if p, err := principal.Parse("targetPrincipal", a.TargetPrincipal); err != nil || p.Type != principal.Root {
			l.Add("targetPrincipal", "%s is neither a 12-digit account ID nor an account's root ARN such as "+
				"arn:aws:iam::111122223333:root", violation.Quote(a.TargetPrincipal))
		}
	}
	okARN := l.ARN("taskPolicyArn", a.TaskPolicyArn)
	switch {
	case rootTaskName.MatchString(a.TaskPolicyArn):
		l.Add("taskPolicyArn", "%s is a policy name, not its ARN; pass arn:aws:iam::aws:policy/root-task/%s",
			violation.Quote(a.TaskPolicyArn), a.TaskPolicyArn)
	case okARN && !rootTaskPolicy.MatchString(a.TaskPolicyArn):
		l.Add("taskPolicyArn", "%s is not a root task policy ARN; pass arn:aws:iam::aws:policy/root-task/ followed by "+
			"one of %s", violation.Quote(a.TaskPolicyArn), strings.Join(rootTasks, ", "))
	}
	if a.DurationSeconds != nil {
		l.Range("durationSeconds", *a.DurationSeconds, minRootDuration, maxRootDuration, rootDurationWords)
	}
	return l.All
}

// Input builds the AssumeRoot request. Call Validate first.
func (a *AssumeRootArgs) Input() *awssts.AssumeRootInput {
	return &awssts.AssumeRootInput{
		TargetPrincipal: aws.String(a.TargetPrincipal),
		TaskPolicyArn:   &stsinput.PolicyDescriptors([]string{a.TaskPolicyArn})[0],
		DurationSeconds: stsinput.Duration(a.DurationSeconds),
	}
}

const assumeRootToken = "aws-identity:sts:assumeRoot"

func (AssumeRoot) Invoke(ctx context.Context, req infer.FunctionRequest[AssumeRootArgs]) (infer.FunctionResponse[AssumeRootResult], error) {
	var none infer.FunctionResponse[AssumeRootResult]
	in := req.Input
	if err := violation.Join("arguments to "+assumeRootToken, in.Validate()); err != nil {
		return none, err
	}
	s, client, err := regionalClient(ctx, assumeRootToken, "sts:AssumeRoot")
	if err != nil {
		return none, err
	}
	out, err := client.AssumeRoot(ctx, in.Input())
	if err != nil {
		return none, s.Explain(ctx, err, session.Call{Op: "sts:AssumeRoot", Hint: assumeRootHint})
	}
	c, ok := stsinput.CredentialsFrom(out.Credentials)
	if !ok {
		return none, stsinput.NoCredentials("sts:AssumeRoot", "")
	}
	return infer.FunctionResponse[AssumeRootResult]{Output: AssumeRootResult{
		Credentials: c, SourceIdentity: aws.ToString(out.SourceIdentity)}}, nil
}

// assumeRootHint is what AssumeRoot's refusals mean.
func assumeRootHint(code, message string) string {
	switch code {
	case "AccessDenied", "AccessDeniedException":
		return "AssumeRoot needs the credentials of the organization's management account or of the delegated " +
			"administrator for IAM (not root user credentials), centralized root access enabled for member " +
			"accounts (IAM console, Root access management), and a policy that allows sts:AssumeRoot on the " +
			"member account, with sts:TaskPolicyArn matching the task policy; check targetPrincipal too: it must " +
			"be a member account of that organization."
	case "RegionDisabledException":
		return "Activate STS in this region for the management account, or set the provider's stsRegion to a " +
			"region where it is active."
	}
	return ""
}
