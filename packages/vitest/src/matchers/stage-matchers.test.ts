import { describe, expect, it } from 'vitest';
import { runMachine } from '../run-machine.js';
import { testStateOf } from '../test-state.js';
import { aslkitMatchers } from './index.js';
import '../matcher-types.js';

expect.extend(aslkitMatchers);

const definition = {
  StartAt: 'Price',
  States: {
    Price: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { 'n.$': '$.n' },
      ResultPath: '$.price',
      Next: 'Again',
    },
    Again: {
      Type: 'Choice',
      Choices: [{ Variable: '$.n', NumericLessThan: 2, Next: 'Bump' }],
      Default: 'Done',
    },
    Bump: { Type: 'Pass', Parameters: { 'n.$': 'States.MathAdd($.n, 1)' }, Next: 'Price' },
    Done: { Type: 'Succeed' },
  },
};
const tasks = { Price: (input: unknown) => ({ doubled: (input as { n: number }).n * 2 }) };

describe('toHaveStage', () => {
  it("matches a stage on the state's n-th visit", async () => {
    const run = await runMachine(definition, { input: { n: 1 }, tasks, inspect: true, coverage: false });
    expect(run).toSucceed();
    expect(run).toHaveStage('Price', 'afterParameters', { n: 2 }, { visit: 2 });
    expect(run).not.toHaveStage('Price', 'afterParameters', { n: 2 }, { visit: 1 });
    expect(run).toHaveStage('Price', 'result', { doubled: 2 });
  });

  it('says the run must inspect, and lists what each visit recorded', async () => {
    const plain = await runMachine(definition, { input: { n: 1 }, tasks, coverage: false });
    expect(() => expect(plain).toHaveStage('Price', 'result', {})).toThrow('start it with `inspect: true`');
    const run = await runMachine(definition, { input: { n: 1 }, tasks, inspect: true, coverage: false });
    expect(() => expect(run).toHaveStage('Price', 'result', { doubled: 9 })).toThrow(
      /visit 1, attempt 0:[\s\S]*"doubled": 2[\s\S]*visit 2, attempt 0:[\s\S]*"doubled": 4/,
    );
  });
});

describe('testStateOf', () => {
  it('takes values for the JSON-text fields and parses the answer', async () => {
    const answer = await testStateOf({
      definition,
      stateName: 'Price',
      input: { n: 3 },
      inspectionLevel: 'DEBUG',
      mock: { result: { StatusCode: 200, Payload: '6' } },
    });
    expect(answer.status).toBe('SUCCEEDED');
    expect(answer.nextState).toBe('Again');
    expect(answer.stages['afterParameters']).toEqual({ n: 3 });
    expect(answer.outputValue).toEqual({ n: 3, price: { StatusCode: 200, Payload: '6' } });
  });
});
