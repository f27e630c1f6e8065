/**
 * Which Choice rule (or the Default) sent a visit on. AWS records only the next state, so
 * when one rule leads there the answer is that rule; when several do, the rules are
 * evaluated again on the recorded input, with the variables visible on entry, exactly as the
 * engine evaluates them (the same compiled data flow). The viewer's fold and coverage both ask
 * here, so they name the same rule.
 *
 * JSONPath rules evaluate synchronously, so the answer is immediate; JSONata's evaluator is
 * asynchronous, so several JSONata rules leading to one state give a promise. Answers are kept
 * per state and recorded data: a later fold of the same history has them at once.
 */
import type { ChoiceState, QueryLanguage } from '../../definition/types.js';
import type { Diagnostic } from '../../definition/diagnostics.js';
import type { StateDataFlow, StepEnv } from '../../dataflow/pipeline.js';
import { compileDataFlow } from '../../dataflow/compile-data-flow.js';
import { type Json, type JsonObject, parseJson } from '../../json.js';
import type { PathLookup } from '../../query/jsonpath.js';
import { createRandom } from '../../runtime/random.js';
import type { VisitRecord } from './visit-record.js';

/** A rule index, `'default'`, or `undefined` when the visit did not leave through a rule. */
export type ChoiceTaken = number | 'default' | undefined;

/** What a Choice visit recorded: enough to evaluate its rules again. */
export interface ChoiceVisit {
  readonly state: ChoiceState;
  /** The machine's query language (the state's own `QueryLanguage` wins); absent: read from the rules. */
  readonly queryLanguage?: QueryLanguage;
  /** The state entered next. */
  readonly next: string;
  readonly stateName: string;
  /** The visit's input and the execution's, as recorded (JSON text). */
  readonly input: unknown;
  readonly executionInput?: unknown;
  readonly enteredTime: string;
  readonly startTime?: string;
  /** Variables visible on entry (JSON texts). */
  readonly variables?: Readonly<Record<string, string>>;
}

const flows = new WeakMap<object, StateDataFlow | null>();
const answers = new WeakMap<object, Map<string, ChoiceTaken | Promise<ChoiceTaken>>>();

/** The rule or Default a Choice visit took: at once when the rules tell, else once JSONata has evaluated them. */
export function choiceRule(visit: ChoiceVisit): ChoiceTaken | Promise<ChoiceTaken> {
  const { state, next } = visit;
  const rules = Array.isArray(state.Choices) ? state.Choices : [];
  const candidates: Exclude<ChoiceTaken, undefined>[] = [];
  rules.forEach((rule, i) => rule?.Next === next && candidates.push(i));
  if (state.Default === next) candidates.push('default');
  if (candidates.length <= 1) return candidates[0];

  let known = answers.get(state);
  if (!known) answers.set(state, (known = new Map<string, ChoiceTaken | Promise<ChoiceTaken>>()));
  const key = JSON.stringify([
    visit.input,
    visit.variables,
    visit.executionInput,
    visit.startTime,
    visit.stateName,
    visit.enteredTime,
  ]);
  const answer = known.get(key);
  if (answer !== undefined) return answer;
  const settle = (taken: ChoiceTaken): ChoiceTaken => {
    const settled = taken !== undefined && candidates.includes(taken) ? taken : candidates[0];
    known.set(key, settled);
    return settled;
  };
  let taken: ChoiceTaken | Promise<ChoiceTaken>;
  try {
    taken = evaluate(visit);
  } catch {
    // Rules that read what the history does not keep ($$.Map.Item, a task token) cannot be
    // evaluated again; the first candidate is the best remaining guess.
    return settle(undefined);
  }
  if (!(taken instanceof Promise)) return settle(taken);
  const pending = taken.then(settle, () => settle(undefined));
  known.set(key, pending);
  return pending;
}

function evaluate(visit: ChoiceVisit): ChoiceTaken | Promise<ChoiceTaken> {
  const { state } = visit;
  let flow = flows.get(state);
  if (flow === undefined) {
    const diagnostics: Diagnostic[] = [];
    const compiled = compileDataFlow(state, languageOf(visit), '', diagnostics);
    flow = diagnostics.some((d) => d.severity === 'ERROR') ? null : compiled;
    flows.set(state, flow);
  }
  if (flow === null) return undefined;
  const variables = visit.variables ?? {};
  const env: StepEnv = {
    context: contextOf(visit),
    variables: {
      get: (name: string): PathLookup =>
        Object.prototype.hasOwnProperty.call(variables, name)
          ? { found: true, value: parseJson(variables[name]!) }
          : { found: false },
    },
    random: createRandom(0),
  };
  const decide = (index: number): ChoiceTaken => (index >= 0 ? index : 'default');
  const choose = ({ effective }: { effective: Json }) => {
    const index = flow.choose(effective, env);
    return index instanceof Promise ? index.then(decide) : decide(index);
  };
  const input = flow.input(parseJson(String(visit.input)), env);
  return input instanceof Promise ? input.then(choose) : choose(input);
}

/** The state's own language, else the machine's; with neither known, JSONata rules are the ones with a `Condition`. */
function languageOf({ state, queryLanguage }: ChoiceVisit): QueryLanguage {
  if (state.QueryLanguage === 'JSONata' || state.QueryLanguage === 'JSONPath') return state.QueryLanguage;
  if (queryLanguage) return queryLanguage;
  const rules: unknown[] = Array.isArray(state.Choices) ? state.Choices : [];
  return rules.some((rule) => typeof rule === 'object' && rule !== null && 'Condition' in rule)
    ? 'JSONata'
    : 'JSONPath';
}

function contextOf(visit: ChoiceVisit): JsonObject {
  const Execution: JsonObject = {};
  if (typeof visit.executionInput === 'string') Execution['Input'] = parseJson(visit.executionInput);
  if (visit.startTime !== undefined) Execution['StartTime'] = visit.startTime;
  return { Execution, State: { Name: visit.stateName, EnteredTime: visit.enteredTime }, StateMachine: {} };
}

/** Where a Choice visit's rule is asked for: the execution's input and start, as recorded. */
interface RecordedExecution {
  readonly input?: unknown;
  readonly startedAt?: string;
}

/** The rules a history's Choice visits left through, set on the visits as they become known. */
export class ChoiceRules {
  private readonly pending: Promise<void>[] = [];

  /** `settledOne` hears of a visit whose rule had to wait for JSONata. */
  constructor(
    private readonly queryLanguage: QueryLanguage | undefined,
    private readonly settledOne: (record: VisitRecord) => void,
  ) {}

  /** Works out the rule `from` left through to `to`: at once, or once JSONata has evaluated its rules. */
  ask(from: VisitRecord, state: ChoiceState, to: VisitRecord, execution: RecordedExecution): void {
    const rule = choiceRule({
      state,
      queryLanguage: this.queryLanguage,
      next: to.name,
      stateName: from.name,
      input: from.input,
      executionInput: execution.input,
      enteredTime: from.enteredAt,
      startTime: execution.startedAt,
      variables: from.variables,
    });
    if (!(rule instanceof Promise)) {
      from.rule = rule;
      return;
    }
    from.rulePending = true;
    this.pending.push(
      rule.then((settled) => {
        from.rule = settled;
        from.rulePending = undefined;
        this.settledOne(from);
      }),
    );
  }

  /** Resolves once every rule that waited on JSONata is known. */
  async settled(): Promise<void> {
    while (this.pending.length > 0) await Promise.all(this.pending.splice(0));
  }
}
