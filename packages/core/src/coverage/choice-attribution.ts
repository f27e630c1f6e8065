/**
 * Which Choice rule (or the Default) sent a visit on. AWS records only the next state, so
 * when one rule leads there the answer is that rule; when several do, the rules are
 * evaluated again on the recorded input, with the variables visible on entry, exactly as the
 * engine evaluates them (the same compiled data flow).
 */
import type { ChoiceState, QueryLanguage } from '../definition/types.js';
import type { Diagnostic } from '../definition/diagnostics.js';
import type { StateDataFlow, StepEnv } from '../dataflow/pipeline.js';
import { compileDataFlow } from '../dataflow/compile-data-flow.js';
import type { Json, JsonObject } from '../json.js';
import type { PathLookup } from '../query/jsonpath.js';
import { createRandom } from '../runtime/random.js';
import type { ExecutionTrace, StateVisit } from './trace.js';

/** A rule index, `'default'`, or `undefined` when the visit did not leave through a rule. */
export type ChoiceTaken = number | 'default' | undefined;

const flows = new WeakMap<object, StateDataFlow | null>();

/** The rule or Default a Choice visit took. */
export async function attributeChoice(
  state: ChoiceState,
  visit: StateVisit,
  trace: ExecutionTrace,
  queryLanguage: QueryLanguage,
): Promise<ChoiceTaken> {
  const next = visit.next;
  if (next === undefined) return undefined;
  const rules = Array.isArray(state.Choices) ? state.Choices : [];
  const candidates: Exclude<ChoiceTaken, undefined>[] = [];
  rules.forEach((rule, i) => rule?.Next === next && candidates.push(i));
  if (state.Default === next) candidates.push('default');
  if (candidates.length <= 1) return candidates[0];
  try {
    const taken = await evaluate(state, visit, trace, state.QueryLanguage ?? queryLanguage);
    if (taken !== undefined && candidates.includes(taken)) return taken;
  } catch {
    // Rules that read what the history does not keep ($$.Map.Item, a task token) cannot be
    // evaluated again; the first candidate is the best remaining guess.
  }
  return candidates[0];
}

async function evaluate(
  state: ChoiceState,
  visit: StateVisit,
  trace: ExecutionTrace,
  queryLanguage: QueryLanguage,
): Promise<ChoiceTaken> {
  let flow = flows.get(state);
  if (flow === undefined) {
    const diagnostics: Diagnostic[] = [];
    const compiled = compileDataFlow(state, queryLanguage, '', diagnostics);
    flow = diagnostics.some((d) => d.severity === 'ERROR') ? null : compiled;
    flows.set(state, flow);
  }
  if (flow === null) return undefined;
  const variables = visit.variables ?? {};
  const env: StepEnv = {
    context: contextFor(visit, trace),
    variables: {
      get: (name: string): PathLookup =>
        Object.prototype.hasOwnProperty.call(variables, name)
          ? { found: true, value: JSON.parse(variables[name]!) as Json }
          : { found: false },
    },
    random: createRandom(0),
  };
  const { effective } = await flow.input(JSON.parse(visit.input) as Json, env);
  const index = await flow.choose(effective, env);
  return index >= 0 ? index : 'default';
}

function contextFor(visit: StateVisit, trace: ExecutionTrace): JsonObject {
  const Execution: JsonObject = {};
  if (trace.input !== undefined) Execution['Input'] = JSON.parse(trace.input) as Json;
  if (trace.startTime !== undefined) Execution['StartTime'] = trace.startTime;
  return { Execution, State: { Name: visit.name, EnteredTime: visit.enteredTime }, StateMachine: {} };
}
