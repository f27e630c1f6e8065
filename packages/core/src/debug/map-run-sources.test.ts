// The Map Run side of the viewer sources: the mapRuns message, the children and child queries,
// the child source, and the checks of what crosses the wire.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Json } from '../json.js';
import type { StateMachineDefinition } from '../definition/types.js';
import { StateMachine, type StartOptions } from '../runtime/state-machine.js';
import type { ChildExecutionView, MapRunChildPage, MapRunView } from '../graph/map-run-view.js';
import type { ViewerMessage, ViewerSource } from './protocol.js';
import { createSessionSource } from './session-source.js';
import { createHistorySource } from './history-source.js';
import { createChildSource } from './child-source.js';
import { parseViewerAnswer, parseViewerMessage, parseViewerQuery } from './protocol-checks.js';

const fixtures = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures', 'states');
const read = <T>(name: string) => JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as T;
const definition = read<StateMachineDefinition>('distributed-map-failures.asl.json');
const input = read<{ cases: { input: Json }[] }>('distributed-map-failures.test.json').cases[0]!.input;
const start: StartOptions = { seed: 1, startTime: '2026-01-01T00:00:00Z' };

/** Collects messages until `done` holds. */
function follow(source: ViewerSource, done: (messages: ViewerMessage[]) => boolean): Promise<ViewerMessage[]> {
  const messages: ViewerMessage[] = [];
  let finish!: () => void;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const disconnect = source.connect((message) => {
    messages.push(message);
    if (done(messages)) finish();
  });
  return finished.then(() => (disconnect(), messages));
}
const ended = (messages: ViewerMessage[]) =>
  messages.some((message) => message.type === 'session' && message.session.state === 'done');
const lastRuns = (messages: ViewerMessage[]): MapRunView[] =>
  messages.flatMap((message) => (message.type === 'mapRuns' ? [message.mapRuns] : [])).at(-1) ?? [];

describe('createSessionSource with a distributed Map', () => {
  it('sends the Map Run as it changes, and answers queries for its children and their histories', async () => {
    const source = createSessionSource({ definition, input, start });
    const done = follow(source, ended);
    await source.send({ type: 'run' });
    const messages = await done;
    const [run] = lastRuns(messages);
    expect(run).toMatchObject({ stateName: 'CheckItems', status: 'SUCCEEDED' });
    expect(run!.itemCounts).toEqual({
      pending: 0,
      running: 0,
      succeeded: 4,
      failed: 2,
      timedOut: 0,
      aborted: 0,
      total: 6,
    });
    // Every mapRuns message is one the page accepts.
    for (const message of messages.filter((m) => m.type === 'mapRuns'))
      expect(parseViewerMessage(JSON.parse(JSON.stringify(message)))).toEqual(message);

    const failed = await source.query!({ type: 'mapRunChildren', mapRunArn: run!.mapRunArn, status: 'FAILED' });
    expect(failed.children.map((child) => child.index)).toEqual([1, 4]);
    const child = await source.query!({ type: 'childExecution', executionArn: failed.children[0]!.executionArn });
    expect(child.stateName).toBe('CheckItems');
    expect(child.definition).toMatchObject({ StartAt: 'Inspect' });
    expect(child.events!.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'ChoiceStateEntered',
      'ChoiceStateExited',
      'FailStateEntered',
      'ExecutionFailed',
    ]);
    // A later page hears the run at once, with the session.
    const replay = await follow(source, (all) => all.some((m) => m.type === 'session'));
    expect(replay.map((m) => m.type)).toEqual(['init', 'events', 'mapRuns', 'session']);
  });

  it('sends no mapRuns message for a machine without a distributed Map', async () => {
    const source = createSessionSource({ definition: { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } } });
    const done = follow(source, ended);
    await source.send({ type: 'run' });
    expect((await done).some((m) => m.type === 'mapRuns')).toBe(false);
  });

  it('refuses a run or a child it does not know, and a succeeded child has no history by default', async () => {
    const source = createSessionSource({ definition, input, start });
    const done = follow(source, ended);
    await source.send({ type: 'run' });
    const [run] = lastRuns(await done);
    await expect(
      source.query!({ type: 'mapRunChildren', mapRunArn: 'arn:aws:states:x:1:mapRun:nope' }),
    ).rejects.toThrow(/no Map Run arn:aws:states:x:1:mapRun:nope/);
    await expect(source.query!({ type: 'childExecution', executionArn: 'arn:nope' })).rejects.toMatchObject({
      code: 'ASLKIT_COMMAND_REFUSED',
    });
    const ok = await source.query!({
      type: 'mapRunChildren',
      mapRunArn: run!.mapRunArn,
      status: 'SUCCEEDED',
      limit: 1,
    });
    expect(ok).toMatchObject({ matching: 4, offset: 0 });
    const view = await source.query!({ type: 'childExecution', executionArn: ok.children[0]!.executionArn });
    expect(view.events).toBeUndefined();
    expect(view.child.status).toBe('SUCCEEDED');
  });
});

describe('nested Map Runs', () => {
  it('opens a grandchild on the inner processor, and a child lists the runs it started itself', async () => {
    const outer = read<StateMachineDefinition>('nested-distributed-map.asl.json');
    const execution = StateMachine.from(outer).start([{ inner: [1, 2] }], {
      ...start,
      mapRuns: { childHistories: 'all' },
    });
    const result = await execution.result;
    const source = createHistorySource({
      definition: outer,
      events: result.history,
      mapRuns: execution.mapRuns,
    });
    const [run] = lastRuns(await follow(source, ended));
    expect(run!.stateName).toBe('Outer');
    const [child] = (await source.query!({ type: 'mapRunChildren', mapRunArn: run!.mapRunArn })).children;
    const view = await source.query!({ type: 'childExecution', executionArn: child!.executionArn });
    expect(view.definition).toMatchObject({ StartAt: 'InnerMap' });
    expect(view.mapRuns.map((inner) => [inner.stateName, inner.itemCounts.total])).toEqual([['InnerMap', 2]]);
    // The child's source shows its own run, and its queries reach the grandchildren.
    const childSource = createChildSource(source, view);
    const [innerRun] = lastRuns(await follow(childSource, ended));
    const page = await childSource.query!({ type: 'mapRunChildren', mapRunArn: innerRun!.mapRunArn });
    const grandchild = await childSource.query!({
      type: 'childExecution',
      executionArn: page.children[1]!.executionArn,
    });
    expect(grandchild.definition).toEqual({ StartAt: 'Leaf', States: { Leaf: { Type: 'Pass', End: true } } });
    expect(grandchild.events!.map((event) => event.type)).toEqual([
      'ExecutionStarted',
      'PassStateEntered',
      'PassStateExited',
      'ExecutionSucceeded',
    ]);
  });
});

describe('createHistorySource with mapRuns / createChildSource', () => {
  it("shows a finished run's Map Runs and opens a child as a source of its own", async () => {
    const execution = StateMachine.from(definition).start(input, { ...start, mapRuns: { childHistories: 'all' } });
    const result = await execution.result;
    const source = createHistorySource({ definition, events: result.history, mapRuns: execution.mapRuns });
    const messages = await follow(source, ended);
    const [run] = lastRuns(messages);
    expect(run!.itemCounts.total).toBe(6);
    const page = await source.query!({ type: 'mapRunChildren', mapRunArn: run!.mapRunArn });
    expect(page.children.every((child) => child.hasHistory)).toBe(true);

    const view = await source.query!({ type: 'childExecution', executionArn: page.children[4]!.executionArn });
    const child = createChildSource(source, view);
    const shown = await follow(child, ended);
    expect(shown[0]).toEqual({
      type: 'init',
      mode: 'history',
      definition: view.definition,
      title: `CheckItems · item 4 · ${view.child.name}`,
    });
    expect(shown.at(-1)).toEqual({
      type: 'session',
      session: { state: 'done', result: { status: 'FAILED', error: 'Item.Rejected', cause: 'the item is not ok' } },
    });
    // Its queries go to the parent, which holds every run.
    await expect(child.query!({ type: 'mapRunChildren', mapRunArn: run!.mapRunArn })).resolves.toEqual(page);
  });

  it('gives a child whose history was not kept its outcome from the run', async () => {
    const view: ChildExecutionView = {
      mapRunArn: 'arn:aws:states:us-east-1:1:mapRun:M/L:1',
      stateName: 'M',
      child: {
        index: 0,
        name: 'c',
        executionArn: 'arn:aws:states:us-east-1:1:execution:M/L:c',
        status: 'TIMED_OUT',
        hasHistory: false,
      },
      definition: { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
      mapRuns: [],
    };
    const shown = await follow(createChildSource({ connect: () => () => {}, send: async () => {} }, view), ended);
    expect(shown.map((m) => m.type)).toEqual(['init', 'events', 'session']);
    expect(shown.at(-1)).toMatchObject({ session: { result: { status: 'TIMED_OUT' } } });
  });
});

describe('query checks', () => {
  it('takes well-formed queries and refuses the rest with what is wrong', () => {
    const arn = 'arn:aws:states:us-east-1:1:mapRun:M/L:1';
    expect(
      parseViewerQuery({ type: 'mapRunChildren', mapRunArn: arn, status: 'FAILED', offset: 0, limit: 50, x: 1 }),
    ).toEqual({
      type: 'mapRunChildren',
      mapRunArn: arn,
      status: 'FAILED',
      offset: 0,
      limit: 50,
    });
    expect(parseViewerQuery({ type: 'childExecution', executionArn: arn })).toEqual({
      type: 'childExecution',
      executionArn: arn,
    });
    expect(() => parseViewerQuery({ type: 'mapRunChildren', mapRunArn: arn, status: 'LOST' })).toThrow(
      /status must be one of PENDING/,
    );
    expect(() => parseViewerQuery({ type: 'mapRunChildren', mapRunArn: arn, limit: -1 })).toThrow(
      /limit must be a whole number/,
    );
    const at = '2026-03-01T00:00:15.000Z';
    expect(parseViewerQuery({ type: 'mapRunChildren', mapRunArn: arn, at })).toEqual({
      type: 'mapRunChildren',
      mapRunArn: arn,
      at,
    });
    for (const bad of [5, 'yesterday'])
      expect(() => parseViewerQuery({ type: 'mapRunChildren', mapRunArn: arn, at: bad })).toThrow(
        /at must be an ISO 8601 date/,
      );
    expect(() => parseViewerQuery({ type: 'childExecution', executionArn: 'a'.repeat(3000) })).toThrow(/at most 2048/);
    expect(() => parseViewerQuery({ type: 'drop' })).toThrow(/unknown query "drop"/);
    expect(() => parseViewerQuery([])).toThrow(expect.objectContaining({ code: 'ASLKIT_INVALID_COMMAND' }));
  });

  it('checks answers as the page reads them', () => {
    const query = { type: 'mapRunChildren', mapRunArn: 'arn:m' } as const;
    const page: MapRunChildPage = {
      mapRunArn: 'arn:m',
      offset: 0,
      matching: 1,
      children: [{ index: 0, name: 'c', executionArn: 'arn:c', status: 'FAILED', error: 'E', hasHistory: true }],
    };
    expect(parseViewerAnswer(query, JSON.parse(JSON.stringify(page)))).toEqual(page);
    const counts = { pending: 0, running: 0, succeeded: 0, failed: 1, timedOut: 0, aborted: 0, total: 1 };
    expect(parseViewerAnswer(query, { ...page, itemCounts: counts })).toEqual({ ...page, itemCounts: counts });
    expect(() => parseViewerAnswer(query, { ...page, itemCounts: { total: 1 } })).toThrow(
      /a page of children needs itemCounts/,
    );
    expect(() => parseViewerAnswer(query, { ...page, children: [{ ...page.children[0], status: 'GONE' }] })).toThrow(
      expect.objectContaining({ code: 'ASLKIT_INVALID_MESSAGE' }),
    );
    expect(() =>
      parseViewerAnswer(
        { type: 'childExecution', executionArn: 'arn:c' },
        { mapRunArn: 'arn:m', stateName: 'M', child: page.children[0], mapRuns: [] },
      ),
    ).toThrow(/needs its definition/);
    expect(() => parseViewerMessage({ type: 'mapRuns', mapRuns: [{ stateName: 'M' }] })).toThrow(/startDate/);
  });
});
