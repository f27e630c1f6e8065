/**
 * States.Format (AWS's "generic" family). The template is parsed at run time, as AWS does:
 * AWS accepts `States.Format('Hello {', $.a)` at create time and fails the execution.
 *
 * Template rules: `{}` is a placeholder; `\{` `\}` `\\` `\'` are literal characters; any
 * other `{` or a lone `}` is an error (AWS fails 'Hello {', 'Hello {{}}' and '}'). The
 * template comes from the literal's source text, escapes intact, so `'\{\}'` is text and not
 * a placeholder. A template read from a path or a nested call goes through the same rules.
 * Values render with Java's String.valueOf (java-text.ts): null → "null", {a=1, b=[]}.
 */
import type { Json } from '../../json.js';
import { expectString } from './argument-checks.js';
import { IntrinsicFailure, type IntrinsicTable } from './intrinsic-function.js';
import { javaString } from './java-text.js';

const NAME = 'States.Format';

/** Text pieces and placeholders (`null`) of a template. */
type TemplatePart = string | null;

function templateError(reason: string): IntrinsicFailure {
  return new IntrinsicFailure(`Invalid template in ${NAME}: ${reason}`);
}

/** Splits a template into text and placeholders, or fails like AWS on a stray brace. */
export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i]!;
    const next = template[i + 1];
    if (ch === '\\' && (next === '{' || next === '}' || next === '\\' || next === "'")) {
      text += next;
      i++;
    } else if (ch === '{') {
      if (next !== '}') throw templateError("matching '}' not found for '{'.");
      parts.push(text, null);
      text = '';
      i++;
    } else if (ch === '}') {
      throw templateError("'}' without a matching '{'.");
    } else {
      text += ch;
    }
  }
  parts.push(text);
  return parts;
}

/** States.Format. */
export const formatFunctions = {
  'States.Format': {
    minArgs: 1,
    maxArgs: Infinity,
    evaluate: ([template, ...values], { nodes }) => {
      const first = nodes[0];
      const source = first?.kind === 'literal' && first.raw !== undefined ? first.raw : expectString(template, NAME);
      const parts = parseTemplate(source);
      const placeholders = parts.filter((part) => part === null).length;
      if (placeholders !== values.length) {
        throw new IntrinsicFailure(
          `Invalid arguments in ${NAME}: number of arguments do not match the occurrences of {}`,
        );
      }
      let index = 0;
      return parts.map((part) => (part === null ? javaString(values[index++] as Json) : part)).join('');
    },
  },
} satisfies IntrinsicTable;
