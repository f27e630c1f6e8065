#!/usr/bin/env bash
# The AWS CLI against aslkit serve: fixtures/service/order.asl.json end to end (mock config test
# case, Wait, callback). Usage: order-client.sh ENDPOINT DEFINITION_FILE. Prints the final
# DescribeExecution as JSON; exits non-zero on any mismatch.
set -euo pipefail
endpoint="$1"
definition_file="$2"
aws="${AWS:-/usr/bin/aws}"
sfn() { "$aws" stepfunctions --endpoint-url "$endpoint" --output json "$@"; }
fail() {
  echo "order-client.sh: $*" >&2
  exit 1
}

machine=$(sfn create-state-machine --name Orders --definition "file://$definition_file" \
  --role-arn arn:aws:iam::123456789012:role/orders --query stateMachineArn --output text)
[ "$machine" = "arn:aws:states:us-east-1:123456789012:stateMachine:Orders" ] || fail "unexpected ARN $machine"

sfn list-state-machines --query 'stateMachines[].name' --output text | grep -qw Orders || fail "Orders not listed"

execution=$(sfn start-execution --state-machine-arn "$machine#HappyPath" --name cli-order \
  --input '{"orderId":"cli-1"}' --query executionArn --output text)

# The callback task's token is in its TaskScheduled parameters (the SQS message body).
token=""
for _ in $(seq 1 300); do
  parameters=$(sfn get-execution-history --execution-arn "$execution" \
    --query "events[?type=='TaskScheduled' && taskScheduledEventDetails.resourceType=='sqs'].taskScheduledEventDetails.parameters | [0]" \
    --output text)
  token=$(printf '%s' "$parameters" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
  [ -n "$token" ] && break
  sleep 0.05
done
[ -n "$token" ] || fail "the callback task was never scheduled"

[ "$(sfn describe-execution --execution-arn "$execution" --query status --output text)" = RUNNING ] ||
  fail "the execution is not waiting for its callback"
sfn send-task-success --task-token "$token" --task-output '{"approvedBy":"aws-cli"}' >/dev/null

status=RUNNING
for _ in $(seq 1 300); do
  status=$(sfn describe-execution --execution-arn "$execution" --query status --output text)
  [ "$status" != RUNNING ] && break
  sleep 0.05
done
[ "$status" = SUCCEEDED ] || fail "status $status"

# A spent token: TaskTimedOut.
errors=$(mktemp)
trap 'rm -f "$errors"' EXIT
if sfn send-task-success --task-token "$token" --task-output '{}' 2>"$errors"; then
  fail "a spent token was accepted"
fi
grep -q TaskTimedOut "$errors" || fail "expected TaskTimedOut, got: $(cat "$errors")"

sfn describe-execution --execution-arn "$execution"
