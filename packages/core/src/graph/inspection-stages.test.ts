// The stage list of real inspecting runs: per state type, in both query languages, with the
// stage where an error arose.
import { describe, expect, it } from 'vitest';
import type { Json } from '../json.js';
import type { StateMachineDefinition } from '../definition/types.js';
import { StateMachine, type StartOptions } from '../runtime/state-machine.js';
import { inspectionStages, type InspectedStage } from './inspection-stages.js';

const START: StartOptions = { seed: 'stages', startTime: '2024-01-01T00:00:00.000Z', inspect: true };

/** Runs `definition` inspecting, and gives the stage list of `state`'s attempt `attempt`. */
async function stagesOf(
  definition: StateMachineDefinition,
  input: Json,
  state: string,
  options: StartOptions = {},
  attempt = 0,
) {
  const result = await StateMachine.from(definition).run(input, { ...START, ...options });
  const inspection = result.inspections!.find((i) => i.state === state && i.attempt === attempt)!;
  const found = findState(definition.States, state)!;
  return { result, stages: inspectionStages(inspection, found, definition.QueryLanguage) };
}

function findState(
  states: StateMachineDefinition['States'],
  name: string,
): StateMachineDefinition['States'][string] | undefined {
  for (const [key, state] of Object.entries(states)) {
    if (key === name) return state;
    const nested = [
      ...((state as { Branches?: { States: StateMachineDefinition['States'] }[] }).Branches ?? []),
      ...((state as { ItemProcessor?: { States: StateMachineDefinition['States'] } }).ItemProcessor
        ? [(state as { ItemProcessor: { States: StateMachineDefinition['States'] } }).ItemProcessor]
        : []),
    ];
    for (const scope of nested) {
      const inner = findState(scope.States, name);
      if (inner) return inner;
    }
  }
  return undefined;
}

const labels = (stages: InspectedStage[]) => stages.map((s) => s.label);
const summary = (stage: InspectedStage | undefined) => stage?.changed?.changes.map((c) => `${c.kind} ${c.path}`);

describe('inspectionStages, JSONPath', () => {
  const task: StateMachineDefinition = {
    StartAt: 'Price',
    States: {
      Price: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        InputPath: '$.order',
        Parameters: { 'n.$': '$.n', fixed: true },
        ResultSelector: { 'doubled.$': '$.value' },
        ResultPath: '$.price',
        OutputPath: '$.price',
        Assign: { 'last.$': '$.doubled' },
        End: true,
      },
    },
  };
  const resolvers = { 'arn:aws:states:::lambda:invoke': (input: Json) => ({ value: (input as { n: number }).n * 2 }) };

  it("lists a Task's stages with AWS's field names, values and what each changed", async () => {
    const { stages } = await stagesOf(task, { order: { n: 4 }, other: 1 }, 'Price', { resolvers });
    expect(labels(stages)).toEqual([
      'Input',
      'InputPath',
      'Parameters',
      'Task result',
      'ResultSelector',
      'ResultPath',
      'OutputPath',
      'Assign',
    ]);
    expect(stages.map((s) => s.value)).toEqual([
      { order: { n: 4 }, other: 1 },
      { n: 4 },
      { n: 4, fixed: true },
      { value: 8 },
      { doubled: 8 },
      // ResultPath writes into the state's raw input, not InputPath's selection.
      { order: { n: 4 }, other: 1, price: { doubled: 8 } },
      { doubled: 8 },
      { last: 8 },
    ]);
    expect(stages.every((s) => s.reached && s.error === undefined)).toBe(true);
    expect(stages[0]!.changed).toBeUndefined();
    expect(summary(stages[1])).toEqual(['removed $.order', 'removed $.other', 'added $.n']);
    expect(summary(stages[2])).toEqual(['added $.fixed']);
    expect(summary(stages[5])).toEqual(['removed $.doubled', 'added $.order', 'added $.other', 'added $.price']);
    expect(summary(stages[6])).toEqual(['removed $.order', 'removed $.other', 'removed $.price', 'added $.doubled']);
    // The variables are a side output, not a step of the data.
    expect(stages[7]!.changed).toBeUndefined();
  });

  it('marks a failing ResultPath: the stage has no value and carries the error', async () => {
    const definition: StateMachineDefinition = {
      StartAt: 'Store',
      States: { Store: { Type: 'Pass', Result: { ok: true }, ResultPath: '$.name.first', End: true } },
    };
    const { result, stages } = await stagesOf(definition, { name: 'Ada' }, 'Store');
    expect(result.status).toBe('FAILED');
    expect(labels(stages)).toEqual(['Input', 'InputPath', 'Parameters', 'Result', 'ResultPath']);
    const failed = stages.at(-1)!;
    expect(failed).toMatchObject({ name: 'afterResultPath', reached: false, error: { error: result.error } });
    expect(failed.value).toBeUndefined();
    expect(failed.error!.cause).toBe(result.cause);
    expect(stages.filter((s) => s.error)).toHaveLength(1);
  });

  it("marks the task itself for a task's error, attempt by attempt", async () => {
    let calls = 0;
    const flaky = {
      'arn:aws:states:::lambda:invoke': (input: Json) => {
        if (calls++ === 0) throw Object.assign(new Error('try again'), { name: 'Flaky' });
        return resolvers['arn:aws:states:::lambda:invoke'](input);
      },
    };
    const retried: StateMachineDefinition = {
      ...task,
      States: { Price: { ...task.States['Price']!, Retry: [{ ErrorEquals: ['Flaky'] }] } as never },
    };
    const first = await stagesOf(retried, { order: { n: 1 } }, 'Price', { resolvers: flaky });
    expect(labels(first.stages)).toEqual(['Input', 'InputPath', 'Parameters', 'Task result']);
    expect(first.stages.at(-1)).toMatchObject({
      reached: false,
      error: { error: 'Flaky', cause: expect.stringContaining('try again') as string },
    });
    calls = 0;
    const second = await stagesOf(retried, { order: { n: 1 } }, 'Price', { resolvers: flaky }, 1);
    expect(second.stages.every((s) => s.error === undefined)).toBe(true);
  });

  it("lists a Map's items and each iteration's input, and only InputPath and OutputPath for a Choice", async () => {
    const definition: StateMachineDefinition = {
      StartAt: 'Route',
      States: {
        Route: {
          Type: 'Choice',
          Choices: [{ Variable: '$.go', BooleanEquals: true, Next: 'Each' }],
          OutputPath: '$.list',
        },
        Each: {
          Type: 'Map',
          ItemSelector: { 'v.$': '$$.Map.Item.Value' },
          ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          ResultSelector: { 'count.$': 'States.ArrayLength($)' },
          End: true,
        },
      },
    };
    const route = await stagesOf(definition, { go: true, list: ['a', 'b'] }, 'Route');
    expect(labels(route.stages)).toEqual(['Input', 'InputPath', 'OutputPath']);
    expect(summary(route.stages[2])).toEqual(['changed $']);
    const map = await stagesOf(definition, { go: true, list: ['a', 'b'] }, 'Each');
    expect(labels(map.stages)).toEqual([
      'Input',
      'InputPath',
      'ItemsPath',
      'ItemSelector',
      'Iteration results',
      'ResultSelector',
      'ResultPath',
      'OutputPath',
    ]);
    expect(map.stages[3]).toMatchObject({ value: [{ v: 'a' }, { v: 'b' }] });
    expect(summary(map.stages[3])).toEqual(['changed $[0]', 'changed $[1]']);
    expect(map.stages[5]).toMatchObject({ value: { count: 2 } });
  });

  it('marks the rules of a Choice that matches nothing, and a Fail state itself', async () => {
    const definition: StateMachineDefinition = {
      StartAt: 'Route',
      States: {
        Route: { Type: 'Choice', Choices: [{ Variable: '$.go', BooleanEquals: true, Next: 'Stop' }] },
        Stop: { Type: 'Fail', Error: 'Stopped', Cause: 'on purpose' },
      },
    };
    const nothing = await stagesOf(definition, { go: false }, 'Route');
    expect(labels(nothing.stages)).toEqual(['Input', 'InputPath', 'Choice rules']);
    expect(nothing.stages.at(-1)!.error).toEqual({ error: 'States.NoChoiceMatched', cause: nothing.result.cause });
    const fail = await stagesOf(definition, { go: true }, 'Stop');
    expect(fail.stages.map((s) => [s.label, s.reached, s.error?.error])).toEqual([
      ['Input', true, undefined],
      ['Fail', false, 'Stopped'],
    ]);
  });
});

describe('inspectionStages, JSONata', () => {
  it("lists a Task's Arguments, result, Output and Assign", async () => {
    const definition: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Price',
      States: {
        Price: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          Arguments: { n: '{% $states.input.n %}' },
          Output: { total: '{% $states.result.value %}' },
          Assign: { seen: '{% $states.result.value %}' },
          End: true,
        },
      },
    };
    const { stages } = await stagesOf(definition, { n: 3 }, 'Price', {
      resolvers: { 'arn:aws:states:::lambda:invoke': (input: Json) => ({ value: (input as { n: number }).n + 1 }) },
    });
    expect(stages.map((s) => [s.label, s.value])).toEqual([
      ['Input', { n: 3 }],
      ['Arguments', { n: 3 }],
      ['Task result', { value: 4 }],
      ['Output', { total: 4 }],
      ['Assign', { seen: 4 }],
    ]);
    expect(summary(stages[1])).toEqual([]);
    expect(summary(stages[3])).toEqual(['removed $.value', 'added $.total']);
  });

  it('records Items and leaves the history of concurrent branches as it is without inspection', async () => {
    const map = (name: string) => ({
      StartAt: name,
      States: {
        [name]: {
          Type: 'Map',
          Items: '{% $states.input.list %}',
          ItemProcessor: { StartAt: `${name}Item`, States: { [`${name}Item`]: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    });
    // A branch of JSONata Pass states beside the Maps, so that evaluations of both interleave.
    const steps = ['S1', 'S2', 'S3', 'S4', 'S5', 'S6'];
    const chain = {
      StartAt: 'S1',
      States: Object.fromEntries(
        steps.map((name, i) => [
          name,
          { Type: 'Pass', Output: '{% $states.input %}', ...(steps[i + 1] ? { Next: steps[i + 1] } : { End: true }) },
        ]),
      ),
    };
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Both',
      States: { Both: { Type: 'Parallel', Branches: [map('Left'), map('Right'), chain], End: true } },
    } as StateMachineDefinition;
    const machine = StateMachine.from(definition);
    const input = { list: [1, 2, 3] };
    const plain = await machine.run(input, { ...START, inspect: false });
    const inspected = await machine.run(input, START);
    expect(JSON.stringify(inspected.history)).toBe(JSON.stringify(plain.history));
    expect(inspected.inspections!.find((i) => i.state === 'Left')!.stages.afterItemsPath).toEqual([1, 2, 3]);
  });

  it("lists a Map's Items and ItemSelector, and marks an Output that fails", async () => {
    const definition: StateMachineDefinition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          Items: '{% $states.input.list %}',
          ItemSelector: { v: '{% $states.context.Map.Item.Value %}' },
          ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          Next: 'Broken',
        },
        Broken: { Type: 'Pass', Output: '{% $undefinedFunction() %}', End: true },
      },
    };
    const map = await stagesOf(definition, { list: [1, 2] }, 'Each');
    expect(labels(map.stages)).toEqual(['Input', 'Items', 'ItemSelector', 'Iteration results', 'Output']);
    expect(map.stages[1]!.value).toEqual([1, 2]);
    const broken = await stagesOf(definition, { list: [1] }, 'Broken');
    expect(broken.result.status).toBe('FAILED');
    expect(labels(broken.stages)).toEqual(['Input', 'Output']);
    expect(broken.stages[1]).toMatchObject({ reached: false, error: { error: broken.result.error } });
  });
});

describe('inspectionStages, an Assign that fails', () => {
  // Without a stage of its own, a JSONPath Assign failure used to mark ResultPath and a JSONata one Output.
  const cases: [string, StateMachineDefinition, string[]][] = [
    [
      'JSONPath',
      {
        StartAt: 'Keep',
        States: { Keep: { Type: 'Pass', Assign: { 'x.$': '$.missing' }, End: true } },
      },
      ['Input', 'InputPath', 'Parameters', 'Assign'],
    ],
    [
      'JSONata',
      {
        QueryLanguage: 'JSONata',
        StartAt: 'Keep',
        States: { Keep: { Type: 'Pass', Assign: { x: '{% $undefinedFunction() %}' }, End: true } },
      },
      ['Input', 'Assign'],
    ],
  ];

  it.each(cases)(
    'marks Assign in %s, and the history is the one a run without inspection makes',
    async (_, definition, expected) => {
      const { result, stages } = await stagesOf(definition, { a: 1 }, 'Keep');
      expect(result.status).toBe('FAILED');
      expect(labels(stages)).toEqual(expected);
      expect(stages.filter((s) => s.error)).toEqual([
        expect.objectContaining({
          name: 'variables',
          reached: false,
          error: { error: result.error, cause: result.cause },
        }),
      ]);
      const plain = await StateMachine.from(definition).run({ a: 1 }, { ...START, inspect: false });
      expect(JSON.stringify(result.history)).toBe(JSON.stringify(plain.history));
    },
  );

  it('still marks ResultPath when Assign succeeded and ResultPath fails', async () => {
    const definition: StateMachineDefinition = {
      StartAt: 'Store',
      States: {
        Store: { Type: 'Pass', Result: 1, Assign: { 'x.$': '$' }, ResultPath: '$.name.first', End: true },
      },
    };
    const { stages } = await stagesOf(definition, { name: 'Ada' }, 'Store');
    expect(stages.filter((s) => s.error).map((s) => s.name)).toEqual(['afterResultPath']);
  });
});

describe('inspectionStages, a distributed Map', () => {
  it('lists ItemsPointer and ItemBatcher between the items and the iteration results', async () => {
    const definition: StateMachineDefinition = {
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemReader: {
            Resource: 'arn:aws:states:::s3:getObject',
            ReaderConfig: { InputType: 'JSON', ItemsPointer: '/rows' },
            Parameters: { Bucket: 'in', Key: 'rows.json' },
          },
          ItemBatcher: { MaxItemsPerBatch: 2 },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'EXPRESS' },
            StartAt: 'P',
            States: { P: { Type: 'Pass', End: true } },
          },
          End: true,
        },
      },
    };
    const objectStore = { in: { 'rows.json': { rows: [1, 2, 3] } } };
    const { stages } = await stagesOf(definition, {}, 'Each', { objectStore });
    expect(labels(stages)).toEqual([
      'Input',
      'InputPath',
      'ItemsPointer',
      'ItemSelector',
      'ItemBatcher',
      'Iteration results',
      'ResultSelector',
      'ResultPath',
      'OutputPath',
    ]);
    expect(stages.find((s) => s.name === 'afterItemBatcher')!.value).toEqual([{ Items: [1, 2] }, { Items: [3] }]);
  });
});
