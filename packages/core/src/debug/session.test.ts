import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Json } from '../json.js';
import type { HistoryEvent } from '../history/events.js';
import type { MockScript } from '../resolvers/mocks.js';
import { StateMachine, type StartOptions } from '../runtime/state-machine.js';
import { createRandom } from '../runtime/random.js';
import { TaskError, type TaskContext } from '../resolvers/resolver.js';
import { createDebugSession, type DebugSession, type DebugSnapshot } from './session.js';

const fixtures = join(import.meta.dirname, '..', '..', '..', '..', 'fixtures');
const read = <T>(path: string) => JSON.parse(readFileSync(join(fixtures, path), 'utf8')) as T;
const machineOf = (path: string) => StateMachine.from(readFileSync(join(fixtures, path), 'utf8'));
const base: StartOptions = { seed: 'debug', startTime: '2026-01-01T00:00:00Z' };
const pipeline = machineOf('examples/order-pipeline.asl.json');
const pipelineInput = read<Json>('examples/order-pipeline.input.json');
const pipelineOptions: StartOptions = { ...base, mocks: read<MockScript>('examples/order-pipeline.mocks.json') };

/** Resolves with the first snapshot that satisfies `predicate` (the session notifies once per microtask). */
function until(session: DebugSession, predicate: (snapshot: DebugSnapshot) => boolean): Promise<DebugSnapshot> {
  return new Promise((resolve) => {
    if (predicate(session.getSnapshot())) return resolve(session.getSnapshot());
    const off = session.subscribe((snapshot) => {
      if (!predicate(snapshot)) return;
      off();
      resolve(snapshot);
    });
  });
}
const settled = (session: DebugSession) => until(session, (s) => s.state === 'paused' || s.state === 'done');
const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));
const text = (history: readonly HistoryEvent[]) => JSON.stringify(history);
const where = (s: DebugSnapshot) =>
  s.pausedAt && [s.pausedAt.stateName, s.pausedAt.on, s.pausedAt.reason, s.pausedAt.eventId];

describe('breakpoints', () => {
  it('stops before each entry into a state, inside a Map too, and runs on when resumed', async () => {
    const free = await pipeline.run(pipelineInput, pipelineOptions);
    const session = createDebugSession(pipeline, pipelineInput, {
      ...pipelineOptions,
      breakpoints: [{ stateName: 'PriceLine', on: 'enter' }],
    });
    expect(session.getSnapshot().state).toBe('idle');
    session.start();
    let snapshot = await settled(session);
    // Paused before the first iteration's TaskStateEntered is recorded.
    expect(where(snapshot)).toEqual(['PriceLine', 'enter', 'breakpoint', 11]);
    expect(snapshot.pausedAt!.breakpoint).toEqual({ stateName: 'PriceLine', on: 'enter' });
    expect(snapshot.events.at(-1)!.type).toBe('MapIterationStarted');
    // Inside a Map the engine runs on until every iteration waits on the held clock; the view holds the rest back.
    expect(session.execution!.history.length).toBeGreaterThan(snapshot.events.length);
    session.resume();
    snapshot = await until(session, (s) => s.state === 'paused' && s.pausedAt!.eventId > 11);
    expect(where(snapshot)).toEqual(['PriceLine', 'enter', 'breakpoint', 13]);
    session.resume();
    snapshot = await settled(session);
    expect(snapshot.state).toBe('done');
    expect(snapshot.result!.status).toBe('SUCCEEDED');
    expect(text(snapshot.events)).toBe(text(free.history));
    expect(session.actor.getSnapshot().context.revealed).toBe(free.history.length);
  });

  it('stops only where the condition over the state input holds', async () => {
    // A filter on an object tests the object itself (Jayway): only the second line's input has sku "mug".
    const session = createDebugSession(pipeline, pipelineInput, {
      ...pipelineOptions,
      breakpoints: [
        { stateName: 'PriceLine', on: 'enter', condition: "$[?(@.sku == 'mug')]" },
        { stateName: 'Ship', on: 'enter', condition: '$.missing' },
      ],
    });
    session.start();
    const snapshot = await settled(session);
    expect(where(snapshot)).toEqual(['PriceLine', 'enter', 'breakpoint', 13]);
    session.resume();
    expect((await settled(session)).state).toBe('done');
  });

  it('stops after a state exits, judging the condition by its input, not its output', async () => {
    const session = createDebugSession(pipeline, pipelineInput, {
      ...pipelineOptions,
      // Total adds `summary` to its output; its input has none, so this never stops.
      breakpoints: [
        { stateName: 'Total', on: 'exit', condition: '$.summary' },
        { stateName: 'Charge', on: 'exit', condition: '$.summary.total' },
      ],
    });
    session.start();
    const snapshot = await settled(session);
    expect(where(snapshot)).toEqual(['Charge', 'exit', 'breakpoint', 43]);
    expect(snapshot.events.at(-1)).toMatchObject({
      type: 'TaskStateExited',
      stateExitedEventDetails: { name: 'Charge' },
    });
    session.resume();
    expect((await settled(session)).result!.status).toBe('SUCCEEDED');
  });

  it('can be changed while paused, and rejects malformed ones with a coded error', async () => {
    const session = createDebugSession(pipeline, pipelineInput, {
      ...pipelineOptions,
      breakpoints: [{ stateName: 'IsValid', on: 'enter' }],
    });
    session.start();
    expect(where(await settled(session))).toEqual(['IsValid', 'enter', 'breakpoint', 6]);
    // At the top level the engine itself waits at the breakpoint.
    await macrotask();
    expect(session.execution!.history).toHaveLength(6);
    session.setBreakpoints([{ stateName: 'Ship', on: 'exit' }]);
    expect(session.getSnapshot().breakpoints).toEqual([{ stateName: 'Ship', on: 'exit' }]);
    session.resume();
    expect(where(await until(session, (s) => s.pausedAt?.stateName === 'Ship'))).toEqual([
      'Ship',
      'exit',
      'breakpoint',
      49,
    ]);
    expect(() => session.setBreakpoints([{ stateName: 'Ship', on: 'enter', condition: '$.[' }])).toThrow(
      expect.objectContaining({ code: 'ASLKIT_INVALID_BREAKPOINT' }),
    );
    expect(() => session.setBreakpoints([{ stateName: 'Ship', on: 'later' as 'enter' }])).toThrow(/Breakpoint 0/);
    expect(() => createDebugSession(pipeline, {}, { breakpoints: [null as never] })).toThrow(
      expect.objectContaining({ code: 'ASLKIT_INVALID_BREAKPOINT' }),
    );
    expect(session.getSnapshot().breakpoints).toEqual([{ stateName: 'Ship', on: 'exit' }]);
  });
});

describe('stepping', () => {
  it('by event reveals exactly one more history event per step', async () => {
    const free = await pipeline.run(pipelineInput, pipelineOptions);
    const session = createDebugSession(pipeline, pipelineInput, pipelineOptions);
    session.step('event');
    let snapshot = await settled(session);
    expect(where(snapshot)).toEqual(['', 'enter', 'step', 1]);
    const seen: string[] = [];
    while (snapshot.state !== 'done') {
      expect(snapshot.events).toHaveLength(seen.length + 1);
      seen.push(snapshot.events.at(-1)!.type);
      session.step('event');
      snapshot = await settled(session);
    }
    expect(seen).toEqual(free.history.slice(0, -1).map((e) => e.type));
    expect(text(snapshot.events)).toBe(text(free.history));
  });

  it('by transition stops before each entry and after each exit, in history order', async () => {
    const free = await pipeline.run(pipelineInput, pipelineOptions);
    const expected = free.history.flatMap((e) => {
      const entered = 'stateEnteredEventDetails' in e ? [[e.stateEnteredEventDetails.name, 'enter']] : [];
      return 'stateExitedEventDetails' in e ? [[e.stateExitedEventDetails.name, 'exit']] : entered;
    });
    const session = createDebugSession(pipeline, pipelineInput, pipelineOptions);
    const stops: string[][] = [];
    const pauses: number[] = [];
    session.step();
    for (let snapshot = await settled(session); snapshot.state !== 'done'; snapshot = await settled(session)) {
      stops.push([snapshot.pausedAt!.stateName, snapshot.pausedAt!.on]);
      pauses.push(snapshot.pausedAt!.pause);
      session.step('transition');
    }
    expect(stops).toEqual(expected);
    // Both PriceLine iterations exit at event 22: only the pause number tells the stops apart.
    expect(pauses).toEqual(stops.map((_, i) => i + 1));
    expect(text(session.getSnapshot().events)).toBe(text(free.history));
  });

  it('does not start a task before its Entered event has been stepped past', async () => {
    const calls: string[] = [];
    const machine = StateMachine.from({
      StartAt: 'Call',
      States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } },
    });
    const session = createDebugSession(
      machine,
      {},
      { ...base, resolvers: { '*': () => (calls.push('called'), { ok: true }) } },
    );
    session.step('event');
    await settled(session); // ExecutionStarted
    session.step('event');
    expect((await settled(session)).events.at(-1)!.type).toBe('TaskStateEntered');
    await macrotask();
    expect(calls).toEqual([]);
    session.step('event');
    expect((await settled(session)).events.at(-1)!.type).toBe('TaskScheduled');
    session.resume();
    expect((await settled(session)).result).toMatchObject({ status: 'SUCCEEDED', output: { ok: true } });
    expect(calls).toEqual(['called']);
  });
});

describe('pause, resume and abort', () => {
  it('freezes virtual time while paused', async () => {
    const machine = machineOf('states/wait-and-choice.asl.json');
    const session = createDebugSession(machine, { priority: 'high' }, base);
    const paused = new Promise<void>((resolve) => {
      const off = session.subscribe((s) => {
        if (s.state !== 'running' || s.events.at(-1)?.type !== 'WaitStateEntered') return;
        off();
        session.pause();
        resolve();
      });
    });
    session.start();
    await paused;
    const snapshot = await settled(session);
    expect(where(snapshot)).toEqual(['Soon', 'enter', 'pause', 4]);
    for (let i = 0; i < 5; i++) await macrotask();
    expect(session.getSnapshot().events).toHaveLength(4);
    expect(session.execution!.status).toBe('RUNNING');
    session.resume();
    const done = await settled(session);
    // The five-second Wait is five virtual seconds, however long the pause lasted.
    expect(done.result!.output).toEqual({ route: { priority: 'high' }, doneAt: '2026-01-01T00:00:05.000Z' });
  });

  it('aborts from a pause at the top level: nothing more runs, the execution ends ABORTED', async () => {
    const session = createDebugSession(pipeline, pipelineInput, {
      ...pipelineOptions,
      breakpoints: [{ stateName: 'Ship', on: 'enter' }],
    });
    session.start();
    await settled(session);
    session.abort('Manual', 'stopped while debugging');
    const done = await settled(session);
    expect(done.result).toMatchObject({ status: 'ABORTED', error: 'Manual', cause: 'stopped while debugging' });
    expect(done.events.map((e) => e.type).slice(-2)).toEqual(['WaitStateExited', 'ExecutionAborted']);
    expect(session.actor.getSnapshot().status).toBe('done');
  });

  it('aborts from a pause inside a Parallel, aborting the task still in flight', async () => {
    const session = createDebugSession(pipeline, pipelineInput, {
      ...pipelineOptions,
      breakpoints: [{ stateName: 'ReserveStock', on: 'exit' }],
    });
    session.start();
    await settled(session);
    session.abort();
    const done = await settled(session);
    expect(done.result!.status).toBe('ABORTED');
    expect(done.events.map((e) => e.type)).toContain('TaskStateAborted');
    expect(done.events.at(-1)).toMatchObject({ type: 'ExecutionAborted', executionAbortedEventDetails: {} });
  });

  it('ignores commands that do not apply, and aborting before the start runs nothing', async () => {
    const session = createDebugSession(pipeline, pipelineInput, pipelineOptions);
    session.pause();
    expect(session.getSnapshot().state).toBe('idle');
    session.abort();
    expect(session.getSnapshot().state).toBe('done');
    expect(session.execution).toBeUndefined();
    session.resume();
    session.step();
    session.start();
    expect(session.getSnapshot()).toMatchObject({ state: 'done', events: [] });
  });

  it('stays idle when the machine refuses the input', () => {
    const session = createDebugSession(pipeline, { big: 'x'.repeat(300_000) }, pipelineOptions);
    expect(() => session.start()).toThrow(expect.objectContaining({ code: 'InvalidExecutionInput' }));
    expect(session.getSnapshot().state).toBe('idle');
    expect(session.execution).toBeUndefined();
  });

  it("calls the caller's own gate too, before the session's", async () => {
    const points: string[] = [];
    const session = createDebugSession(pipeline, pipelineInput, {
      ...pipelineOptions,
      breakpoints: [{ stateName: 'Total', on: 'enter' }],
      gate: async (point) => void points.push(`${point.kind} ${point.state.name}`),
    });
    session.start();
    expect(where(await settled(session))).toEqual(['Total', 'enter', 'breakpoint', 26]);
    expect(points.at(-1)).toBe('enter Total');
    session.resume();
    const done = await settled(session);
    expect(done.result!.status).toBe('SUCCEEDED');
    expect(points.filter((p) => p.startsWith('enter'))).toHaveLength(
      done.events.filter((e) => e.type.endsWith('StateEntered')).length,
    );
  });

  it('keeps notifying the other listeners when one throws, and stops after unsubscribe', async () => {
    const session = createDebugSession(pipeline, pipelineInput, pipelineOptions);
    let calls = 0;
    session.subscribe(() => {
      throw new Error('broken view');
    });
    const off = session.subscribe(() => calls++);
    session.start();
    await until(session, (s) => s.state === 'done');
    expect(calls).toBeGreaterThan(0);
    off();
    const before = calls;
    session.setBreakpoints([]);
    await macrotask();
    expect(calls).toBe(before);
  });
});

/** A Map of tasks (retried, taking virtual time) each followed by a Parallel with a Wait. */
const CONCURRENT = {
  StartAt: 'Fan',
  States: {
    Fan: {
      Type: 'Map',
      ItemsPath: '$.items',
      MaxConcurrency: 3,
      ItemProcessor: {
        StartAt: 'Work',
        States: {
          Work: {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke',
            Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1, MaxAttempts: 2 }],
            Next: 'Both',
          },
          Both: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'Nap', States: { Nap: { Type: 'Wait', SecondsPath: '$.nap', End: true } } },
              { StartAt: 'Note', States: { Note: { Type: 'Pass', End: true } } },
            ],
            End: true,
          },
        },
      },
      Next: 'After',
    },
    After: { Type: 'Wait', Seconds: 1, Next: 'Last' },
    Last: { Type: 'Pass', End: true },
  },
};

async function flakyWorker(input: Json, context: TaskContext): Promise<Json> {
  const item = input as number;
  await context.clock.sleep(((item * 7) % 4) * 1000);
  if (item % 2 === 0 && context.attempt === 0) throw new TaskError('Flaky', `item ${item}`);
  return { nap: item % 3 };
}

describe('determinism', () => {
  const scenarios: [string, StateMachine, Json, StartOptions][] = [
    ['order pipeline', pipeline, pipelineInput, pipelineOptions],
    ...read<{ cases: { input: Json; mocks?: MockScript }[] }>('examples/order-pipeline.test.json')
      .cases.slice(1)
      .map((c, i): [string, StateMachine, Json, StartOptions] => [
        `order pipeline case ${i + 1}`,
        pipeline,
        c.input,
        { ...base, mocks: c.mocks },
      ]),
    ['parallel-map', machineOf('states/parallel-map.asl.json'), { items: [3, 11, 2] }, base],
    ['wait-and-choice', machineOf('states/wait-and-choice.asl.json'), { at: '2026-01-02T03:04:05.678+00:00' }, base],
    [
      'concurrent tasks, retries and waits',
      StateMachine.from(CONCURRENT),
      { items: [0, 1, 2, 3, 4, 5] },
      { ...base, resolvers: { '*': flakyWorker } },
    ],
  ];

  it.each(scenarios)(
    '%s: a stepped, paused and resumed run records the free run history',
    async (_name, machine, input, options) => {
      const free = text((await machine.run(input, options)).history);
      for (const seed of ['a', 'b', 'c', 'd', 'e']) {
        const random = createRandom(seed);
        const names = Object.keys(machine.definition.States);
        const session = createDebugSession(machine, input, {
          ...options,
          breakpoints: names.map((stateName) => ({ stateName, on: random.next() < 0.5 ? 'enter' : 'exit' })),
        });
        session.start();
        for (let guard = 0; guard < 2000; guard++) {
          const snapshot = await settled(session);
          if (snapshot.state === 'done') break;
          const roll = random.next();
          if (roll < 0.4) session.step('event');
          else if (roll < 0.7) session.step('transition');
          else session.resume();
          // Sometimes let real time pass, or pause in mid-flight, before the next command.
          if (random.next() < 0.3) await macrotask();
          if (random.next() < 0.2) session.pause();
        }
        expect(session.getSnapshot().state).toBe('done');
        expect(text(session.getSnapshot().events)).toBe(free);
        expect(text(session.getSnapshot().result!.history)).toBe(free);
      }
    },
  );
});
