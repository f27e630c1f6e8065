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
