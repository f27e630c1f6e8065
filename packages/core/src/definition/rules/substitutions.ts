/**
 * `${Name}` placeholders left in a definition. Most published definitions are templates: SAM and
 * CloudFormation fill `${Name}` from `DefinitionSubstitutions`, Terraform's `templatefile()` from its
 * variables. A definition that still holds one was run without them, and AWS would only say the
 * resource "is not recognized". So: a placeholder that is a whole Task `Resource` is an error
 * reported instead of that message (checkResources skips it); one anywhere else in a string is a
 * warning, since ASL allows the text but it is almost always a missed substitution.
 */
import { isJsonObject, type Json } from '../../json.js';
import { DiagnosticCode, pointerSegment } from '../diagnostics.js';
import type { RuleContext } from './context.js';

/** `${Name}`, `${Resource.Attr}`, `${AWS::Region}`; CloudFormation's `${!Literal}` escape is not one. */
const PLACEHOLDER = /\$\{(?!!)([A-Za-z0-9_.:-]+)\}/g;

/** The placeholder names in `text`, in order. */
export function substitutionNames(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => match[1]!);
}

/** True when a Task's Resource holds a placeholder: the resources rule then stays quiet about it. */
export const hasSubstitution = (text: string): boolean => substitutionNames(text).length > 0;

const message = (names: readonly string[]): string =>
  `unresolved substitution ${names.map((name) => `\`\${${name}}\``).join(', ')}: give its value ` +
  `(DefinitionSubstitutions in a template, --substitute ${names[0]}=<value> on the command line)`;

/** Reports placeholders in every string of every state, keys included. */
export function checkSubstitutions(context: RuleContext): void {
  for (const state of context.states) {
    const resource = state.fields['Resource'];
    if (state.type === 'Task' && typeof resource === 'string' && hasSubstitution(resource)) {
      context.report({
        code: DiagnosticCode.UnresolvedSubstitution,
        message: message(substitutionNames(resource)),
        path: `${state.pointer}/Resource`,
        stateName: state.name,
      });
    }
    // Nested scopes are states of their own; walk this state's fields without descending into
    // them. A stack, filled in reverse, visits values in document order.
    const pending: [Json, string][] = Object.keys(state.fields)
      .filter((key) => !isScope(state.type, key) && !(key === 'Resource' && state.type === 'Task'))
      .map((key): [Json, string] => [state.fields[key] as Json, `${state.pointer}/${pointerSegment(key)}`])
      .reverse();
    while (pending.length > 0) {
      const [value, pointer] = pending.pop()!;
      if (typeof value === 'string') {
        const names = substitutionNames(value);
        if (names.length > 0)
          context.report({
            code: DiagnosticCode.UnresolvedSubstitution,
            severity: 'WARNING',
            message: message(names),
            path: pointer,
            stateName: state.name,
          });
      } else if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) pending.push([value[i]!, `${pointer}/${i}`]);
      } else if (isJsonObject(value)) {
        const children: [Json, string][] = [];
        for (const key of Object.keys(value)) {
          const names = substitutionNames(key);
          const at = `${pointer}/${pointerSegment(key)}`;
          if (names.length > 0)
            context.report({
              code: DiagnosticCode.UnresolvedSubstitution,
              severity: 'WARNING',
              message: message(names),
              path: at,
              stateName: state.name,
            });
          children.push([value[key]!, at]);
        }
        pending.push(...children.reverse());
      }
    }
  }
}

const isScope = (type: string | undefined, key: string): boolean =>
  (type === 'Parallel' && key === 'Branches') || (type === 'Map' && (key === 'ItemProcessor' || key === 'Iterator'));
