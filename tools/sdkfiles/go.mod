module github.com/seed-83d379c3/pulumi-aws-identity/tools/sdkfiles

go 1.26
