/**
 * The cross product of machines that pins how concurrent branches' events interleave: Map with
 * MaxConcurrency 0/1/3 over 1/7/45 items and Parallel with 1/7/45 branches, each running one of
 * several bodies (Task + Choice, Wait, Retry + Catch, nested Map, Fail caught outside, tolerated
 * failures, JSONata) against synchronous, asynchronous and mixed resolvers. Their history digests
 * (fixtures/concurrency/history-digests.json) were recorded before the run loop's refactoring.
 */
import { TaskError, type Json, type StartOptions, type TaskResolver } from '../../src/index.js';

export type Container = 'map' | 'parallel';
export type ResolverMode = 'sync' | 'async' | 'mixed';
export type Body = 'choice' | 'wait' | 'retry' | 'nested' | 'fail-catch' | 'tolerated' | 'jsonata';

export interface Configuration {
  name: string;
  definition: object;
  input: Json;
  options: StartOptions;
}

const FUNCTION = 'arn:aws:lambda:us-east-1:123456789012:function:work';
const SERVICE = 'arn:aws:states:::sqs:sendMessage';

/** The states every fiber runs after its input is `{ i }`; `Next` of the last one ends the scope. */
function bodyStates(body: Body, concurrency: number): { startAt: string; states: Record<string, object> } {
  switch (body) {
    case 'choice':
      return {
        startAt: 'T',
        states: {
          T: { Type: 'Task', Resource: FUNCTION, ResultPath: '$.r', Next: 'C' },
          C: {
            Type: 'Choice',
            Choices: [{ Variable: '$.r', NumericGreaterThanEquals: 3, Next: 'Big' }],
            Default: 'Small',
          },
          Big: { Type: 'Pass', Result: 'big', ResultPath: '$.size', Next: 'Tail' },
          Small: { Type: 'Pass', Result: 'small', ResultPath: '$.size', Next: 'Tail' },
          Tail: { Type: 'Pass', End: true },
        },
      };
    case 'wait':
      return {
        startAt: 'T',
        states: {
          T: { Type: 'Task', Resource: SERVICE, TimeoutSeconds: 30, ResultPath: '$.r', Next: 'W' },
          W: { Type: 'Wait', SecondsPath: '$.r', Next: 'After' },
          After: { Type: 'Pass', Parameters: { 'i.$': '$.i', 'waited.$': '$.r' }, End: true },
        },
      };
    case 'retry':
      return {
        startAt: 'T',
        states: {
          T: {
            Type: 'Task',
            Resource: SERVICE,
            HeartbeatSeconds: 60,
            ResultPath: '$.r',
            Retry: [{ ErrorEquals: ['Flaky'], MaxAttempts: 2, IntervalSeconds: 1, JitterStrategy: 'FULL' }],
            Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Recovered' }],
            Next: 'Done',
          },
          Recovered: { Type: 'Pass', Result: 'recovered', ResultPath: '$.r', Next: 'Done' },
          Done: { Type: 'Pass', End: true },
        },
      };
    case 'nested':
      return {
        startAt: 'Prepare',
        states: {
          Prepare: {
            Type: 'Pass',
            Parameters: { 'i.$': '$.i', 'inner.$': 'States.ArrayRange(0, 2, 1)' },
            Next: 'Inner',
          },
          Inner: {
            Type: 'Map',
            ItemsPath: '$.inner',
            MaxConcurrency: concurrency,
            ItemSelector: { 'i.$': '$.i', 'j.$': '$$.Map.Item.Value' },
            ItemProcessor: {
              StartAt: 'IT',
              States: {
                IT: { Type: 'Task', Resource: FUNCTION, ResultPath: '$.r', Next: 'IP' },
                IP: { Type: 'Pass', End: true },
              },
            },
            End: true,
          },
        },
      };
    case 'fail-catch':
    case 'tolerated':
      return {
        startAt: 'T',
        states: {
          T: { Type: 'Task', Resource: FUNCTION, ResultPath: '$.r', Next: 'C' },
          C: { Type: 'Choice', Choices: [{ Variable: '$.r', NumericEquals: 3, Next: 'Boom' }], Default: 'Fine' },
          Boom: { Type: 'Fail', Error: 'Boom', Cause: 'item failed' },
          Fine: { Type: 'Pass', End: true },
        },
      };
    case 'jsonata':
      return {
        startAt: 'T',
        states: {
          T: {
            Type: 'Task',
            Resource: FUNCTION,
            Arguments: { i: '{% $states.input.i %}' },
            Output: { i: '{% $states.input.i %}', r: '{% $states.result %}' },
            Next: 'C',
          },
          C: {
            Type: 'Choice',
            Choices: [{ Condition: '{% $states.input.r >= 3 %}', Next: 'Big' }],
            Default: 'Small',
          },
          Big: { Type: 'Pass', Output: { size: 'big', i: '{% $states.input.i %}' }, End: true },
          Small: { Type: 'Pass', Assign: { last: '{% $states.input.i %}' }, End: true },
        },
      };
  }
}

/** A scope whose fibers start from `{ i }`: Map items are `{ i }`; a Parallel branch seeds its own. */
function scope(body: Body, concurrency: number, seed?: number): object {
  const { startAt, states } = bodyStates(body, concurrency);
  if (seed === undefined) return { StartAt: startAt, States: states };
  const seeded = body === 'jsonata' ? { Output: { i: seed } } : { Result: { i: seed } };
  // State names are unique across a machine: branch k's states end in `-k`.
  return renamed(
    { StartAt: 'Seed', States: { Seed: { Type: 'Pass', ...seeded, Next: startAt }, ...states } },
    `-${seed}`,
  );
}

const NAME_FIELDS = new Set(['StartAt', 'Next', 'Default']);

/** A copy of `value` whose state names (keys of `States` and every reference to them) end in `suffix`. */
function renamed<T>(value: T, suffix: string): T {
  if (Array.isArray(value)) return value.map((entry: unknown) => renamed(entry, suffix)) as T;
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (NAME_FIELDS.has(key) && typeof entry === 'string') out[key] = entry + suffix;
    else if (key === 'States')
      out[key] = Object.fromEntries(Object.entries(entry as object).map(([n, s]) => [n + suffix, renamed(s, suffix)]));
    else out[key] = renamed(entry, suffix);
  }
  return out as T;
}

function definition(container: Container, body: Body, concurrency: number, count: number): object {
  const jsonata = body === 'jsonata';
  const caught = body === 'fail-catch' || body === 'tolerated';
  const inner =
    container === 'map'
      ? {
          Type: 'Map',
          ...(jsonata ? { Items: '{% $states.input.items %}' } : { ItemsPath: '$.items' }),
          MaxConcurrency: concurrency,
          ...(body === 'tolerated' ? { ToleratedFailureCount: 1 } : {}),
          ItemProcessor: scope(body, concurrency),
        }
      : {
          Type: 'Parallel',
          Branches: Array.from({ length: count }, (_, k) => scope(body, concurrency, k)),
        };
  return {
    ...(jsonata ? { QueryLanguage: 'JSONata' } : {}),
    StartAt: 'Head',
    States: {
      // A Task on the root fiber first: the root's synchronous path, then the concurrent one.
      Head: {
        Type: 'Task',
        Resource: FUNCTION,
        ...(jsonata ? { Output: '{% $states.input %}' } : { ResultPath: '$.head' }),
        Next: 'Fan',
      },
      Fan: {
        ...inner,
        ...(caught ? { Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Handled' }] } : {}),
        Next: 'End',
      },
      ...(caught ? { Handled: { Type: 'Pass', Result: 'handled', Next: 'End' } } : {}),
      End: { Type: 'Pass', End: true },
    },
  };
}

const indexOf = (input: Json): number => {
  const i = typeof input === 'object' && input !== null && !Array.isArray(input) ? input['i'] : undefined;
  return typeof i === 'number' ? i : 0;
};

/** r = (i * 7 + attempt) mod 5; `Flaky` for some items (once for i ≡ 1 mod 3, always for i ≡ 2 mod 4). */
function answer(input: Json, attempt: number, body: Body): Json {
  const i = indexOf(input);
  if (body === 'retry' && ((i % 3 === 1 && attempt < 1) || i % 4 === 2)) throw new TaskError('Flaky', `item ${i}`);
  return (i * 7 + attempt) % 5;
}

function resolver(mode: ResolverMode, body: Body): TaskResolver {
  if (mode === 'sync') return (input, context) => answer(input, context.attempt, body);
  if (mode === 'async')
    return async (input, context) => {
      await Promise.resolve();
      return answer(input, context.attempt, body);
    };
  return async (input, context) => {
    const i = indexOf(input);
    if (i % 3 === 0) return answer(input, context.attempt, body);
    // Real latency must never reorder a history: results are released in rounds, in call order.
    if (i % 4 === 3) await new Promise((resolve) => setTimeout(resolve, i % 2));
    if (i % 3 === 2) await context.clock.sleep((i % 5) * 100);
    return answer(input, context.attempt, body);
  };
}

const BODIES: readonly Body[] = ['choice', 'wait', 'retry', 'nested', 'fail-catch', 'tolerated', 'jsonata'];
const MODES: readonly ResolverMode[] = ['sync', 'async', 'mixed'];
const COUNTS = [1, 7, 45] as const;

/** Every configuration, named `container/cN/nN/mode/body` (c: MaxConcurrency, n: items or branches). */
export function configurations(): Configuration[] {
  const out: Configuration[] = [];
  for (const container of ['map', 'parallel'] as const)
    for (const concurrency of container === 'map' ? [0, 1, 3] : [0])
      for (const count of COUNTS)
        for (const mode of MODES)
          for (const body of BODIES) {
            if (container === 'parallel' && body === 'tolerated') continue;
            const items = Array.from({ length: count }, (_, i) => ({ i }));
            out.push({
              name: `${container}/c${concurrency}/n${count}/${mode}/${body}`,
              definition: definition(container, body, concurrency, count),
              input: { i: 0, items },
              options: { resolvers: { '*': resolver(mode, body) } },
            });
          }
  return out;
}
