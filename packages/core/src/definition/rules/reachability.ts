/**
 * Per scope: at least one terminal state exists (`MISSING_END_STATE`), every state can be
 * reached from `StartAt` (AWS: `MISSING_TRANSITION_TARGET: State "X" is not reachable.`), and,
 * as a warning of our own, every reachable state can still reach a terminal state.
 *
 * AWS-observed (floci-io/floci#2786): `MISSING_END_STATE` says "Workflow has no terminal state"
 * with no location, and when it fires AWS does not look for unreachable states.
 */
import { DiagnosticCode } from '../diagnostics.js';
import type { RuleContext, ScopeNode, StateNode } from './context.js';
import { transitionsOf } from './transitions.js';

const isTerminal = (state: StateNode): boolean =>
  state.type === 'Succeed' || state.type === 'Fail' || (state.type !== 'Choice' && state.fields['End'] === true);

/** Reports scopes with no terminal state, unreachable states, and states that can never finish. */
export function checkReachability(context: RuleContext): void {
  for (const scope of context.scopes) {
    if (scope.states.length > 0) checkScope(context, scope);
  }
}

function checkScope(context: RuleContext, scope: ScopeNode): void {
  if (!scope.states.some(isTerminal)) {
    context.report({ code: DiagnosticCode.MissingEndState, message: 'Workflow has no terminal state', path: '' });
    return;
  }
  const byName = new Map(scope.states.map((state) => [state.name, state]));
  if (typeof scope.startAt !== 'string' || !byName.has(scope.startAt)) return;

  const successors = new Map<string, string[]>();
  const predecessors = new Map<string, string[]>();
  let dangling = false;
  for (const state of scope.states) {
    const all = transitionsOf(state.fields, state.pointer, state.type).map((t) => t.target);
    const targets = all.filter((target) => byName.has(target));
    if (targets.length < all.length) dangling = true;
    successors.set(state.name, targets);
    for (const target of targets) {
      const list = predecessors.get(target);
      if (list) list.push(state.name);
      else predecessors.set(target, [state.name]);
    }
  }

  const reachable = closure([scope.startAt], successors);
  for (const state of scope.states) {
    if (!reachable.has(state.name)) {
      context.report({
        code: DiagnosticCode.MissingTransitionTarget,
        message: `State "${state.name}" is not reachable.`,
        path: state.pointer,
        stateName: state.name,
      });
    }
  }

  // A dangling target is already an error; "no path to the end" would only restate it.
  if (dangling) return;
  const canFinish = closure(
    scope.states.filter(isTerminal).map((s) => s.name),
    predecessors,
  );
  for (const state of scope.states) {
    if (reachable.has(state.name) && !canFinish.has(state.name)) {
      context.report({
        code: DiagnosticCode.NoTerminalPath,
        severity: 'WARNING',
        message: `State "${state.name}" has no path to a terminal state: once entered, the execution can never end.`,
        path: state.pointer,
        stateName: state.name,
      });
    }
  }
}

/** Every name reachable from `start` along `edges`, iteratively (no recursion on hostile graphs). */
function closure(start: string[], edges: Map<string, string[]>): Set<string> {
  const seen = new Set(start);
  const pending = [...start];
  while (pending.length > 0) {
    for (const next of edges.get(pending.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        pending.push(next);
      }
    }
  }
  return seen;
}
