package stsinput

// The descriptions of outputs and inputs several STS functions share, so
// that each says the same limits in the same words.
const (
	TagsDoc = "Up to 50 session tags. Keys are 1-128 characters, values 0-256, of letters, digits, " +
		"spaces and `_.:/=+-@`; keys must be unique ignoring case."
	CredentialsDoc = "The temporary credentials. secretAccessKey and sessionToken are secrets."
)
