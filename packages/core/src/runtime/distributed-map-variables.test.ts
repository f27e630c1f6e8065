/**
 * Variables and a distributed Map: each iteration is a child execution of its own, so its
 * states see none of the outer variables (AWS: "Distributed Map children cannot see outer
 * variables"), while the Map state's own fields still do (conformance
 * assign__reference_in_map_state-MAP_STATE_REFERENCE_IN_TOLERATED_FAILURE_PATH).
 */
import { describe, it, expect } from 'vitest';
import type { Json } from '../json.js';
import { StateMachine, type StartOptions } from './state-machine.js';

const START = { seed: 'dmap', startTime: '2024-01-01T00:00:00.000Z' } satisfies StartOptions;

const run = (definition: object, input: Json = {}) => StateMachine.from(definition).run(input, START);

/**
 * The run, and the first child's end: a child's failure fails the Map Run as a whole
 * (States.ExceedToleratedFailureThreshold), so the child's own error is read from `mapRuns`.
 */
async function runWithChild(definition: object, input: Json = {}) {
  const execution = StateMachine.from(definition).start(input, START);
  const result = await execution.result;
  return { result, child: execution.mapRuns[0]?.children[0] };
}

const processor = (mode: 'INLINE' | 'DISTRIBUTED', states: object, startAt = 'Inner') => ({
  ProcessorConfig: mode === 'DISTRIBUTED' ? { Mode: mode, ExecutionType: 'STANDARD' } : { Mode: mode },
  StartAt: startAt,
  States: states,
});

const jsonPathMachine = (mode: 'INLINE' | 'DISTRIBUTED') => ({
  StartAt: 'Init',
  States: {
    Init: { Type: 'Pass', Assign: { outer: 'visible' }, Result: [1, 2], Next: 'M' },
    M: {
      Type: 'Map',
      ItemProcessor: processor(mode, { Inner: { Type: 'Pass', Parameters: { 'v.$': '$outer' }, End: true } }),
      End: true,
    },
  },
});

describe('a distributed Map iteration', () => {
  it('cannot read an outer variable in JSONPath: States.Runtime, as for a name never assigned', async () => {
    const { result, child } = await runWithChild(jsonPathMachine('DISTRIBUTED'));
    expect(result.status).toBe('FAILED');
    expect(result.error).toBe('States.ExceedToleratedFailureThreshold');
    expect(child?.error).toBe('States.Runtime');
    expect(child?.cause).toContain("The JSONPath '$outer' specified for the field 'v.$' could not be found");
  });

  it('cannot read an outer variable in JSONata: States.QueryEvaluationError (undefined)', async () => {
    const { result, child } = await runWithChild({
      QueryLanguage: 'JSONata',
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { outer: 'visible' }, Output: [1], Next: 'M' },
        M: {
          Type: 'Map',
          ItemProcessor: processor('DISTRIBUTED', { Inner: { Type: 'Pass', Output: '{% $outer %}', End: true } }),
          End: true,
        },
      },
    });
    expect(result.status).toBe('FAILED');
    expect(child?.error).toBe('States.QueryEvaluationError');
    expect(child?.cause).toContain(
      "The JSONata expression '$outer' specified for the field 'Output' returned nothing (undefined).",
    );
  });

  it('still gets outer values through ItemSelector, which the Map state evaluates in the outer scope', async () => {
    const result = await run({
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { outer: 'visible' }, Result: [1, 2], Next: 'M' },
        M: {
          Type: 'Map',
          ItemSelector: { 'item.$': '$$.Map.Item.Value', 'outer.$': '$outer' },
          ItemProcessor: processor('DISTRIBUTED', { Inner: { Type: 'Pass', End: true } }),
          End: true,
        },
      },
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual([
      { item: 1, outer: 'visible' },
      { item: 2, outer: 'visible' },
    ]);
  });

  it('keeps its own assignments, per iteration, and leaks none to the outer scope', async () => {
    const result = await run({
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { outer: 'kept' }, Result: [1, 2], Next: 'M' },
        M: {
          Type: 'Map',
          ItemProcessor: processor(
            'DISTRIBUTED',
            {
              Set: { Type: 'Pass', Assign: { 'mine.$': '$', outer: 'inner copy' }, Next: 'Get' },
              Get: { Type: 'Pass', Parameters: { 'mine.$': '$mine', 'outer.$': '$outer' }, End: true },
            },
            'Set',
          ),
          Next: 'After',
        },
        After: { Type: 'Pass', Parameters: { 'outer.$': '$outer', 'items.$': '$' }, End: true },
      },
    });
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual({
      outer: 'kept',
      items: [
        { mine: 1, outer: 'inner copy' },
        { mine: 2, outer: 'inner copy' },
      ],
    });
  });

  it('applies to the legacy Iterator spelling too', async () => {
    const definition = jsonPathMachine('DISTRIBUTED') as { States: { M: Record<string, unknown> } };
    const map = definition.States.M;
    map['Iterator'] = map['ItemProcessor'];
    delete map['ItemProcessor'];
    const { child } = await runWithChild(definition);
    expect(child?.error).toBe('States.Runtime');
  });
});

describe('an inline Map iteration', () => {
  it('still reads outer variables', async () => {
    const result = await run(jsonPathMachine('INLINE'));
    expect(result.status).toBe('SUCCEEDED');
    expect(result.output).toEqual([{ v: 'visible' }, { v: 'visible' }]);
  });
});
