// Who a Pulumi program runs as on AWS, which IAM role stands behind an STS session, and temporary credentials for a role.
package awsidentity
