// Who a Pulumi program runs as on AWS, which IAM role stands behind an STS session, temporary credentials for a role, an MFA session or a web identity, and the provider's own credentials.
package awsidentity
