import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCode, resumeExecution, StateMachine, awaitCallback, type ExecutionRecord } from '@aslkit/core';
import { SCHEMA_VERSION, SqliteExecutionStore } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'aslkit-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;
const file = () => join(dir, `store-${files++}.db`);

const CALLBACK = 'arn:aws:states:::sqs:sendMessage.waitForTaskToken';
const machine = StateMachine.from({
  StartAt: 'Ask',
  States: { Ask: { Type: 'Task', Resource: CALLBACK, Parameters: { 'token.$': '$$.Task.Token' }, End: true } },
});
const resolvers = { [CALLBACK]: () => awaitCallback({ MessageId: 'm-1' }) };

describe('SqliteExecutionStore', () => {
  it('keeps executions across closing and opening the file, in WAL mode, and resumes them', async () => {
    const path = file();
    const store = new SqliteExecutionStore(path);
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    const first = machine.start({ order: 1 }, { name: 'one', seed: 1, realTime: true, resolvers, store });
    await new Promise<void>((resolve) => first.subscribe((event) => event.type === 'TaskSubmitted' && resolve()));
    await Promise.resolve();
    const token = first.openTaskTokens()[0]!;
    // As a crash leaves it: the process goes away with the execution waiting (its later writes fail).
    store.close();

    const copy = new SqliteExecutionStore(path);
    expect(copy.loadEvents(first.executionArn).at(-1)!.type).toBe('TaskSubmitted');
    const resumed = resumeExecution(copy, first.executionArn, { resolvers });
    await resumed.replayed;
    resumed.sendTaskSuccess(token, { approved: true });
    const result = await resumed.result;
    expect(result.output).toEqual({ approved: true });
    expect(copy.getExecution(first.executionArn)).toMatchObject({ status: 'SUCCEEDED', stopDate: result.stopDate });
    expect(copy.loadEvents(first.executionArn)).toEqual(result.history);
    copy.close();
    first.stop();
  });

  it('keeps a redrive across closing and opening the file, and resumes it with its own token', async () => {
    const path = file();
    const store = new SqliteExecutionStore(path);
    const first = machine.start({ order: 2 }, { name: 'two', seed: 2, realTime: true, resolvers, store });
    await first.replayed;
    await new Promise((resolve) => setTimeout(resolve, 0));
    first.sendTaskFailure(first.openTaskTokens()[0]!, 'Refused');
    const failed = await first.result;
    const redriven = first.redrive();
    await new Promise<void>((resolve) => redriven.subscribe((event) => event.type === 'TaskSubmitted' && resolve()));
    await Promise.resolve();
    const token = redriven.openTaskTokens()[0]!;
    store.close();

    const copy = new SqliteExecutionStore(path);
    expect(copy.getExecution(first.executionArn)).toMatchObject({
      status: 'RUNNING',
      redrive: { priorEvents: failed.history.length },
    });
    expect(copy.getExecution(first.executionArn)!.stopDate).toBeUndefined();
    const resumed = resumeExecution(copy, first.executionArn, { resolvers });
    await resumed.replayed;
    expect(resumed.openTaskTokens()).toEqual([token]);
    resumed.sendTaskSuccess(token, { approved: true });
    const result = await resumed.result;
    expect(result).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1, output: { approved: true } });
    expect(copy.loadEvents(first.executionArn).filter((event) => event.type === 'ExecutionRedriven')).toHaveLength(1);
    expect(copy.getExecution(first.executionArn)!.status).toBe('SUCCEEDED');
    expect(() => copy.redriveExecution('nope', { priorEvents: 0, time: 0, seed: 's' })).toThrow(
      /Execution Does Not Exist/,
    );
    copy.close();
  });

  it('refuses an ARN twice, a gap or a repeat in the ids, and an unknown execution', () => {
    const store = new SqliteExecutionStore(':memory:');
    const record: ExecutionRecord = {
      executionArn: 'arn:x',
      name: 'x',
      stateMachineArn: 'arn:m',
      definition: '{}',
      machine: { name: 'm', region: 'us-east-1', accountId: '1', roleArn: 'r', type: 'STANDARD', validate: true },
      input: '{}',
      start: { seed: '1', startTime: 0 },
      status: 'RUNNING',
      startDate: '1970-01-01T00:00:00.000Z',
    };
    store.createExecution(record);
    expect(() => store.createExecution(record)).toThrow(
      expect.objectContaining({ code: ErrorCode.ExecutionAlreadyExists }),
    );
    const event = (id: number) =>
      ({ id, previousEventId: 0, timestamp: record.startDate, type: 'PassStateEntered' }) as never;
    store.appendEvents('arn:x', [event(1), event(2)]);
    expect(() => store.appendEvents('arn:x', [event(2)])).toThrow(
      expect.objectContaining({ code: ErrorCode.StoreConflict }),
    );
    // A refused batch is refused whole.
    expect(() => store.appendEvents('arn:x', [event(3), event(5)])).toThrow(/Event 5 of 'arn:x'/);
    expect(store.loadEvents('arn:x').map((e) => e.id)).toEqual([1, 2]);
    expect(() => store.appendEvents('arn:y', [event(1)])).toThrow(
      expect.objectContaining({ code: ErrorCode.ExecutionDoesNotExist }),
    );
    // Several executions' batches: all written, or none.
    store.createExecution({ ...record, executionArn: 'arn:z' });
    expect(() =>
      store.appendBatches([
        { executionArn: 'arn:z', events: [event(1)] },
        { executionArn: 'arn:x', events: [event(9)] },
      ]),
    ).toThrow(expect.objectContaining({ code: ErrorCode.StoreConflict }));
    expect(store.loadEvents('arn:z')).toEqual([]);
    store.appendBatches([
      { executionArn: 'arn:z', events: [event(1)], end: { status: 'FAILED', stopDate: record.startDate } },
    ]);
    expect(store.getExecution('arn:z')!.status).toBe('FAILED');
    store.appendEvents('arn:x', [event(3)], { status: 'SUCCEEDED', stopDate: record.startDate });
    expect(store.listExecutions({ status: 'RUNNING' })).toEqual([]);
    expect(store.listExecutions().map((r) => r.status)).toEqual(['SUCCEEDED', 'FAILED']);
    store.close();
  });

  it('records its schema version, and refuses a file from a later one', () => {
    const path = file();
    new SqliteExecutionStore(path).close();
    const db = new Database(path);
    expect(db.prepare('SELECT version FROM schema_version').get()).toEqual({ version: SCHEMA_VERSION });
    db.prepare('UPDATE schema_version SET version = ?').run(SCHEMA_VERSION + 1);
    db.close();
    expect(() => new SqliteExecutionStore(path)).toThrow(/written by a later aslkit \(schema version 2/);
  });
});
