/**
 * Choice rules. JSONPath: each rule is one comparison (`Variable` + exactly one operator) or one
 * of `And`/`Or`/`Not`, never both; `Variable` and `*Path` operands are paths; static timestamp
 * operands are RFC 3339. JSONata: each rule is a `Condition`. Only top-level rules have `Next`
 * (the schema enforces that). AWS's wording is recorded only for the timestamp check
 * ("String does not match RFC3339 timestamp", conformance validation__scenarios__wait_timestamp_*).
 * A literal operand that looks like a path gets a NO_PATH warning (`StringEquals: "$.x"`).
 */
import { isJsonObject } from '../../json.js';
import { isJsonataExpression } from '../../query/jsonata/expression.js';
import { parseTimestamp } from '../../query/timestamp.js';
import { DiagnosticCode } from '../diagnostics.js';
import { CHOICE_OPERATORS } from '../schema/choice-operators.js';
import { objectItems, type Fields, type RuleContext, type StateNode } from './context.js';
import { looksLikePath, noPathMessage } from './no-path.js';
import { pathProblem } from './paths.js';

const OPERATORS = new Set(CHOICE_OPERATORS);
/** Literal operators that have a `…Path` twin, so a path-like literal was likely meant as one. */
const HAS_PATH_TWIN = new Set(
  CHOICE_OPERATORS.filter((operator) => !operator.endsWith('Path') && OPERATORS.has(`${operator}Path`)),
);
const COMBINATORS = new Set(['And', 'Or', 'Not']);
const JSONPATH_ONLY = ['Variable', 'And', 'Or', 'Not', ...CHOICE_OPERATORS];

/** Reports malformed Choice rules of both query languages. */
export function checkChoiceRules(context: RuleContext): void {
  for (const state of context.states) {
    if (state.type !== 'Choice') continue;
    for (const [rule, i] of objectItems(state.fields, 'Choices')) {
      const pointer = `${state.pointer}/Choices/${i}`;
      if (state.queryLanguage === 'JSONata') checkJsonataRule(context, state, rule, pointer);
      else checkJsonPathRules(context, state, rule, pointer);
    }
  }
}

function checkJsonataRule(context: RuleContext, state: StateNode, rule: Fields, pointer: string): void {
  const report = (message: string, path = pointer) => context.report({ message, path, stateName: state.name });
  for (const field of JSONPATH_ONLY) {
    if (rule[field] !== undefined)
      report(
        `The QueryLanguage is set to 'JSONata', but field '${field}' is only supported for the 'JSONPath' QueryLanguage`,
      );
  }
  const condition = rule['Condition'];
  if (condition === undefined) report('These fields are required: [Condition]');
  else if (typeof condition === 'string' && !isJsonataExpression(condition)) {
    report("The value for the field 'Condition' must be a boolean or a JSONata expression", `${pointer}/Condition`);
  }
}

function checkJsonPathRules(context: RuleContext, state: StateNode, top: Fields, topPointer: string): void {
  const report = (message: string, path: string) => context.report({ message, path, stateName: state.name });
  for (const field of ['Condition', 'Output']) {
    if (top[field] !== undefined)
      report(
        `The QueryLanguage is set to 'JSONPath', but field '${field}' is only supported for the 'JSONata' QueryLanguage`,
        topPointer,
      );
  }
  // Iterative: And/Or/Not can nest arbitrarily deep.
  const pending: [Fields, string][] = [[top, topPointer]];
  while (pending.length > 0) {
    const [rule, pointer] = pending.pop()!;
    const keys = Object.keys(rule);
    const operators = keys.filter((key) => OPERATORS.has(key));
    const combinators = keys.filter((key) => COMBINATORS.has(key));
    const kinds = [...combinators, ...operators];
    if (kinds.length === 0) report('A Choice rule must have a comparison operator, or one of And, Or, Not', pointer);
    else if (kinds.length > 1)
      report(
        `A Choice rule must have exactly one comparison operator, or one of And, Or, Not; found: [${kinds.join(', ')}]`,
        pointer,
      );
    if (operators.length > 0 && rule['Variable'] === undefined)
      report('These fields are required: [Variable]', pointer);
    if (combinators.length > 0 && rule['Variable'] !== undefined)
      report("A Choice rule with And, Or or Not cannot have the field 'Variable'", pointer);
    if (typeof rule['Variable'] === 'string') {
      const problem = pathProblem(rule['Variable'], 'path');
      if (problem) report(`The value for the field 'Variable' ${problem}`, `${pointer}/Variable`);
    }
    for (const operator of operators) {
      const operand = rule[operator];
      checkOperand(report, operator, operand, `${pointer}/${operator}`);
      if (HAS_PATH_TWIN.has(operator) && looksLikePath(operand)) {
        context.report({
          code: DiagnosticCode.NoPath,
          severity: 'WARNING',
          message: noPathMessage(operator),
          path: `${pointer}/${operator}`,
          stateName: state.name,
        });
      }
    }
    for (const combinator of ['And', 'Or']) {
      for (const [nested, i] of objectItems(rule, combinator)) pending.push([nested, `${pointer}/${combinator}/${i}`]);
    }
    if (isJsonObject(rule['Not'])) pending.push([rule['Not'], `${pointer}/Not`]);
  }
}

function checkOperand(
  report: (message: string, path: string) => void,
  operator: string,
  operand: unknown,
  pointer: string,
): void {
  if (typeof operand !== 'string') return;
  if (operator.endsWith('Path')) {
    const problem = pathProblem(operand, 'reference');
    if (problem) report(`The value for the field '${operator}' ${problem}`, pointer);
  } else if (operator.startsWith('Timestamp') && parseTimestamp(operand) === undefined) {
    report('String does not match RFC3339 timestamp', pointer);
  }
}
