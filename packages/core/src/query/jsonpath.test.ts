import { describe, expect, it } from 'vitest';
import { compilePath, PathSyntaxError, type PathData } from './jsonpath.js';
import { VariableScope } from '../runtime/variables.js';

const data = (input: unknown, context: unknown = {}, vars: Record<string, unknown> = {}): PathData => {
  const variables = new VariableScope();
  variables.assign(vars as never);
  return { input: input as never, context: context as never, variables };
};

describe('compilePath', () => {
  it('reads definite paths by name, quoted name and index', () => {
    const input = { a: { 'b c': [10, 20, { d: true }] } };
    expect(compilePath('$').read(data(input))).toEqual({ found: true, value: input });
    expect(compilePath("$.a['b c'][2].d").read(data(input))).toEqual({ found: true, value: true });
    expect(compilePath('$.a["b c"][1]').read(data(input))).toEqual({ found: true, value: 20 });
    expect(compilePath("$.a['b c'][-1]").read(data(input))).toEqual({ found: true, value: { d: true } });
  });

  it('reports a miss and the Jayway normalized form AWS prints', () => {
    const path = compilePath('$.a.b[0]');
    expect(path.read(data({ a: {} }))).toEqual({ found: false });
    expect(path.normalized).toBe("$['a']['b'][0]");
  });

  it('reads the context object and variables', () => {
    expect(compilePath('$$.Execution.Id').read(data({}, { Execution: { Id: 'x' } }))).toEqual({
      found: true,
      value: 'x',
    });
    expect(compilePath('$order.items[0]').read(data({}, {}, { order: { items: ['i'] } }))).toEqual({
      found: true,
      value: 'i',
    });
    expect(compilePath('$missing').read(data({}))).toEqual({ found: false });
  });

  it('returns all matches of indefinite paths as an array, [] when none', () => {
    const input = {
      items: [
        { qty: 1, sku: 'a' },
        { qty: 3, sku: 'b' },
      ],
    };
    expect(compilePath('$.items[?(@.qty > 2)].sku').read(data(input))).toEqual({ found: true, value: ['b'] });
    expect(compilePath('$.items[*].sku').read(data(input))).toEqual({ found: true, value: ['a', 'b'] });
    expect(compilePath('$..nothing').read(data(input))).toEqual({ found: true, value: [] });
    expect(compilePath('$.items[?(@.qty > 2)]').indefinite).toBe(true);
  });

  it('never reads inherited properties (hostile keys)', () => {
    expect(compilePath('$.constructor').read(data({}))).toEqual({ found: false });
    expect(compilePath('$.__proto__').read(data({}))).toEqual({ found: false });
    const own = JSON.parse('{"__proto__": {"x": 1}}');
    expect(compilePath('$.__proto__.x').read(data(own))).toEqual({ found: true, value: 1 });
  });

  it('rejects what cannot be a path', () => {
    expect(() => compilePath('a.b')).toThrow(PathSyntaxError);
    expect(() => compilePath('$.')).toThrow(PathSyntaxError);
    expect(() => compilePath("$['a'")).toThrow(PathSyntaxError);
    expect(() => compilePath('$a b')).toThrow(PathSyntaxError);
  });

  it('refuses script in filters: a filter has no method calls', () => {
    expect(() => compilePath('$.items[?(@.constructor.constructor("return process")())]')).toThrow(PathSyntaxError);
  });
});
