// Answers the identity questions of multi-account AWS programs: who am I, which role is behind this session, and credentials for a role.
package awsidentity
