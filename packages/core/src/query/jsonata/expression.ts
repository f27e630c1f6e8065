/**
 * Which strings of a JSONata-mode state are expressions. AWS treats a string as an
 * expression only when it starts with `{%` and ends with `%}` exactly (no whitespace
 * outside the markers); every other string is a literal, even one that contains `{%`.
 */

/** True for a `{% ... %}` string. */
export const isJsonataExpression = (value: unknown): value is string =>
  typeof value === 'string' && value.length >= 4 && value.startsWith('{%') && value.endsWith('%}');

/**
 * The expression between the markers, trimmed. AWS quotes this form in its causes:
 * `"{% $doesNotExist %}"` is reported as `'$doesNotExist'` (conformance assign__undefined_reference-*).
 */
export const expressionBody = (source: string): string => source.slice(2, -2).trim();
