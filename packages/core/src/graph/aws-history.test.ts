import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { StateMachineDefinition } from '../definition/types.js';
import { AslkitError } from '../errors/aslkit-error.js';
import { HistoryImportError, importAwsHistory } from './aws-history.js';
import { buildGraph } from './model.js';
import { foldHistory } from './fold.js';

// Recorded AWS histories, shared with the history reader's cases (fixtures/histories/README.md).
const histories = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'histories');
const fixture = (name: string) => JSON.parse(readFileSync(join(histories, name), 'utf8')) as { events: unknown[] };

describe('importAwsHistory', () => {
  const recorded = fixture('aws-map-timeout.history.json');
  const definition = fixture('aws-map-timeout.asl.json') as unknown as StateMachineDefinition;

  it('reads a recorded AWS history in the snapshot shape: timestamps, parsed payloads back to JSON text', () => {
    const events = importAwsHistory(recorded);
    expect(events).toHaveLength(33);
    expect(events.map((e) => e.id)).toEqual(Array.from({ length: 33 }, (_, i) => i + 1));
    expect(events[0]).toMatchObject({
      id: 1,
      previousEventId: 0,
      timestamp: '2024-03-10T16:23:46.123Z',
      type: 'ExecutionStarted',
    });
    expect(events[0]).toMatchObject({
      executionStartedEventDetails: {
        input:
          '{"Inputs":[{"FunctionName":"<lambda_function_1_name>","Payload":null},{"FunctionName":"<lambda_function_1_name>","Payload":null},{"FunctionName":"<lambda_function_1_name>","Payload":null},{"FunctionName":"<lambda_function_1_name>","Payload":null}]}',
      },
    });
    expect(events[8]).toMatchObject({
      type: 'TaskScheduled',
      taskScheduledEventDetails: {
        parameters: '{"FunctionName":"<lambda_function_1_name>","Payload":null}',
        timeoutInSeconds: 5,
      },
    });
    expect(events[19]).toMatchObject({ type: 'TaskTimedOut', timestamp: '2024-03-10T16:23:51.193Z' });
  });

  it('folds into what AWS did: one iteration timed out, its siblings aborted, the Map and the execution failed', () => {
    const snapshot = foldHistory(buildGraph(definition), importAwsHistory(recorded));
    expect(snapshot).toMatchObject({ status: 'FAILED', error: 'States.Timeout', lastEventId: 33 });
    expect(snapshot.statuses).toMatchObject({ MapWait: 'failed', 'MapWait/LambdaInvoke': 'failed', __end__: 'failed' });
    expect(snapshot.mapProgress['MapWait']).toEqual({ total: 4, succeeded: 0, failed: 1, running: 0, aborted: 3 });
    const visits = snapshot.visits['MapWait/LambdaInvoke']!;
    // Each iteration's chain is followed even though their events interleave.
    expect(visits.map((v) => [v.mapIndex, v.enteredEventId, v.status, v.error])).toEqual([
      [0, 8, 'failed', 'States.Timeout'],
      [1, 10, 'aborted', 'States.Timeout'],
      [2, 12, 'aborted', 'States.Timeout'],
      [3, 14, 'aborted', 'States.Timeout'],
    ]);
    expect(snapshot.visits['MapWait']![0]).toMatchObject({
      status: 'failed',
      error: 'States.Timeout',
      input: { Inputs: expect.any(Array) },
    });
    // Halfway (#19: every task started, none timed out yet) all four run.
    const halfway = foldHistory(buildGraph(definition), importAwsHistory(recorded), 19);
    expect(halfway.statuses).toMatchObject({ MapWait: 'running', 'MapWait/LambdaInvoke': 'running' });
    expect(halfway.mapProgress['MapWait']).toMatchObject({ running: 4 });
  });

  it('folds an AWS Parallel retry, which starts again without a failure event in between', () => {
    // docs/research/history-events.md §4 c (S-base test_parallel_state_retry), as a bare array with ISO timestamps.
    const events = importAwsHistory(fixture('aws-parallel-retry.history.json').events);
    const graph = buildGraph(fixture('aws-parallel-retry.asl.json') as unknown as StateMachineDefinition);
    expect(foldHistory(graph, events, 5).visits['ParallelState']![0]).toMatchObject({ status: 'retrying', retries: 1 });
    const snapshot = foldHistory(graph, events);
    expect(snapshot.visits['ParallelState']![0]).toMatchObject({
      status: 'failed',
      retries: 2,
      error: 'FailureType',
      cause: 'Cause description',
    });
    expect(snapshot.visits['ParallelState/0/Branch1']!.map((v) => [v.enteredEventId, v.status, v.branchIndex])).toEqual(
      [
        [4, 'failed', 0],
        [6, 'failed', 0],
        [8, 'failed', 0],
      ],
    );
  });

  it('accepts newest-first pages, numeric-string and Date timestamps, and keeps unknown event types', () => {
    const events = importAwsHistory({
      events: [
        {
          id: 3,
          previousEventId: 2,
          timestamp: '1714557600.5',
          type: 'MapRunStarted',
          mapRunStartedEventDetails: { mapRunArn: 'arn:run' },
        },
        {
          id: 2,
          previousEventId: 0,
          timestamp: new Date(Date.UTC(2024, 4, 1, 10)),
          type: 'PassStateEntered',
          stateEnteredEventDetails: { name: 'P', input: { a: 1 } },
        },
        { id: 1, timestamp: 1714557600, type: 'ExecutionStarted', executionStartedEventDetails: { input: '{"a":1}' } },
      ],
      nextToken: 'ignored',
    });
    expect(events.map((e) => [e.id, e.previousEventId, e.timestamp, e.type])).toEqual([
      [1, 0, '2024-05-01T10:00:00.000Z', 'ExecutionStarted'],
      [2, 0, '2024-05-01T10:00:00.000Z', 'PassStateEntered'],
      [3, 2, '2024-05-01T10:00:00.500Z', 'MapRunStarted'],
    ]);
    expect(events[1]).toMatchObject({ stateEnteredEventDetails: { input: '{"a":1}' } });
    expect(events[2]).toMatchObject({ mapRunStartedEventDetails: { mapRunArn: 'arn:run' } });
  });

  it('keeps hostile keys as data', () => {
    const [event] = importAwsHistory(
      JSON.parse(
        '[{"id":1,"timestamp":0,"type":"X","__proto__":{"polluted":true},"xEventDetails":{"__proto__":{"polluted":true},"assignedVariables":{"v":[1]}}}]',
      ) as unknown[],
    );
    expect(Object.getPrototypeOf(event)).toBe(Object.prototype);
    expect(Object.keys(event!)).toContain('__proto__');
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(
      (event as unknown as { xEventDetails: { assignedVariables: unknown } }).xEventDetails.assignedVariables,
    ).toEqual({ v: '[1]' });
  });

  it.each([
    ['a string', 'events', undefined, /array of history events/],
    ['an object without events', { items: [] }, undefined, /array of history events/],
    ['a null event', [null], 0, /expected an object/],
    ['a missing type', [{ id: 1, timestamp: 0 }], 0, /"type"/],
    [
      'a fractional id',
      [
        { id: 1, timestamp: 0, type: 'A' },
        { id: 1.5, timestamp: 0, type: 'B' },
      ],
      1,
      /"id"/,
    ],
    ['a negative previousEventId', [{ id: 1, previousEventId: -1, timestamp: 0, type: 'A' }], 0, /"previousEventId"/],
    ["LocalStack's timestamp placeholder", [{ id: 1, timestamp: 'timestamp', type: 'A' }], 0, /"timestamp"/],
    ['an absurd timestamp', [{ id: 1, timestamp: 1e300, type: 'A' }], 0, /"timestamp"/],
    ['details that are not an object', [{ id: 1, timestamp: 0, type: 'A', aEventDetails: 'x' }], 0, /details/],
    [
      'a repeated id',
      [
        { id: 1, timestamp: 0, type: 'A' },
        { id: 1, timestamp: 0, type: 'B' },
      ],
      1,
      /duplicate/,
    ],
  ])('rejects %s with a coded error naming the event', (_what, json, index, message) => {
    let thrown: unknown;
    try {
      importAwsHistory(json);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HistoryImportError);
    expect(thrown).toBeInstanceOf(AslkitError);
    expect(thrown).toMatchObject({ code: 'ASLKIT_INVALID_HISTORY', eventIndex: index });
    expect((thrown as Error).message).toMatch(message);
    if (index !== undefined) expect((thrown as Error).message).toContain(`index ${index}`);
  });
});
