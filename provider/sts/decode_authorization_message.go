package sts

import (
	"context"
	_ "embed"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
	awssts "github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/pulumi/pulumi-go-provider/infer"

	"github.com/seed-83d379c3/pulumi-aws-identity/provider/config"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/session"
	"github.com/seed-83d379c3/pulumi-aws-identity/provider/violation"
)

//go:embed decode_authorization_message.md
var decodeAuthorizationMessageDoc string

// DecodeAuthorizationMessage is aws-identity:sts:decodeAuthorizationMessage:
// why AWS refused a request, from the encoded message of its error.
type DecodeAuthorizationMessage struct{}

// DecodeAuthorizationMessageArgs are the inputs of STS DecodeAuthorizationMessage.
type DecodeAuthorizationMessageArgs struct {
	EncodedMessage string `pulumi:"encodedMessage"`
}

const decodeToken, decodeOp = "aws-identity:sts:decodeAuthorizationMessage", "sts:DecodeAuthorizationMessage"

func (f *DecodeAuthorizationMessage) Annotate(a infer.Annotator) {
	a.Describe(f, decodeAuthorizationMessageDoc)
}

func (a *DecodeAuthorizationMessageArgs) Annotate(an infer.Annotator) {
	an.Describe(&a.EncodedMessage, "The encoded message of an authorization failure (1-10240 characters), or the "+
		"whole error text that holds it after `Encoded authorization failure message:`, as the AWS CLI, an SDK "+
		"or a log printed it: the message is taken from it.")
}

// Message is the encoded message that will be sent.
func (a *DecodeAuthorizationMessageArgs) Message() string {
	m, _ := extractEncoded(a.EncodedMessage)
	return m
}

// Validate checks the input against AWS's limits.
func (a *DecodeAuthorizationMessageArgs) Validate() []violation.Violation {
	l := &violation.List{}
	m, found := extractEncoded(a.EncodedMessage)
	checkEncoded(l, "encodedMessage", a.EncodedMessage, m, found)
	return l.All
}

func (DecodeAuthorizationMessage) Invoke(ctx context.Context, req infer.FunctionRequest[DecodeAuthorizationMessageArgs]) (infer.FunctionResponse[DecodeAuthorizationMessageResult], error) {
	var none infer.FunctionResponse[DecodeAuthorizationMessageResult]
	in := req.Input
	if err := violation.Join("arguments to "+decodeToken, in.Validate()); err != nil {
		return none, err
	}
	s := infer.GetConfig[config.Config](ctx).Session()
	client, err := s.STS(ctx)
	if err != nil {
		return none, err
	}
	out, err := client.DecodeAuthorizationMessage(ctx, &awssts.DecodeAuthorizationMessageInput{
		EncodedMessage: aws.String(in.Message())})
	if err != nil {
		return none, s.Explain(ctx, err, session.Call{Op: decodeOp, Hint: decodeHint})
	}
	text := aws.ToString(out.DecodedMessage)
	if text == "" {
		return none, errNoDecodedMessage
	}
	return infer.FunctionResponse[DecodeAuthorizationMessageResult]{Output: parseDecoded(text)}, nil
}

var errNoDecodedMessage = errors.New("sts:DecodeAuthorizationMessage answered without a decoded message; " +
	"check that the STS endpoint is AWS's or a faithful emulator")

// decodeHint is what DecodeAuthorizationMessage's refusals mean.
func decodeHint(code, message string) string {
	switch code {
	case "InvalidAuthorizationMessageException":
		return "STS could not read the encoded message: pass it whole, as the error printed it (with or without " +
			"the text around it), without line breaks; messages expire, so decode it soon after the error, " +
			"with credentials of the account whose request was refused."
	case "AccessDenied", "AccessDeniedException":
		return "Decoding needs sts:DecodeAuthorizationMessage in the caller's IAM policies: the message can tell " +
			"things about policies that the caller of the refused request may not see."
	}
	return ""
}
