import { describe, it, expect } from 'vitest';
import type { Json, JsonObject } from '../json.js';
import type { State } from '../definition/types.js';
import type { Diagnostic } from '../definition/diagnostics.js';
import { createRandom } from '../runtime/random.js';
import { compileJsonPathFlow } from './jsonpath-mode.js';
import type { StepEnv } from './pipeline.js';

/** A step env that counts how often the context object is asked for. */
function countingEnv(context: JsonObject): { env: StepEnv; reads: () => number } {
  let reads = 0;
  const env: StepEnv = {
    get context(): Json {
      reads++;
      return context;
    },
    variables: { get: (name) => (name === 'v' ? { found: true, value: 7 } : { found: false }) },
    random: createRandom('test'),
  };
  return { env, reads: () => reads };
}

function flowOf(state: Record<string, unknown>) {
  const diagnostics: Diagnostic[] = [];
  const flow = compileJsonPathFlow(state as unknown as State, '/States/S', diagnostics);
  expect(diagnostics).toEqual([]);
  return flow;
}

describe('JSONPath data flow: the context object', () => {
  it('is not asked for when no path reads $$ (Parameters, ResultPath, Choice)', () => {
    const pass = flowOf({
      Type: 'Pass',
      Parameters: { 'value.$': '$.id', 'v.$': '$v' },
      ResultPath: '$.out',
      End: true,
    });
    const { env, reads } = countingEnv({ State: { Name: 'S' } });
    const flowed = pass.input({ id: 3 }, env) as { effective: Json; taskInput: Json };
    expect(flowed.taskInput).toEqual({ value: 3, v: 7 });
    expect(pass.output({ id: 3 }, flowed.taskInput, env)).toEqual({
      output: { id: 3, out: { value: 3, v: 7 } },
      assigned: undefined,
    });
    const choice = flowOf({
      Type: 'Choice',
      Choices: [{ Variable: '$.id', NumericEquals: 3, Next: 'A' }],
      Default: 'B',
    });
    expect(choice.choose({ id: 3 }, env)).toBe(0);
    expect(reads()).toBe(0);
  });

  it('is read when a path does', () => {
    const pass = flowOf({ Type: 'Pass', Parameters: { 'name.$': '$$.State.Name', 'id.$': '$.id' }, End: true });
    const { env, reads } = countingEnv({ State: { Name: 'Shape' } });
    const flowed = pass.input({ id: 1 }, env) as { effective: Json; taskInput: Json };
    expect(flowed.taskInput).toEqual({ name: 'Shape', id: 1 });
    expect(reads()).toBeGreaterThan(0);
  });

  it('still reports a missing context path with AWS text', () => {
    const pass = flowOf({ Type: 'Pass', InputPath: '$$.Nope', End: true });
    const { env } = countingEnv({ State: { Name: 'S' } });
    expect(() => pass.input({ id: 1 }, env)).toThrow("Invalid path '$$.Nope' : No results for path: $$['Nope']");
  });
});

// A Task whose input is null (the previous state's `OutputPath: $.Payload` over a function that
// returned nothing) fails on AWS with this States.Runtime cause when its Parameters read `$`.
describe('JSONPath data flow: Parameters over a null state input', () => {
  const { env } = countingEnv({ State: { Name: 'S' } });

  it('fails a path into the input with AWS text', () => {
    const task = flowOf({ Type: 'Pass', Parameters: { 'Input.$': '$', Stage: 'start' }, End: true });
    expect(() => task.input(null, env)).toThrow('Unable to apply Path transformation to null or empty input.');
    const nested = flowOf({ Type: 'Pass', Parameters: { Payload: { 'id.$': '$.id' } }, End: true });
    expect(() => nested.input(null, env)).toThrow('Unable to apply Path transformation to null or empty input.');
  });

  it('keeps static fields, $$ and variable paths working, and other templates unchanged', async () => {
    const task = flowOf({ Type: 'Pass', Parameters: { 'name.$': '$$.State.Name', 'v.$': '$v', k: 1 }, End: true });
    expect((task.input(null, env) as { taskInput: Json }).taskInput).toEqual({ name: 'S', v: 7, k: 1 });
    const selector = flowOf({
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      ResultSelector: { 'r.$': '$' },
      End: true,
    });
    expect((await selector.output({}, null, env)).output).toEqual({ r: null });
  });
});
