"""Who am I, from the wheel installed from dist/, as an Automation API inline
program. Prints the stack outputs as JSON on its last line."""
import json
import sys

import pulumi
from pulumi import automation as auto

import pulumi_aws_identity as awsidentity


def program():
    me = awsidentity.get_caller_identity_output()
    pulumi.export("accountId", me.account_id)
    pulumi.export("arn", me.arn)


stack = auto.create_or_select_stack(stack_name="release", project_name="release-python", program=program)
result = stack.up(on_output=lambda line: print(line, file=sys.stderr))
print(json.dumps({name: o.value for name, o in result.outputs.items()}))
