/** A service on a free loopback port and an SDK client pointed at it, for the client tests. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SFNClient, GetExecutionHistoryCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { parseSfnLocalMockConfig } from '@aslkit/core';
import { startService, type RunningService, type ServiceOptions } from '../src/index.js';

export const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'service');
export const ORDER_DEFINITION = readFileSync(join(FIXTURES, 'order.asl.json'), 'utf8');
export const ROLE = 'arn:aws:iam::123456789012:role/service-role/orders';

export function mockConfig() {
  return parseSfnLocalMockConfig(readFileSync(join(FIXTURES, 'order.mock-config.json'), 'utf8'));
}

export async function serviceWithClient(
  options: ServiceOptions = {},
): Promise<{ service: RunningService; sfn: SFNClient }> {
  const service = await startService({ port: 0, mockConfig: mockConfig(), ...options });
  return { service, sfn: clientOf(service) };
}

/** The AWS SDK's client for `service`, with local credentials and no retries. */
export function clientOf(service: RunningService): SFNClient {
  return new SFNClient({
    endpoint: service.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDLOCAL', secretAccessKey: 'local' },
    // StartSyncExecution's endpoint is `sync-<host>` on AWS; a local endpoint has no such name.
    disableHostPrefix: true,
    maxAttempts: 1,
  });
}

/** Polls the history until `found` picks an event, then returns it. */
export async function waitForEvent(
  sfn: SFNClient,
  executionArn: string,
  found: (event: HistoryEvent) => boolean,
  timeoutMs = 10_000,
): Promise<HistoryEvent> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const { events = [] } = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000 }));
    const event = events.find(found);
    if (event) return event;
    if (Date.now() > until) throw new Error(`no such event in ${executionArn} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The task token in the Approve state's TaskScheduled parameters. */
export function approvalToken(event: HistoryEvent): string {
  const parameters = JSON.parse(event.taskScheduledEventDetails!.parameters!) as { MessageBody: { token: string } };
  return parameters.MessageBody.token;
}
