import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { StateMachine } from './state-machine.js';
import { testState } from '../test-state/test-state.js';
import type { Json } from '../json.js';
import type { StateInspection } from './inspection.js';

const START = { seed: 'inspect', startTime: '2024-01-01T00:00:00.000Z' };

describe('inspect: true', () => {
  const machine = StateMachine.from({
    StartAt: 'Price',
    States: {
      Price: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { 'n.$': '$.n' },
        ResultSelector: { 'doubled.$': '$.value' },
        ResultPath: '$.price',
        Assign: { 'last.$': '$.doubled' },
        Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1 }],
        Next: 'Done',
      },
      Done: { Type: 'Succeed' },
    },
  });
  let calls = 0;
  const resolvers = {
    'arn:aws:states:::lambda:invoke': (input: Json) => {
      if (calls++ === 0) throw Object.assign(new Error('first'), { name: 'Flaky' });
      return { value: (input as { n: number }).n * 2 };
    },
  };

  it('records every attempt of every state, on the result and live', async () => {
    calls = 0;
    const execution = machine.start({ n: 4 }, { ...START, resolvers, inspect: true });
    const live: StateInspection[] = [];
    execution.subscribeInspections((inspection) => live.push(inspection));
    const result = await execution.result;
    expect(result.status).toBe('SUCCEEDED');
    expect(result.inspections).toEqual(live);
    expect(live.map((i) => [i.state, i.attempt, i.outcome])).toEqual([
      ['Price', 0, 'retried'],
      ['Price', 1, 'succeeded'],
      ['Done', 0, 'succeeded'],
    ]);
    expect(live[0]!.error).toMatchObject({ error: 'Flaky', afterStage: 'afterParameters' });
    expect(live[1]!.stages).toEqual({
      input: { n: 4 },
      afterInputPath: { n: 4 },
      afterParameters: { n: 4 },
      result: { value: 8 },
      afterResultSelector: { doubled: 8 },
      afterResultPath: { n: 4, price: { doubled: 8 } },
      output: { n: 4, price: { doubled: 8 } },
      variables: { last: 8 },
    });
  });

  it('records nothing and adds no field when off', async () => {
    calls = 1;
    const result = await machine.run({ n: 1 }, { ...START, resolvers });
    expect(result.status).toBe('SUCCEEDED');
    expect(result).not.toHaveProperty('inspections');
  });

  it("records each Map iteration's input after ItemSelector", async () => {
    const map = StateMachine.from({
      StartAt: 'M',
      States: {
        M: {
          Type: 'Map',
          ItemsPath: '$.items',
          ItemSelector: { 'v.$': '$$.Map.Item.Value', 'i.$': '$$.Map.Item.Index' },
          ItemProcessor: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    });
    const result = await map.run({ items: ['a', 'b'] }, { ...START, inspect: true });
    const outer = result.inspections!.find((i) => i.state === 'M')!;
    expect(outer.stages.afterItemsPath).toEqual(['a', 'b']);
    expect(outer.stages.afterItemSelector).toEqual([
      { v: 'a', i: 0 },
      { v: 'b', i: 1 },
    ]);
  });
});

/** Random JSONPath Pass and Task states over a fixed input: TestState's stages and a run's agree. */
describe('the stages each state type has', () => {
  const stagesOf = (result: { inspections?: StateInspection[] }) =>
    Object.fromEntries(result.inspections!.map((i) => [i.state, Object.keys(i.stages)]));

  it('keeps only the stages the type has a field for: no Parameters or ResultPath on a Choice, Wait or Succeed', async () => {
    const machine = StateMachine.from({
      StartAt: 'Pick',
      States: {
        Pick: { Type: 'Choice', Choices: [{ Variable: '$.a', NumericEquals: 1, Next: 'Hold' }], Default: 'Stop' },
        Hold: { Type: 'Wait', Seconds: 1, Next: 'Copy' },
        Copy: { Type: 'Pass', Next: 'Done' },
        Done: { Type: 'Succeed' },
        Stop: { Type: 'Fail', Error: 'E' },
      },
    });
    const one = await machine.run({ a: 1 }, { ...START, inspect: true });
    expect(stagesOf(one)).toEqual({
      Pick: ['input', 'afterInputPath', 'output'],
      Hold: ['input', 'afterInputPath', 'output'],
      Copy: [
        'input',
        'afterInputPath',
        'afterParameters',
        'result',
        'afterResultSelector',
        'afterResultPath',
        'output',
      ],
      Done: ['input', 'afterInputPath', 'output'],
    });
    const two = await machine.run({ a: 2 }, { ...START, inspect: true });
    expect(stagesOf(two)['Stop']).toEqual(['input', 'afterInputPath']);
  });

  it("still places an error after the last stage the pipeline passed (a Choice's rules, a JSONata Output)", async () => {
    const noMatch = await StateMachine.from({
      StartAt: 'Pick',
      States: {
        Pick: { Type: 'Choice', Choices: [{ Variable: '$.a', NumericEquals: 1, Next: 'Done' }] },
        Done: { Type: 'Succeed' },
      },
    }).run({ a: 2 }, { ...START, inspect: true });
    expect(noMatch.inspections![0]).toMatchObject({
      stages: { input: { a: 2 }, afterInputPath: { a: 2 } },
      error: { error: 'States.NoChoiceMatched', afterStage: 'afterParameters' },
    });
    expect(Object.keys(noMatch.inspections![0]!.stages)).toEqual(['input', 'afterInputPath']);
    const jsonata = await StateMachine.from({
      QueryLanguage: 'JSONata',
      StartAt: 'Shape',
      States: { Shape: { Type: 'Pass', Output: '{% $notAFunction() %}', End: true } },
    }).run({}, { ...START, inspect: true });
    expect(jsonata.inspections![0]).toMatchObject({ stages: { input: {} }, error: { afterStage: 'result' } });
    expect(Object.keys(jsonata.inspections![0]!.stages)).toEqual(['input']);
  });
});

describe('testState at DEBUG and the inspect stages of a one-state run', () => {
  const input = { a: { b: 1, c: [1, 2, 3] }, d: 'text', e: { f: { g: true } } };
  const paths = fc.constantFrom('$', '$.a', '$.e', '$.e.f', '$.a.c');
  const resultPaths = fc.constantFrom('$', '$.a', '$.out', '$.e.f.h');
  const template = fc.dictionary(fc.constantFrom('x', 'y', 'z'), fc.oneof(fc.constant(1), fc.constant('lit')), {
    maxKeys: 2,
  });
  const templateWithPaths = fc
    .tuple(template, fc.option(fc.constantFrom('$.a', '$.d', '$'), { nil: undefined }))
    .map(([t, p]) => (p === undefined ? t : { ...t, 'picked.$': p }));
  const state = fc.record(
    {
      Type: fc.constantFrom('Pass', 'Task'),
      InputPath: paths,
      Parameters: templateWithPaths,
      ResultSelector: templateWithPaths,
      ResultPath: resultPaths,
      OutputPath: fc.constant('$'),
    },
    { requiredKeys: ['Type'] },
  );
  const mockResult = { a: { b: 2 }, d: 'result' };

  it('agree on every stage TestState reports', async () => {
    await fc.assert(
      fc.asyncProperty(state, async (generated) => {
        const definition: Record<string, unknown> = { ...generated, End: true };
        if (generated.Type === 'Task') definition['Resource'] = 'arn:aws:states:::aws-sdk:unknown:call';
        else delete definition['ResultSelector']; // Pass has no ResultSelector.
        const answer = await testState(
          {
            definition,
            input: JSON.stringify(input),
            inspectionLevel: 'DEBUG',
            ...(generated.Type === 'Task' ? { mock: { result: JSON.stringify(mockResult) } } : {}),
          },
          START,
        );
        const machine = StateMachine.from({ StartAt: 'StateName', States: { StateName: definition } });
        const result = await machine.run(input, {
          ...START,
          inspect: true,
          resolvers: { 'arn:aws:states:::aws-sdk:unknown:call': () => mockResult },
        });
        const attempt = result.inspections![0]!;
        expect(answer.status === 'SUCCEEDED').toBe(result.status === 'SUCCEEDED');
        for (const [stage, text] of Object.entries(answer.inspectionData ?? {})) {
          expect([stage, attempt.stages[stage as keyof typeof attempt.stages]]).toEqual([
            stage,
            JSON.parse(text as string),
          ]);
        }
        if (answer.status === 'SUCCEEDED') expect(JSON.parse(answer.output!)).toEqual(result.output);
      }),
      { numRuns: 150 },
    );
  });
});

describe('a distributed Map with an ItemReader and an ItemBatcher', () => {
  const map = {
    Type: 'Map',
    ItemReader: {
      Resource: 'arn:aws:states:::s3:getObject',
      ReaderConfig: { InputType: 'JSON', ItemsPointer: '/data/rows' },
      Parameters: { Bucket: 'in', Key: 'rows.json' },
    },
    ItemSelector: { 'v.$': '$$.Map.Item.Value' },
    ItemBatcher: { MaxItemsPerBatch: 2, BatchInput: { 'run.$': '$.run' } },
    ItemProcessor: {
      ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
      StartAt: 'P',
      States: { P: { Type: 'Pass', End: true } },
    },
    End: true,
  };
  const source = { data: { rows: ['a', 'b', 'c'] } };
  const batches = [
    { BatchInput: { run: 7 }, Items: [{ v: 'a' }, { v: 'b' }] },
    { BatchInput: { run: 7 }, Items: [{ v: 'c' }] },
  ];

  it('records the items ItemsPointer picked and the batches, and the same history as without inspect', async () => {
    const machine = StateMachine.from({ StartAt: 'M', States: { M: map } });
    const options = { ...START, objectStore: { in: { 'rows.json': source } } };
    const inspected = await machine.run({ run: 7 }, { ...options, inspect: true });
    const plain = await machine.run({ run: 7 }, options);
    expect(inspected.status).toBe('SUCCEEDED');
    expect(JSON.stringify(inspected.history)).toBe(JSON.stringify(plain.history));
    const stages = inspected.inspections!.find((i) => i.state === 'M')!.stages;
    expect(stages.afterItemsPointer).toEqual(['a', 'b', 'c']);
    expect(stages.afterItemSelector).toEqual([{ v: 'a' }, { v: 'b' }, { v: 'c' }]);
    expect(stages.afterItemBatcher).toEqual(batches);
    expect(inspected.output).toEqual(batches);
  });

  it('is shown by testState: ItemsPointer over mapItemReaderData, then the batches', async () => {
    const answer = await testState(
      {
        definition: map,
        input: JSON.stringify({ run: 7 }),
        inspectionLevel: 'DEBUG',
        mock: { result: '[]' },
        stateConfiguration: { mapItemReaderData: JSON.stringify(source) },
      },
      START,
    );
    expect(answer.status).toBe('SUCCEEDED');
    const data = answer.inspectionData!;
    expect(JSON.parse(data.afterItemsPointer!)).toEqual(['a', 'b', 'c']);
    expect(JSON.parse(data.afterItemBatcher!)).toEqual(batches);
    expect(JSON.parse(data.afterItemSelector!)).toEqual([{ v: 'a' }, { v: 'b' }, { v: 'c' }]);
  });

  it('shows no batcher stage for a Map without one', async () => {
    const { ItemBatcher: _, ItemReader: __, ...inline } = map;
    const answer = await testState(
      {
        definition: { ...inline, ItemsPath: '$.list' },
        input: JSON.stringify({ list: [1] }),
        inspectionLevel: 'DEBUG',
        mock: { result: '[]' },
      },
      START,
    );
    expect(answer.inspectionData).not.toHaveProperty('afterItemBatcher');
    expect(answer.inspectionData).not.toHaveProperty('afterItemsPointer');
  });
});
