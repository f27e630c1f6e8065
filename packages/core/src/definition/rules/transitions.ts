/**
 * Every `StartAt`, `Next`, `Default`, Choice rule `Next` and Catch `Next` names a state of the
 * same scope: a branch cannot jump out to its parent, nor the parent into a branch.
 * AWS says `Missing 'Next' target: X` for every one of these fields, `StartAt` and `Default`
 * included (floci-io/floci#2786, measured; localstack/localstack#12487).
 */
import { DiagnosticCode } from '../diagnostics.js';
import { objectItems, type RuleContext, type ScopeNode } from './context.js';

/** Each transition of a state: the target (when a string) and the pointer of the field. */
export function transitionsOf(
  fields: Record<string, unknown>,
  pointer: string,
  type: string | undefined,
): { target: string; at: string }[] {
  const found: { target: string; at: string }[] = [];
  const add = (value: unknown, at: string) => {
    if (typeof value === 'string') found.push({ target: value, at });
  };
  // Choice, Succeed and Fail cannot have `Next`; the schema reports one that is there.
  if (type !== 'Choice' && type !== 'Succeed' && type !== 'Fail') add(fields['Next'], `${pointer}/Next`);
  if (type === 'Choice') {
    for (const [rule, i] of objectItems(fields, 'Choices')) add(rule['Next'], `${pointer}/Choices/${i}/Next`);
    add(fields['Default'], `${pointer}/Default`);
  }
  for (const [catcher, i] of objectItems(fields, 'Catch')) add(catcher['Next'], `${pointer}/Catch/${i}/Next`);
  return found;
}

/** Reports transitions to states that do not exist in the same scope. */
export function checkTransitionTargets(context: RuleContext): void {
  for (const scope of context.scopes) checkScope(context, scope);
}

function checkScope(context: RuleContext, scope: ScopeNode): void {
  // Without states the schema has already said what is wrong; a missing StartAt target would only repeat it.
  if (scope.states.length === 0) return;
  const names = new Set(scope.states.map((state) => state.name));
  const missing = (target: string, at: string, stateName?: string) =>
    context.report({
      code: DiagnosticCode.MissingTransitionTarget,
      message: `Missing 'Next' target: ${target}`,
      path: at,
      ...(stateName === undefined ? {} : { stateName }),
    });
  if (typeof scope.startAt === 'string' && !names.has(scope.startAt))
    missing(scope.startAt, `${scope.pointer}/StartAt`);
  for (const state of scope.states) {
    for (const { target, at } of transitionsOf(state.fields, state.pointer, state.type)) {
      if (!names.has(target)) missing(target, at, state.name);
    }
  }
}
