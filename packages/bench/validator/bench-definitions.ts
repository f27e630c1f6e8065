/**
 * The benchmark's inputs, generated deterministically: one large definition with every state
 * type, nested scopes, paths, intrinsics, Retry and Catch; and many small, all different.
 */
import type { JsonObject } from '@aslkit/core';

const LAMBDA = 'arn:aws:lambda:us-east-1:123456789012:function:worker';

/** A machine of exactly `total` states (nested ones included), valid for AWS and for both validators. */
export function largeDefinition(total = 500): JsonObject {
  const blocks: { name: string; make: (next: string) => JsonObject }[] = [];
  let made = 2; // Done and Failed, added last
  for (let b = 0; made < total; b++) {
    const id = `B${b}`;
    const room = total - made;
    const pattern = b % 6;
    if (pattern === 4 && room >= 7) {
      blocks.push({ name: `${id}_Parallel`, make: (next) => parallelState(id, next) });
      made += 7;
    } else if (pattern === 5 && room >= 4) {
      blocks.push({ name: `${id}_Map`, make: (next) => mapState(id, next) });
      made += 4;
    } else {
      if (pattern === 1) blocks.push({ name: `${id}_Task`, make: taskState });
      else if (pattern === 2) blocks.push({ name: `${id}_Choice`, make: choiceState });
      else if (pattern === 3)
        blocks.push({ name: `${id}_Wait`, make: (next) => ({ Type: 'Wait', Seconds: 1 + (b % 30), Next: next }) });
      else blocks.push({ name: `${id}_Pass`, make: (next) => passState(b, next) });
      made += 1;
    }
  }
  const states: JsonObject = {};
  blocks.forEach((block, i) => (states[block.name] = block.make(blocks[i + 1]?.name ?? 'Done')));
  states.Done = { Type: 'Succeed' };
  states.Failed = { Type: 'Fail', Error: 'Bench.Failed', Cause: 'a task failed' };
  return { Comment: `Generated: ${total} states`, StartAt: blocks[0]!.name, States: states };
}

function passState(block: number, next: string): JsonObject {
  return {
    Type: 'Pass',
    Parameters: {
      'id.$': '$.id',
      'label.$': "States.Format('item {} of {}', $.id, $.total)",
      'seq.$': 'States.ArrayRange(1, 5, 1)',
      block,
    },
    ResultPath: `$.p${block}`,
    Next: next,
  };
}

function taskState(next: string): JsonObject {
  return {
    Type: 'Task',
    Resource: LAMBDA,
    Parameters: { 'payload.$': '$.payload', 'token.$': '$$.Execution.Id' },
    ResultSelector: { 'body.$': '$.body' },
    ResultPath: '$.result',
    TimeoutSeconds: 30,
    Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1, MaxAttempts: 2, BackoffRate: 2 }],
    Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.error', Next: 'Failed' }],
    Next: next,
  };
}

function choiceState(next: string): JsonObject {
  return {
    Type: 'Choice',
    Choices: [
      { Variable: '$.count', NumericGreaterThan: 10, Next: next },
      { Variable: '$.kind', StringEquals: 'fast', Next: next },
      {
        And: [
          { Variable: '$.flag', IsPresent: true },
          { Variable: '$.flag', BooleanEquals: true },
        ],
        Next: next,
      },
    ],
    Default: next,
  };
}

/** A Parallel of two branches of three Pass states each (7 states). */
function parallelState(id: string, next: string): JsonObject {
  const branch = (b: number): JsonObject => ({
    StartAt: `${id}_b${b}_1`,
    States: {
      [`${id}_b${b}_1`]: { Type: 'Pass', Next: `${id}_b${b}_2` },
      [`${id}_b${b}_2`]: { Type: 'Pass', Parameters: { 'v.$': '$.value' }, Next: `${id}_b${b}_3` },
      [`${id}_b${b}_3`]: { Type: 'Pass', End: true },
    },
  });
  return { Type: 'Parallel', Branches: [branch(1), branch(2)], ResultPath: '$.parallel', Next: next };
}

/** An inline Map whose processor holds three states (4 states). */
function mapState(id: string, next: string): JsonObject {
  return {
    Type: 'Map',
    ItemsPath: '$.items',
    MaxConcurrency: 5,
    ItemSelector: { 'item.$': '$$.Map.Item.Value', 'index.$': '$$.Map.Item.Index' },
    ItemProcessor: {
      ProcessorConfig: { Mode: 'INLINE' },
      StartAt: `${id}_m1`,
      States: {
        [`${id}_m1`]: { Type: 'Pass', Next: `${id}_m2` },
        [`${id}_m2`]: { Type: 'Task', Resource: LAMBDA, Next: `${id}_m3` },
        [`${id}_m3`]: { Type: 'Succeed' },
      },
    },
    ResultPath: '$.mapped',
    Next: next,
  };
}

/**
 * `count` small definitions (2 to 4 states) in five shapes, with names and values that vary,
 * so that no two are equal. Every tenth has a broken `Next`, as a real batch would.
 */
export function smallDefinitions(count = 10_000): JsonObject[] {
  const definitions: JsonObject[] = [];
  for (let i = 0; i < count; i++) {
    const definition = smallDefinition(i);
    if (i % 10 === 9) breakFirstNext(definition);
    definitions.push(definition);
  }
  return definitions;
}

function smallDefinition(i: number): JsonObject {
  const n = (suffix: string): string => `Step${i}${suffix}`;
  switch (i % 5) {
    case 0:
      return {
        StartAt: n('A'),
        States: {
          [n('A')]: { Type: 'Pass', Result: { i }, ResultPath: '$.r', Next: n('B') },
          [n('B')]: { Type: 'Succeed' },
        },
      };
    case 1:
      return {
        StartAt: n('A'),
        States: {
          [n('A')]: {
            Type: 'Task',
            Resource: LAMBDA,
            Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: i % 4 }],
            Next: n('B'),
          },
          [n('B')]: {
            Type: 'Choice',
            Choices: [{ Variable: '$.n', NumericLessThan: i, Next: n('C') }],
            Default: n('D'),
          },
          [n('C')]: { Type: 'Succeed' },
          [n('D')]: { Type: 'Fail', Error: 'Small.Failed' },
        },
      };
    case 2:
      return {
        StartAt: n('A'),
        States: {
          [n('A')]: { Type: 'Wait', Seconds: i % 60, Next: n('B') },
          [n('B')]: { Type: 'Pass', Parameters: { 'v.$': '$.v', k: i }, End: true },
        },
      };
    case 3:
      return {
        StartAt: n('A'),
        States: {
          [n('A')]: {
            Type: 'Parallel',
            Branches: [{ StartAt: n('X'), States: { [n('X')]: { Type: 'Pass', End: true } } }],
            Next: n('B'),
          },
          [n('B')]: { Type: 'Succeed' },
        },
      };
    default:
      return {
        StartAt: n('A'),
        States: {
          [n('A')]: {
            Type: 'Map',
            ItemsPath: '$.items',
            ItemProcessor: { StartAt: n('X'), States: { [n('X')]: { Type: 'Pass', End: true } } },
            End: true,
          },
        },
      };
  }
}

function breakFirstNext(definition: JsonObject): void {
  const states = definition.States as JsonObject;
  const first = states[definition.StartAt as string] as JsonObject;
  if (typeof first.Next === 'string') first.Next = 'Nowhere';
  else definition.StartAt = 'Nowhere';
}
