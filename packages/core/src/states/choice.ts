/** Choice: the first rule that holds picks `Next`; else `Default`; else States.NoChoiceMatched. */
import type { ChoiceState } from '../definition/types.js';
import { ErrorName, StatesError } from '../errors/states-error.js';
import type { ExecutorResult, StateExecutor, StateRun } from '../runtime/run-state.js';
import type { OutcomeSource } from '../dataflow/pipeline.js';

/**
 * On the root fiber a rule set that evaluates synchronously (every JSONPath rule) decides at
 * once. Parallel branches and Map iterations keep the awaited path: its microtask turns decide
 * how their events interleave, and histories must not change.
 */
export const executeChoice: StateExecutor = (_input, run) => {
  if (run.fiber.concurrent) return chooseAsync(run);
  const index = run.state.flow.choose(run.effective, run.env);
  return typeof index === 'number' ? decide(index, run) : index.then((settled) => decide(settled, run));
};

async function chooseAsync(run: StateRun): Promise<ExecutorResult> {
  return decide(await run.state.flow.choose(run.effective, run.env), run);
}

/** One immutable `source` per rule index: a Choice in a loop need not allocate it every time. */
const RULE_SOURCES: OutcomeSource[] = [];
const ruleSource = (index: number): OutcomeSource =>
  (RULE_SOURCES[index] ??= Object.freeze({ kind: 'rule', index }) as OutcomeSource);

function decide(index: number, run: StateRun): ExecutorResult {
  const state = run.state.definition as ChoiceState;
  if (index >= 0) return { result: run.effective, next: state.Choices[index]!.Next, source: ruleSource(index) };
  if (state.Default !== undefined) return { result: run.effective, next: state.Default };
  // AWS's cause text for this error is not recorded anywhere we could find (docs/research/runtime-errors.md).
  throw new StatesError(ErrorName.NoChoiceMatched, 'No Matches!');
}
