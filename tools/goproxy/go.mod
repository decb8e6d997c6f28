module github.com/seed-83d379c3/pulumi-aws-identity/tools/goproxy

go 1.26

require golang.org/x/mod v0.38.0
