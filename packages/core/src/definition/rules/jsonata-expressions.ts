/**
 * Every `{% %}` string of a JSONata state must parse, and must not read the (absent) input
 * document at its top level. AWS parses them all at create time (floci-io/floci#2745, #2670,
 * measured): `INVALID_JSONATA_EXPRESSION` with the parser's message minus its code
 * (`Expected "]", got ","`), and `UNSUPPORTED_JSONATA_EXPRESSION: Reference to 'phone' at the
 * top level is not supported.`, both located at the string itself (`/States/E/Output/v`). The same
 * measurements: `$$` gives `Reference to '$$' is not supported.`, and `$states.errorOutput` outside a
 * catcher's own `Output` or `Assign` (the one place it has a value) gives `Field '$states.errorOutput'
 * does not exist.` (floci-io/floci#2745, #2786, measured with ValidateStateMachineDefinition).
 */
import jsonata from 'jsonata';
import { isJsonObject, type Json } from '../../json.js';
import { rootContextReference } from '../../query/jsonata/ast.js';
import { expressionBody, isJsonataExpression } from '../../query/jsonata/expression.js';
import { DiagnosticCode, pointerSegment } from '../diagnostics.js';
import { objectItems, type RuleContext, type StateNode } from './context.js';
import { tooDeeplyNested } from '../depth.js';

/** State fields that may hold expressions, at any depth (ASL reference §7). */
const EXPRESSION_FIELDS = [
  'Arguments',
  'Output',
  'Assign',
  'Items',
  'ItemSelector',
  'TimeoutSeconds',
  'HeartbeatSeconds',
  'Seconds',
  'Timestamp',
  'MaxConcurrency',
  'ToleratedFailurePercentage',
  'ToleratedFailureCount',
  'Error',
  'Cause',
  'ItemReader',
  'ItemBatcher',
  'ResultWriter',
  'Credentials',
];

/** Reports JSONata expressions that do not parse or read the input document at top level. */
export function checkJsonataExpressions(context: RuleContext): void {
  for (const state of context.states) {
    if (state.queryLanguage !== 'JSONata') continue;
    // [value, pointer, is a catcher's field (where $states.errorOutput has a value)]
    const roots: [Json, string, boolean][] = [];
    for (const field of EXPRESSION_FIELDS) {
      if (state.fields[field] !== undefined)
        roots.push([state.fields[field] as Json, `${state.pointer}/${field}`, false]);
    }
    for (const [list, fields] of [
      ['Catch', ['Output', 'Assign']],
      ['Choices', ['Condition', 'Output', 'Assign']],
    ] as const) {
      for (const [item, i] of objectItems(state.fields, list)) {
        for (const field of fields)
          if (item[field] !== undefined)
            roots.push([item[field] as Json, `${state.pointer}/${list}/${i}/${field}`, list === 'Catch']);
      }
    }
    for (const [value, pointer, inCatcher] of roots) checkStrings({ context, state, inCatcher }, value, pointer);
  }
}

/** Where the expressions of one field are: the state, and whether `$states.errorOutput` has a value there. */
interface Site {
  context: RuleContext;
  state: StateNode;
  inCatcher: boolean;
}

function checkStrings(site: Site, root: Json, rootPointer: string): void {
  const pending: [Json, string][] = [[root, rootPointer]];
  while (pending.length > 0) {
    const [value, pointer] = pending.pop()!;
    if (isJsonataExpression(value)) checkExpression(site, value, pointer);
    else if (Array.isArray(value)) value.forEach((item, i) => pending.push([item, `${pointer}/${i}`]));
    else if (isJsonObject(value))
      for (const key of Object.keys(value)) pending.push([value[key]!, `${pointer}/${pointerSegment(key)}`]);
  }
}

function checkExpression(site: Site, source: string, pointer: string): void {
  try {
    checkParsed(site, source, pointer);
  } catch (error) {
    // JSONata's parser and our AST walks recurse: `1+1+…` ten thousand times exhausts the stack.
    if (!(error instanceof RangeError)) throw error;
    site.context.report({ ...tooDeeplyNested({ pointer }), stateName: site.state.name });
  }
}

function checkParsed({ context, state, inCatcher }: Site, source: string, pointer: string): void {
  let ast: jsonata.ExprNode;
  try {
    ast = jsonata(expressionBody(source)).ast();
  } catch (error) {
    if (error instanceof RangeError) throw error;
    const message = (error as { message?: unknown }).message;
    context.report({
      code: DiagnosticCode.InvalidJsonataExpression,
      message: typeof message === 'string' ? message : 'The JSONata expression does not parse',
      path: pointer,
      stateName: state.name,
    });
    return;
  }
  const unsupported = (message: string) =>
    context.report({
      code: DiagnosticCode.UnsupportedJsonataExpression,
      message,
      path: pointer,
      stateName: state.name,
    });
  const root = rootContextReference(ast);
  if (root === '$$') unsupported("Reference to '$$' is not supported.");
  for (const name of [...(root === '$' ? [root] : []), ...topLevelNames(ast)])
    unsupported(`Reference to '${name}' at the top level is not supported.`);
  if (!inCatcher && readsErrorOutput(ast)) unsupported("Field '$states.errorOutput' does not exist.");
}

/** True when the expression reads `$states.errorOutput` anywhere (lambdas and predicates included). */
function readsErrorOutput(ast: jsonata.ExprNode): boolean {
  const pending: unknown[] = [ast];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node !== 'object' || node === null) continue;
    if (Array.isArray(node)) {
      for (const item of node) pending.push(item);
      continue;
    }
    const { type, steps } = node as Node;
    if (type === 'path' && Array.isArray(steps)) {
      const [first, second] = steps as Node[];
      if (first?.type === 'variable' && first.value === 'states' && second?.type === 'name')
        if (second.value === 'errorOutput') return true;
    }
    for (const value of Object.values(node)) if (typeof value === 'object') pending.push(value);
  }
  return false;
}

type Node = { type?: unknown; value?: unknown } & Record<string, unknown>;

/**
 * Field names read from the root context: a path whose first step is a bare name, in the same
 * root positions query/jsonata/ast.ts walks for `$` (operands, arguments, constructors).
 * Anything else (predicates, later steps, lambdas) reads a nested context and is fine.
 */
function topLevelNames(ast: jsonata.ExprNode): string[] {
  const names = new Set<string>();
  const pending: unknown[] = [ast];
  // Loops, not push(...list): a huge array literal would overflow the argument stack.
  const pushAll = (list: unknown) => {
    if (Array.isArray(list)) for (const item of list) pending.push(item);
  };
  while (pending.length > 0) {
    const node = pending.pop() as Node | undefined;
    if (typeof node !== 'object' || node === null) continue;
    switch (node.type) {
      case 'name':
        if (typeof node.value === 'string') names.add(node.value);
        break;
      case 'path':
        pending.push((node['steps'] as unknown[] | undefined)?.[0]);
        break;
      case 'binary':
      case 'apply':
      case 'bind':
        pending.push(node['lhs'], node['rhs']);
        break;
      case 'unary':
        if (node.value === '-') pending.push(node['expression']);
        else if (node.value === '[') pushAll(node['expressions']);
        else if (node.value === '{' && Array.isArray(node['lhs']))
          for (const pair of node['lhs'] as unknown[]) pushAll(pair);
        break;
      case 'function':
      case 'partial':
        pending.push(node['procedure']);
        pushAll(node['arguments']);
        break;
      case 'condition':
        pending.push(node['condition'], node['then'], node['else']);
        break;
      case 'block':
        pushAll(node['expressions']);
        break;
      default:
        break;
    }
  }
  return [...names];
}
