package stsinput

// Limits of the STS service model (2011-06-15) that more than one function
// or configuration block shares, by the name of the model's shape. The
// character sets and the ARN, duration and policy limits are in violation,
// with the checks that use them.
const (
	MaxTags             = 50 // tagListType, tagKeyListType
	MaxProvidedContexts = 5  // providedContextsListType

	// clientTokenType: a web identity token.
	MinWebIdentityToken, MaxWebIdentityToken = 4, 20000
	// urlType: AssumeRoleWithWebIdentity's providerId.
	MinProviderID, MaxProviderID = 4, 2048
	// userNameType: GetFederationToken's name of a federated user.
	MinFederatedName, MaxFederatedName = 2, 32
)
