/**
 * JSONPath payload templates (Parameters, ResultSelector, ItemSelector, Credentials, Assign,
 * the ItemReader/ResultWriter Parameters, Catch and Choice-rule Assign): every `key.$` holds a
 * path or an intrinsic call. AWS-observed wording and location (the object holding the key):
 * "The value for the field 'parsed.$' must be a valid JSONPath or a valid intrinsic function call"
 * at /States/IntrinsicEscape/Parameters (conformance validation__scenarios__illegal_escapes-*).
 *
 * Warnings: a plain key whose string looks like a path or a call (`NO_DOLLAR`: it will be taken
 * literally), a call with the wrong number of arguments (AWS fails it only at run time), and a
 * Pass `Result` with `.$` keys, which Result never evaluates (`PASS_RESULT_IS_STATIC`).
 */
import { isJsonObject, type Json } from '../../json.js';
import { compilePath } from '../../query/jsonpath.js';
import { DiagnosticCode, pointerSegment } from '../diagnostics.js';
import { intrinsicArityProblem, isIntrinsicCallValid, looksLikeIntrinsicCall } from './intrinsic-call.js';
import { objectItems, type Fields, type RuleContext, type StateNode } from './context.js';
import { looksLikePath } from './no-path.js';

const STATE_TEMPLATES = ['Parameters', 'ResultSelector', 'ItemSelector', 'Credentials', 'Assign'];

/** Strings that can only have been meant as a path or a call. */
const looksDynamic = (text: string): boolean => looksLikePath(text) || looksLikeIntrinsicCall(text);

/** Reports `.$` fields that hold neither a path nor a call, and warns about likely mistakes. */
export function checkPayloadTemplates(context: RuleContext): void {
  for (const state of context.states) {
    if (state.queryLanguage !== 'JSONPath') continue;
    const templates: [Json, string][] = [];
    for (const field of STATE_TEMPLATES) {
      if (state.fields[field] !== undefined) templates.push([state.fields[field] as Json, `${state.pointer}/${field}`]);
    }
    for (const owner of ['ItemReader', 'ResultWriter']) {
      const nested = state.fields[owner];
      if (isJsonObject(nested) && (nested as Fields)['Parameters'] !== undefined) {
        templates.push([(nested as Fields)['Parameters'] as Json, `${state.pointer}/${owner}/Parameters`]);
      }
    }
    for (const list of ['Catch', 'Choices']) {
      for (const [item, i] of objectItems(state.fields, list)) {
        if (item['Assign'] !== undefined)
          templates.push([item['Assign'] as Json, `${state.pointer}/${list}/${i}/Assign`]);
      }
    }
    for (const [template, pointer] of templates) checkTemplate(context, state, template, pointer);
    if (state.type === 'Pass' && hasDynamicKey(state.fields['Result'] as Json)) {
      context.report({
        code: DiagnosticCode.PassResultIsStatic,
        severity: 'WARNING',
        message:
          "The 'Result' field is static: its keys ending in '.$' are not evaluated. Use 'Parameters' to select values.",
        path: `${state.pointer}/Result`,
        stateName: state.name,
      });
    }
  }
}

function checkTemplate(context: RuleContext, state: StateNode, template: Json, pointer: string): void {
  // Iterative walk: templates can be nested arbitrarily deep.
  const pending: [Json, string][] = [[template, pointer]];
  while (pending.length > 0) {
    const [value, at] = pending.pop()!;
    if (Array.isArray(value)) {
      value.forEach((item, i) => pending.push([item, `${at}/${i}`]));
      continue;
    }
    if (!isJsonObject(value)) continue;
    for (const key of Object.keys(value)) {
      const child = value[key]!;
      const childPointer = `${at}/${pointerSegment(key)}`;
      if (key.endsWith('.$')) checkDynamicField(context, state, key, child, at, childPointer);
      else if (typeof child === 'string' && looksDynamic(child)) {
        context.report({
          code: DiagnosticCode.NoDollar,
          severity: 'WARNING',
          message: `The value of the field '${key}' looks like a JSONPath or an intrinsic function call, but it is used as a literal string because the field name does not end in '.$'.`,
          path: childPointer,
          stateName: state.name,
        });
      } else pending.push([child, childPointer]);
    }
  }
}

function checkDynamicField(
  context: RuleContext,
  state: StateNode,
  key: string,
  value: Json,
  ownerPointer: string,
  pointer: string,
): void {
  if (typeof value === 'string' && looksLikeIntrinsicCall(value) && isIntrinsicCallValid(value)) {
    const arity = intrinsicArityProblem(value);
    if (arity) {
      context.report({
        code: DiagnosticCode.InvalidIntrinsic,
        severity: 'WARNING',
        message: `${arity}; AWS accepts the definition but the call fails at run time.`,
        path: pointer,
        stateName: state.name,
      });
    }
    return;
  }
  if (typeof value === 'string' && !looksLikeIntrinsicCall(value) && isPath(value)) return;
  context.report({
    message: `The value for the field '${key}' must be a valid JSONPath or a valid intrinsic function call`,
    path: ownerPointer,
    stateName: state.name,
  });
}

function isPath(text: string): boolean {
  try {
    compilePath(text);
    return true;
  } catch {
    return false;
  }
}

function hasDynamicKey(value: Json | undefined): boolean {
  const pending: (Json | undefined)[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    // A loop, not push(...item): spreading a huge array overflows the argument stack.
    if (Array.isArray(item)) for (const element of item) pending.push(element);
    else if (isJsonObject(item)) {
      for (const key of Object.keys(item)) {
        if (key.endsWith('.$')) return true;
        pending.push((item as Record<string, Json>)[key]);
      }
    }
  }
  return false;
}
