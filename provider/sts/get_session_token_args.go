package sts

import (
	awssts "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/stsinput"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

// GetSessionTokenArgs are the inputs of STS GetSessionToken.
type GetSessionTokenArgs struct {
	DurationSeconds *int    `pulumi:"durationSeconds,optional"`
	SerialNumber    *string `pulumi:"serialNumber,optional"`
	TokenCode       *string `pulumi:"tokenCode,optional" provider:"secret"`
}

// GetSessionToken's own duration limits (durationSecondsType): longer than a
// role's, up to 36 hours.
const (
	minDuration   = 900
	maxDuration   = 129600
	durationWords = "between 900 (15 minutes) and 129600 (36 hours)"
)

func (a *GetSessionTokenArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.DurationSeconds, "Lifetime of the credentials in seconds, 900 (15 minutes) to 129600 "+
		"(36 hours); for the root user at most 3600. AWS's default is 43200 (12 hours).")
	an.Describe(&a.SerialNumber, "Serial number (hardware device, such as `GAHT12345678`) or ARN (virtual "+
		"device, such as `arn:aws:iam::123456789012:mfa/alice`) of the MFA device of the IAM user whose keys the "+
		"provider uses, 9-256 characters of letters, digits and `+=/:,.@-_`. Requires tokenCode.")
	an.Describe(&a.TokenCode, "The 6-digit code the MFA device shows now. Requires serialNumber.")
}

// Validate checks every input against AWS's limits and returns all
// violations at once, each naming its field.
func (a *GetSessionTokenArgs) Validate() []violation.Violation {
	l := &violation.List{}
	if a.DurationSeconds != nil {
		l.Range("durationSeconds", *a.DurationSeconds, minDuration, maxDuration, durationWords)
	}
	stsinput.MFA(l, a.SerialNumber, a.TokenCode)
	return l.All
}

// Input builds the GetSessionToken stsinput. Call Validate first.
func (a *GetSessionTokenArgs) Input() *awssts.GetSessionTokenInput {
	return &awssts.GetSessionTokenInput{SerialNumber: a.SerialNumber, TokenCode: a.TokenCode,
		DurationSeconds: stsinput.Duration(a.DurationSeconds)}
}
