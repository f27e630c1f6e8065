import { beforeAll, describe, expect, it } from 'vitest';
import { StateMachine } from '../runtime/state-machine.js';
import { TaskError } from '../resolvers/resolver.js';
import type { HistoryEvent } from '../history/events.js';
import type { Json } from '../json.js';

const START = '2026-03-01T00:00:00.000Z';
const LATER = '2026-03-02T00:00:00.000Z';
const WORK = 'arn:aws:lambda:us-east-1:123456789012:function:work';
const definition = {
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Assign: { v: 1 }, Next: 'Work' },
    Work: { Type: 'Task', Resource: WORK, End: true },
  },
};
type Event = Record<string, unknown>;

describe('a redrive of a forged or damaged history', () => {
  const machine = StateMachine.from(definition, { name: 'Orders' });
  let arn = '';
  let saved: Event[] = [];
  beforeAll(async () => {
    const failed = await machine.run(
      { a: 1 },
      {
        seed: 1,
        startTime: START,
        name: 'run-1',
        resolvers: {
          [WORK]: () => {
            throw new TaskError('X', 'y');
          },
        },
      },
    );
    arn = failed.executionArn;
    saved = JSON.parse(JSON.stringify(failed.history)) as Event[];
  });
  const redrive = (history: unknown[]) =>
    machine.redrive(
      { executionArn: arn, history: history as HistoryEvent[] },
      {
        redriveTime: LATER,
        resolvers: { [WORK]: (input: Json) => ({ got: input }) },
      },
    );
  const where = (type: string, change: (event: Event) => Event) => (history: Event[]) =>
    history.map((event) => (event.type === type ? change(event) : event));
  const cases: [string, (history: Event[]) => unknown[], RegExp][] = [
    ['an event that is not an object', (h) => [null, ...h.slice(1)], /index 0: expected an event object/],
    ['an event without a type', (h) => [h[0], { id: 2, previousEventId: 1, timestamp: START }], /index 1: "type"/],
    [
      'ExecutionStarted without details',
      (h) => [{ ...h[0], executionStartedEventDetails: undefined }, ...h.slice(1)],
      /index 0: "executionStartedEventDetails" must be an object/,
    ],
    [
      'an execution input that is not JSON',
      where('ExecutionStarted', (e) => ({ ...e, executionStartedEventDetails: { input: '{bad' } })),
      /index 0: "input" is not JSON/,
    ],
    ['duplicate ids', (h) => h.map((e) => ({ ...e, id: 1 })), /index 1: "id" is 1, expected 2/],
    ['missing ids', (h) => h.map(({ id: _id, ...e }) => e), /index 0: "id" is undefined/],
    ['huge ids', (h) => h.map((e) => ({ ...e, id: (e.id as number) * 1e300 })), /index 0: "id" is 1e\+300/],
    ['events out of order (reverseOrder)', (h) => [...h].reverse(), /index 0: "id"/],
    [
      'previousEventId pointing forward',
      (h) => h.map((e) => ({ ...e, previousEventId: (e.id as number) + 1 })),
      /index 0: "previousEventId" 2 is not an earlier event/,
    ],
    [
      'previousEventId pointing at itself',
      (h) => h.map((e) => ({ ...e, previousEventId: e.id })),
      /"previousEventId" 1 is not an earlier event/,
    ],
    [
      'timestamps that are not dates',
      (h) => h.map((e) => ({ ...e, timestamp: 'yesterday' })),
      /index 0: "timestamp" is not an ISO 8601 date: "yesterday"/,
    ],
    ['timestamps as numbers', (h) => h.map((e) => ({ ...e, timestamp: 5 })), /"timestamp" is not an ISO 8601 date: 5/],
    [
      'ExecutionRedriven counting 1e308',
      (h) => [
        ...h,
        {
          ...h.at(-1),
          id: h.length + 1,
          type: 'ExecutionRedriven',
          executionRedrivenEventDetails: { redriveCount: 1e308 },
        },
      ],
      /"redriveCount" is 1e\+308, expected 1/,
    ],
    [
      'ExecutionRedriven counting -1',
      (h) => [
        ...h,
        {
          ...h.at(-1),
          id: h.length + 1,
          type: 'ExecutionRedriven',
          executionRedrivenEventDetails: { redriveCount: -1 },
        },
      ],
      /"redriveCount" is -1, expected 1/,
    ],
    [
      'a state entered without details',
      where('TaskStateEntered', (e) => ({ ...e, stateEnteredEventDetails: undefined })),
      /index 3: "stateEnteredEventDetails" must be an object/,
    ],
    [
      'a state name that is not text',
      where('TaskStateEntered', (e) => ({ ...e, stateEnteredEventDetails: { name: 42, input: '{}' } })),
      /index 3: the state's "name"/,
    ],
    [
      'assigned variables that are not JSON',
      where('PassStateExited', (e) => ({
        ...e,
        stateExitedEventDetails: { name: 'Prepare', output: '{}', assignedVariables: { v: '{bad' } },
      })),
      /index 2: "assignedVariables.v" is not JSON/,
    ],
    [
      'assigned variables that are not an object',
      where('PassStateExited', (e) => ({
        ...e,
        stateExitedEventDetails: { name: 'Prepare', output: '{}', assignedVariables: 5 },
      })),
      /index 2: "assignedVariables" must be an object/,
    ],
  ];
  it.each(cases)('refuses %s, naming the event', (_name, forge, message) => {
    let thrown: unknown;
    try {
      redrive(forge(saved));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: 'ASLKIT_INVALID_HISTORY', message: expect.stringMatching(message) });
  });

  it('refuses a source that is not a saved execution, or whose mapRuns is not a list', () => {
    expect(() => machine.redrive(null as never)).toThrow(/its executionArn and history/);
    expect(() => machine.redrive({ executionArn: arn, history: saved as never, mapRuns: {} as never })).toThrow(
      /mapRuns/,
    );
  });

  it('keeps __proto__ and constructor keys of recorded data as data', async () => {
    const forged = where('TaskStateEntered', (e) => ({
      ...e,
      stateEnteredEventDetails: { name: 'Work', input: '{"__proto__":{"x":1},"constructor":{"prototype":{"y":2}}}' },
    }))(saved);
    const result = await redrive(forged).result;
    expect(result.status).toBe('SUCCEEDED');
    expect(JSON.stringify(result.output)).toBe('{"got":{"__proto__":{"x":1},"constructor":{"prototype":{"y":2}}}}');
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it('still redrives the untouched history', async () => {
    expect((await redrive(saved).result).status).toBe('SUCCEEDED');
  });
});

describe('a redrive of a forged Map Run record', () => {
  const DO = 'arn:aws:lambda:us-east-1:123456789012:function:do';
  const machine = StateMachine.from(
    {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
            StartAt: 'Do',
            States: { Do: { Type: 'Task', Resource: DO, End: true } },
          },
          End: true,
        },
      },
    },
    { name: 'Batch' },
  );
  let stopped: { executionArn: string; history: readonly HistoryEvent[]; run: Record<string, unknown> };
  beforeAll(async () => {
    const failing = (input: Json) => {
      if (input === 2) throw new TaskError('Broken', 'no');
      return input;
    };
    const execution = machine.start([1, 2, 3], {
      seed: 1,
      startTime: START,
      mapRuns: { childHistories: 'all' },
      resolvers: { [DO]: failing },
    });
    const { history } = await execution.result;
    stopped = {
      executionArn: execution.executionArn,
      history,
      run: JSON.parse(JSON.stringify(execution.mapRuns[0])) as Record<string, unknown>,
    };
  });
  const children = () => stopped.run.children as Record<string, unknown>[];
  const cases: [string, () => unknown, RegExp][] = [
    ['mapRuns that is not a list', () => ({}), /^mapRuns: /],
    ['a Map Run that is not an object', () => [null], /^mapRuns\[0\]: expected a Map Run object/],
    [
      'children that are not a list',
      () => [{ ...stopped.run, children: 'abc' }],
      /^mapRuns\[0\]\.children: must be a list/,
    ],
    [
      'a start date that is a number',
      () => [{ ...stopped.run, startDate: 5 }],
      /^mapRuns\[0\]\.startDate: is not an ISO 8601 date: 5/,
    ],
    [
      'a child index out of place',
      () => [{ ...stopped.run, children: children().map((c) => ({ ...c, index: 1e300 })) }],
      /^mapRuns\[0\]\.children\[0\]\.index: is 1e\+300, expected 0/,
    ],
    [
      'a child status not in the enum',
      () => [{ ...stopped.run, children: children().map((c) => ({ ...c, status: 'WEIRD' })) }],
      /children\[0\]\.status: must be one of PENDING/,
    ],
    [
      'a child history that is forged',
      () => [{ ...stopped.run, children: children().map((c) => ({ ...c, history: [{}] })) }],
      /children\[0\]\.history: Event at index 0: "type"/,
    ],
  ];
  it.each(cases)('refuses %s, naming the place', (_name, mapRuns, message) => {
    expect(() =>
      machine.redrive(
        { executionArn: stopped.executionArn, history: stopped.history, mapRuns: mapRuns() as never },
        { redriveTime: LATER },
      ),
    ).toThrow(expect.objectContaining({ code: 'ASLKIT_INVALID_HISTORY', message: expect.stringMatching(message) }));
  });

  it('still redrives the untouched record', async () => {
    const redriven = machine.redrive(
      { executionArn: stopped.executionArn, history: stopped.history, mapRuns: [stopped.run as never] },
      { redriveTime: LATER, resolvers: { [DO]: (input: Json) => input } },
    );
    expect((await redriven.result).output).toEqual([1, 2, 3]);
  });
});
