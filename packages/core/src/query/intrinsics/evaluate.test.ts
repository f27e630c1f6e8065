import { describe, it, expect } from 'vitest';
import type { Json } from '../../json.js';
import { StatesError } from '../../errors/states-error.js';
import { createRandom } from '../../runtime/random.js';
import type { PathData } from '../jsonpath.js';
import { evaluateIntrinsic } from './evaluate.js';
import { parseIntrinsic } from './parse.js';

const data = (input: Json, context: Json = {}, variables: Record<string, Json> = {}): PathData => ({
  input,
  context,
  variables: { get: (name) => (name in variables ? { found: true, value: variables[name]! } : { found: false }) },
});
const run = (text: string, pathData: PathData = data({})): Json =>
  evaluateIntrinsic(parseIntrinsic(text), { data: pathData, random: createRandom('evaluate') });
const failure = (text: string, pathData: PathData = data({})): StatesError => {
  try {
    run(text, pathData);
  } catch (error) {
    if (error instanceof StatesError) return error;
    throw error;
  }
  throw new Error(`no failure for ${text}`);
};

describe('evaluateIntrinsic: arguments', () => {
  it('reads input, context and variable paths', () => {
    const pathData = data({ a: 1 }, { Execution: { Name: 'run-1' } }, { greeting: 'hi' });
    expect(run('States.Array($.a, $$.Execution.Name, $greeting, $)', pathData)).toEqual([1, 'run-1', 'hi', { a: 1 }]);
  });

  it('passes nested call results as arguments', () => {
    expect(
      run(
        "States.ArrayGetItem(States.StringSplit('a-b-c', '-'), States.MathAdd(States.ArrayLength(States.Array(1, 2)), -1))",
      ),
    ).toBe('b');
  });

  it('treats a present null as a value and an indefinite path with no match as []', () => {
    expect(run("States.Format('{}', $.nul)", data({ nul: null }))).toBe('null');
    expect(run('States.ArrayLength($.items[*].nope)', data({ items: [1, 2] }))).toBe(0);
  });
});

describe('evaluateIntrinsic: failures (AWS causes captured in us-east-1)', () => {
  it('reports a missing path argument with the whole expression, as written', () => {
    const error = failure("States.Format('{}',$.nope)", data({ other: 1 }));
    expect(error.error).toBe('States.Runtime');
    expect(error.causeText).toBe(
      "The function 'States.Format('{}',$.nope)' had the following error: " +
        "The JsonPath argument for the field '$.nope' could not be found in the input '{\"other\":1}'",
    );
  });

  it('names the outer expression when a nested call fails', () => {
    expect(failure("States.Format('{}', States.Format('{}', $.nope))", data({ other: 1 })).causeText).toBe(
      "The function 'States.Format('{}', States.Format('{}', $.nope))' had the following error: " +
        "The JsonPath argument for the field '$.nope' could not be found in the input '{\"other\":1}'",
    );
  });

  it('treats an index past the end, or into a non-array, as a missing argument', () => {
    expect(failure("States.Format('{}', $.items[5])", data({ items: [1, 2] })).causeText).toContain(
      "The JsonPath argument for the field '$.items[5]' could not be found in the input '{\"items\":[1,2]}'",
    );
    expect(failure("States.Format('{}', $.other[0])", data({ other: 1 })).causeText).toContain("field '$.other[0]'");
  });

  it('names a missing $$ argument as $ and quotes the state input', () => {
    expect(
      failure("States.Format('{}', $$.Nope.Deep)", data({ other: 1 }, { State: { Name: 'P' } })).causeText,
    ).toContain("The JsonPath argument for the field '$.Nope.Deep' could not be found in the input '{\"other\":1}'");
  });

  it('reports a missing variable', () => {
    expect(failure('States.Array($missing)').causeText).toContain("field '$missing' could not be found");
  });

  it('fails a wrong argument count at run time with AWS\'s "Invalid arguments"', () => {
    expect(failure("States.Hash('hello')").causeText).toBe(
      "The function 'States.Hash('hello')' had the following error: Invalid arguments in States.Hash",
    );
    expect(failure('States.UUID(1)').causeText).toContain('Invalid arguments in States.UUID');
    expect(failure('States.Array(States.ArrayLength())').causeText).toBe(
      "The function 'States.Array(States.ArrayLength())' had the following error: Invalid arguments in States.ArrayLength",
    );
  });

  it('fails a call object naming an unknown function instead of crashing', () => {
    const call = { name: 'States.Nope', args: [], source: 'States.Nope()' };
    expect(() => evaluateIntrinsic(call, { data: data({}), random: createRandom(1) })).toThrow(StatesError);
  });

  it('turns a value too deep for the JS stack into a States.Runtime failure', () => {
    let deep: Json = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const error = failure('States.JsonToString($.deep)', data({ deep }));
    expect(error.causeText).toBe(
      "The function 'States.JsonToString($.deep)' had the following error: Invalid arguments in States.JsonToString",
    );
  });

  it('quotes the input in Java number form inside the message', () => {
    expect(failure('States.Array($.x)', data({ n: 0.0001 })).causeText).toContain(`'{"n":1.0E-4}'`);
  });
});
