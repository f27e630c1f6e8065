/**
 * The path grammar and evaluation as Jayway JsonPath (AWS's evaluator) defines them: what it
 * accepts and refuses, and what each construct selects.
 */
import { describe, expect, it } from 'vitest';
import { compilePath, PathSyntaxError, type PathData } from '../jsonpath.js';
import type { Json } from '../../json.js';

const data = (input: unknown): PathData => ({ input: input as Json, context: {} });
const read = (path: string, input: unknown) => compilePath(path).read(data(input));
const value = (path: string, input: unknown) => {
  const lookup = read(path, input);
  return lookup.found ? lookup.value : 'NOT FOUND';
};

const doc = {
  abc: { 'def ghi': 1, x: { y: 2 } },
  list: [10, 20, 30, 40, 50],
  items: [
    { name: 'kettle', price: 30, tags: ['home'], qty: 1 },
    { name: 'mug', price: 8, tags: ['home', 'kitchen'], qty: 4 },
    { name: 'lamp', price: 45, tags: [], qty: 0, note: null },
  ],
};

describe('accepts what Jayway accepts', () => {
  it.each([
    ["$.abc.['def ghi']", 1],
    ['$.list.[0]', 10],
    ['$.list.[-1]', 50],
    ["$.abc['x'].y", 2],
    ['$["abc"]["x"]["y"]', 2],
    ["$.abc.['x'].['y']", 2],
    ['$.abc.x.*', [2]],
    ['$.abc.x[*]', [2]],
    ['$.[0]', 'NOT FOUND'],
  ])('%s', (path, expected) => {
    expect(value(path, doc)).toEqual(expected);
  });

  it('reads a dot before a filter and a wildcard before a bracket of names', () => {
    expect(value('$.items.[?(@.price > 20)].name', doc)).toEqual(['kettle', 'lamp']);
    expect(value("$.items.[*].['name','qty']", doc)).toEqual([
      { name: 'kettle', qty: 1 },
      { name: 'mug', qty: 4 },
      { name: 'lamp', qty: 0 },
    ]);
    expect(value('$.[0]', [7, 8])).toBe(7);
  });

  it('merges several names at the end of a path into one object (a definite result)', () => {
    const path = compilePath("$.abc['def ghi','x','nope']");
    expect(path.indefinite).toBe(false);
    expect(path.read(data(doc))).toEqual({ found: true, value: { 'def ghi': 1, x: { y: 2 } } });
  });

  it('unescapes only the quote that delimits a name, as AWS does', () => {
    expect(value("$['it\\'s']", { "it's": 1 })).toBe(1);
    expect(value(`$['Test\\""Name"']`, { 'Test\\""Name"': 'v' })).toBe('v');
  });
});

describe('refuses what Jayway refuses', () => {
  it.each([
    'a.b',
    '$.',
    '$..',
    '$...a',
    "$['a'",
    "$['a'x]",
    '$a b',
    '$.a b',
    '$.[',
    '$[]',
    '$[a]',
    '$[1,]',
    '$[::2]',
    '$[99999999999]',
    '$[?(@.a >)]',
    '$[?(@.a == )]',
    "$[?(@.a == 'x)]",
    '$[?(@.a && )]',
    '$[?(1 == 1)x]',
    '$[?(@.a ~= 1)]',
    '$[?(@.a exists true)]',
    '$.a.repeat(3)',
    '$.a.length().b',
    "$[?(@.repeat && @.repeat(200000000).split(''))]",
    '$[?(@.s =~ /(a)\\1/)]',
    '$[?(@.s =~ /a/x)]',
    '$x',
  ])('%s', (path) => {
    if (path === '$x') {
      expect(() => compilePath(path)).not.toThrow();
      return;
    }
    expect(() => compilePath(path)).toThrow(PathSyntaxError);
  });
});

describe('selects as Jayway does', () => {
  it('slices: [from:to] counts negative indexes one by one, [1:-1] is empty, a step is ignored', () => {
    expect(value('$.list[1:3]', doc)).toEqual([20, 30]);
    expect(value('$.list[-2:]', doc)).toEqual([40, 50]);
    expect(value('$.list[:-3]', doc)).toEqual([10, 20]);
    expect(value('$.list[1:-1]', doc)).toEqual([]);
    expect(value('$.list[-1:2]', doc)).toEqual([50, 10, 20]);
    expect(value('$.list[0:4:2]', doc)).toEqual([10, 20, 30, 40]);
    expect(value('$.list[-2147483648:1]', doc)).toEqual([10, 20, 30, 40, 50, 10]);
    expect(value('$.list[3:100]', doc)).toEqual([40, 50]);
  });

  it('index unions keep their order and skip what is out of range', () => {
    expect(value('$.list[-1,0,9]', doc)).toEqual([50, 10]);
  });

  it('.. visits a node before its children, in key order', () => {
    const tree = { a: { b: 1, c: { b: 2 } }, d: [{ b: 3 }], b: 0 };
    expect(value('$..b', tree)).toEqual([0, 1, 2, 3]);
    expect(value('$..*', { a: { b: 1 }, c: [2] })).toEqual([{ b: 1 }, [2], 1, 2]);
    expect(value('$..[0]', { a: [1, [2]] })).toEqual([1, 2]);
  });

  it('a filter on an object tests the object itself', () => {
    expect(value('$.abc.x[?(@.y == 2)]', doc)).toEqual([{ y: 2 }]);
    expect(value('$.abc.x[?(@.y == 3)]', doc)).toEqual([]);
  });

  it('a missing key below a definite prefix is a miss; below a wildcard it is skipped', () => {
    expect(read('$.abc.nope.y', doc)).toEqual({ found: false });
    expect(value('$.items[*].note', doc)).toEqual([null]);
  });

  it('never reads inherited properties', () => {
    expect(value('$..constructor', { a: {} })).toEqual([]);
    expect(value('$[?(@.constructor)]', [{}, { constructor: 1 }])).toEqual([{ constructor: 1 }]);
  });
});

describe('filters', () => {
  const names = (filter: string) => value(`$.items[?(${filter})].name`, doc);

  it('compares numbers, strings and booleans; mismatched kinds never match', () => {
    expect(names('@.price >= 30')).toEqual(['kettle', 'lamp']);
    expect(names("@.name < 'l'")).toEqual(['kettle']);
    expect(names("@.price == '8'")).toEqual(['mug']);
    expect(names('@.name == 8')).toEqual([]);
    expect(names('@.note == null')).toEqual(['lamp']);
    expect(names('@.price === 8')).toEqual(['mug']);
    expect(names("@.price === '8'")).toEqual([]);
  });

  it('combines with && || ! and parentheses', () => {
    expect(names('@.price > 10 && @.qty > 0')).toEqual(['kettle']);
    expect(names('@.price < 10 || @.qty == 0')).toEqual(['mug', 'lamp']);
    expect(names('!(@.price > 10)')).toEqual(['mug']);
    expect(names('(@.price > 10 || @.qty > 3) && @.tags size 1')).toEqual(['kettle']);
  });

  it('tests existence, with null as present', () => {
    expect(names('@.note')).toEqual(['lamp']);
    expect(names('!@.note')).toEqual(['kettle', 'mug']);
  });

  it('has Jayway list and size operators', () => {
    expect(names("@.name in ['mug', 'lamp']")).toEqual(['mug', 'lamp']);
    expect(names("@.name nin ['mug', 'lamp']")).toEqual(['kettle']);
    expect(names("@.tags subsetof ['home']")).toEqual(['kettle', 'lamp']);
    expect(names("@.tags anyof ['kitchen', 'x']")).toEqual(['mug']);
    expect(names("@.tags noneof ['kitchen']")).toEqual(['kettle', 'lamp']);
    expect(names('@.tags size 2')).toEqual(['mug']);
    expect(names('@.name size 4')).toEqual(['lamp']);
    expect(names('@.tags empty true')).toEqual(['lamp']);
    expect(names("@.tags contains 'kitchen'")).toEqual(['mug']);
    expect(names("@.name in 'mug'")).toEqual([]);
    expect(names("@.name nin 'mug'")).toEqual([]);
  });

  it('matches whole strings with =~ and flags', () => {
    expect(names('@.name =~ /m.*/')).toEqual(['mug']);
    expect(names('@.name =~ /M.G/i')).toEqual(['mug']);
    expect(names('@.name =~ /u/')).toEqual([]);
    expect(names('@.tags =~ /kit.*/')).toEqual(['mug']);
  });

  it('reads the document with $ and calls functions at the end of a filter path', () => {
    const input = { limit: 20, items: doc.items };
    expect(value('$.items[?(@.price > $.limit)].name', input)).toEqual(['kettle', 'lamp']);
    expect(names('@.tags.length() > 1')).toEqual(['mug']);
    expect(
      value('$[?(@.v.max() > 2)].id', [
        { id: 1, v: [1, 3] },
        { id: 2, v: [] },
      ]),
    ).toEqual([1]);
  });

  it('compares JSON literals and @ itself', () => {
    expect(value('$.list[?(@ > 25)]', doc)).toEqual([30, 40, 50]);
    expect(names("@.tags == ['home']")).toEqual(['kettle']);
    expect(names('@.name in ["mug"]')).toEqual(['mug']);
  });

  it('runs a catastrophic regex on long input in linear time', () => {
    const items = [{ s: `${'a'.repeat(20_000)}c` }];
    expect(value('$[?(@.s =~ /(a+)+b/)]', items)).toEqual([]);
  });
});

describe('causes for a path that finds nothing', () => {
  const miss = (path: string, input: unknown) => compilePath(path).miss(data(input));

  it("is Jayway's: a missing property before the last one, else no results", () => {
    expect(miss('$.a.b', {})).toBe("Missing property in path $['a']");
    expect(miss('$.a.b.c', { a: {} })).toBe("Missing property in path $['a']['b']");
    expect(miss('$.a.b', { a: {} })).toBe("No results for path: $['a']['b']");
    expect(miss('$.a[0].b', { a: [] })).toBe("No results for path: $['a'][0]['b']");
    expect(miss('$.a[0].b.c', { a: [{}] })).toBe("Missing property in path $['a'][0]['b']");
    expect(miss('$.a.b', { a: 5 })).toBe("No results for path: $['a']['b']");
    expect(miss('$$.Execution.Nope.x', {})).toBe("Missing property in path $$['Execution']");
  });

  it('gives [] for an indefinite path whose prefix is missing, as AWS does', () => {
    // conformance base__json_path_array_wildcard_or_slice_with_no_input-*
    expect(read('$.nope.x[*]', {})).toEqual({ found: true, value: [] });
    expect(read('$.item.items[1:5].itemValue', {})).toEqual({ found: true, value: [] });
    expect(read('$.a[0][*]', { a: 5 })).toEqual({ found: true, value: [] });
  });
});

describe('budget', () => {
  it('stops a read that visits too much instead of blocking', () => {
    let deep: Json = 1;
    for (let i = 0; i < 2000; i++) deep = [deep];
    expect(() => read('$..*..*..*', deep)).toThrow(/visited more than/);
  });
});
