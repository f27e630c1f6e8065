/**
 * Property tests over paths and filters built from the grammar's pieces (fixed seeds, bounded
 * runs): every path the generator builds compiles; every string either compiles or is refused
 * with a PathSyntaxError; every read ends with a lookup or a States.Runtime budget failure.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compilePath, PathSyntaxError } from '../jsonpath.js';
import { StatesError } from '../../errors/states-error.js';
import type { Json } from '../../json.js';

const name = fc.constantFrom('a', 'b', 'items', 'x y', "it's", 'constructor', '__proto__', 'ü', '0');
const dotName = fc.constantFrom('a', 'b', 'items', 'name', 'ü', 'a-b', 'a$b');
const int = fc.integer({ min: -6, max: 6 });

const literal = fc.oneof(
  fc.integer({ min: -5, max: 50 }).map(String),
  fc.constantFrom("'a'", '"b"', 'true', 'false', 'null', "['a', 1]", '{"k": 1}', '/a.*/', '/(a+)+b/i', '1.5', '-2e1'),
);
const filterPath = fc.oneof(
  fc.constant('@'),
  dotName.map((n) => `@.${n}`),
  fc.tuple(dotName, dotName).map(([a, b]) => `@.${a}.${b}`),
  dotName.map((n) => `$.${n}`),
  dotName.map((n) => `@.${n}.length()`),
  dotName.map((n) => `@..${n}`),
);
const operator = fc.constantFrom(
  '==',
  '!=',
  '<',
  '<=',
  '>',
  '>=',
  '=~',
  'in',
  'nin',
  'subsetof',
  'anyof',
  'noneof',
  'size',
  'empty',
  'contains',
  '===',
);
const relational = fc.oneof(
  filterPath,
  filterPath.map((p) => `!${p}`),
  fc.tuple(filterPath, operator, fc.oneof(literal, filterPath)).map(([l, o, r]) => `${l} ${o} ${r}`),
);
const filter: fc.Arbitrary<string> = fc.letrec((tie) => ({
  expr: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    relational,
    fc
      .tuple(tie('expr'), fc.constantFrom('&&', '||'), tie('expr'))
      .map(([a, o, b]) => `${a as string} ${o} ${b as string}`),
    tie('expr').map((e) => `!(${e as string})`),
    tie('expr').map((e) => `(${e as string})`),
  ),
})).expr as fc.Arbitrary<string>;

const token = fc.oneof(
  dotName.map((n) => `.${n}`),
  name.map((n) => `['${n.replace(/'/g, "\\'")}']`),
  fc
    .array(name, { minLength: 2, maxLength: 3 })
    .map((ns) => `[${ns.map((n) => `'${n.replace(/'/g, "\\'")}'`).join(',')}]`),
  name.map((n) => `.['${n.replace(/'/g, "\\'")}']`),
  int.map((i) => `[${i}]`),
  int.map((i) => `.[${i}]`),
  fc.array(int, { minLength: 2, maxLength: 3 }).map((is) => `[${is.join(', ')}]`),
  fc
    .tuple(fc.option(int), fc.option(int))
    .filter(([a, b]) => a !== null || b !== null)
    .map(([a, b]) => `[${a ?? ''}:${b ?? ''}]`),
  fc.constantFrom('.*', '[*]', '.[*]', '..*'),
  dotName.map((n) => `..${n}`),
  filter.map((f) => `[?(${f})]`),
  filter.map((f) => `.[?(${f})]`),
);
const path = fc.array(token, { maxLength: 5 }).map((tokens) => `$${tokens.join('')}`);

const data: fc.Arbitrary<Json> = fc.jsonValue({ maxDepth: 4 }) as fc.Arbitrary<Json>;
const shaped: fc.Arbitrary<Json> = fc.oneof(
  data,
  fc.constant<Json>({
    a: { b: [1, 2, { a: 'x' }] },
    items: [
      { name: 'a', a: 1 },
      { name: 'b', b: [] },
    ],
    'x y': null,
  }),
);

function readsCleanly(source: string, input: Json): void {
  const compiled = compilePath(source);
  let lookup;
  try {
    lookup = compiled.read({ input, context: {} });
  } catch (error) {
    // Only the visit budget may stop a read.
    expect(error).toBeInstanceOf(StatesError);
    return;
  }
  if (lookup.found && compiled.indefinite) expect(Array.isArray(lookup.value)).toBe(true);
  if (!lookup.found)
    expect(compiled.miss({ input, context: {} })).toMatch(/^(No results for path: |Missing property in path )\$/);
}

describe('JSONPath grammar, fuzzed', () => {
  it('compiles and reads every path built from the grammar', () => {
    fc.assert(
      fc.property(path, shaped, (source, input) => readsCleanly(source, input)),
      { seed: 1234, numRuns: 1500, interruptAfterTimeLimit: 20_000 },
    );
  });

  it('either compiles a string or refuses it with a PathSyntaxError', () => {
    const pieces = fc.constantFrom(
      '$',
      '.',
      '..',
      '[',
      ']',
      "'",
      '"',
      '*',
      '?',
      '(',
      ')',
      '@',
      '==',
      ' ',
      'a',
      '0',
      '-',
      ':',
      ',',
      '!',
      '&&',
      '/',
      '\\',
    );
    const noise = fc.array(pieces, { maxLength: 14 }).map((parts) => `$${parts.join('')}`);
    fc.assert(
      fc.property(
        fc.oneof(
          noise,
          fc.string({ maxLength: 30 }).map((s) => `$${s}`),
        ),
        shaped,
        (source, input) => {
          try {
            compilePath(source);
          } catch (error) {
            expect(error).toBeInstanceOf(PathSyntaxError);
            return;
          }
          readsCleanly(source, input);
        },
      ),
      { seed: 99, numRuns: 3000, interruptAfterTimeLimit: 20_000 },
    );
  });
});
