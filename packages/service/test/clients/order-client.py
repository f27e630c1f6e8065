"""boto3 against aslkit serve: fixtures/service/order.asl.json end to end (mock config test case,
Wait, callback). Usage: order-client.py ENDPOINT DEFINITION_FILE. Prints one JSON summary line;
exits non-zero on any mismatch."""
import json
import sys
import time

import boto3
from botocore.config import Config

endpoint, definition_file = sys.argv[1], sys.argv[2]
sfn = boto3.client(
    "stepfunctions",
    endpoint_url=endpoint,
    region_name="us-east-1",
    aws_access_key_id="AKIDLOCAL",
    aws_secret_access_key="local",
    # StartSyncExecution's host prefix (sync-) names no local host.
    config=Config(inject_host_prefix=False, retries={"max_attempts": 1}),
)

with open(definition_file, encoding="utf-8") as f:
    definition = f.read()
# "Orders": the mock config's test cases are for the state machine of that name.
orders = sfn.create_state_machine(
    name="Orders", definition=definition, roleArn="arn:aws:iam::123456789012:role/orders"
)["stateMachineArn"]

started = sfn.start_execution(
    stateMachineArn=orders + "#HappyPath", name="py-order", input=json.dumps({"orderId": "py-1"})
)
arn = started["executionArn"]


def history():
    return sfn.get_execution_history(executionArn=arn, maxResults=1000)["events"]


token = None
deadline = time.time() + 15
while token is None:
    for event in history():
        details = event.get("taskScheduledEventDetails")
        if details and details["resourceType"] == "sqs":
            token = json.loads(details["parameters"])["MessageBody"]["token"]
    if token is None:
        assert time.time() < deadline, "the callback task was never scheduled"
        time.sleep(0.05)

assert sfn.describe_execution(executionArn=arn)["status"] == "RUNNING"
sfn.send_task_success(taskToken=token, output=json.dumps({"approvedBy": "boto3"}))

while True:
    described = sfn.describe_execution(executionArn=arn)
    if described["status"] != "RUNNING":
        break
    time.sleep(0.05)

assert described["status"] == "SUCCEEDED", described
output = json.loads(described["output"])
assert output == {"orderId": "py-1", "price": {"total": 42}, "approval": {"approvedBy": "boto3"}}, output
waited = (described["stopDate"] - described["startDate"]).total_seconds()
assert waited >= 1, waited

try:
    sfn.send_task_success(taskToken=token, output="{}")
    raise AssertionError("a spent token was accepted")
except sfn.exceptions.TaskTimedOut:
    pass
try:
    sfn.describe_execution(executionArn=arn + "-missing")
    raise AssertionError("a missing execution was described")
except sfn.exceptions.ExecutionDoesNotExist:
    pass
try:
    sfn.start_execution(stateMachineArn=orders, name="py-order", input="{}")
    raise AssertionError("a closed execution's name was reused")
except sfn.exceptions.ExecutionAlreadyExists:
    pass

types = [event["type"] for event in history()]
print(json.dumps({"status": described["status"], "output": output, "events": types, "machine": orders}))
