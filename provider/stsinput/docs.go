package stsinput

// The descriptions of the inputs several STS functions share, so that each
// says the same limits in the same words.
const (
	PolicyArnsDoc = "ARNs of up to 10 IAM managed policies to use as session policies. " +
		"The session's permissions are the intersection of the role's policies and these."
	PolicyDoc = "An inline session policy, as JSON. Together with policyArns it may be at most " +
		"2048 characters of plain text."
	TagsDoc = "Up to 50 session tags. Keys are 1-128 characters, values 0-256, of letters, digits, " +
		"spaces and `_.:/=+-@`; keys must be unique ignoring case."
	CredentialsDoc = "The temporary credentials. secretAccessKey and sessionToken are secrets."
)
