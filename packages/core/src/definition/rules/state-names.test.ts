import { describe, expect, it } from 'vitest';
import { validate } from '../validate.js';

const names = (definition: unknown) =>
  validate(definition)
    .filter((d) => d.code === 'DUPLICATE_STATE_NAME' || d.code === 'INVALID_STATE_NAME')
    .map((d) => [d.code, d.path]);

const branch = (name: string) => ({ StartAt: name, States: { [name]: { Type: 'Pass', End: true } } });

describe('state names', () => {
  it('accepts unique names of up to 80 characters, spaces and punctuation included', () => {
    const long = 'x'.repeat(80);
    expect(
      names({
        StartAt: long,
        States: { [long]: { Type: 'Pass', Next: 'Hello, World!' }, 'Hello, World!': { Type: 'Succeed' } },
      }),
    ).toEqual([]);
  });

  it('rejects an empty name and one of 81 characters', () => {
    const long = 'y'.repeat(81);
    expect(names({ StartAt: '', States: { '': { Type: 'Pass', Next: long }, [long]: { Type: 'Succeed' } } })).toEqual([
      ['INVALID_STATE_NAME', '/States/'],
      ['INVALID_STATE_NAME', `/States/${long}`],
    ]);
  });

  it('counts characters, not UTF-16 units', () => {
    const emoji = '😀'.repeat(80);
    expect(names({ StartAt: emoji, States: { [emoji]: { Type: 'Succeed' } } })).toEqual([]);
  });

  it('rejects a name used twice anywhere in the machine, nested scopes included', () => {
    const definition = {
      StartAt: 'P',
      States: {
        P: { Type: 'Parallel', Branches: [branch('Same'), branch('Same')], Next: 'Same' },
        Same: { Type: 'Succeed' },
      },
    };
    expect(names(definition)).toEqual([
      ['DUPLICATE_STATE_NAME', '/States/P/Branches/1/States/Same'],
      ['DUPLICATE_STATE_NAME', '/States/Same'],
    ]);
  });

  it('finds a key repeated within one States object when given text', () => {
    const text = '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true},"A":{"Type":"Succeed"}}}';
    const [duplicate] = validate(text).filter((d) => d.code === 'DUPLICATE_STATE_NAME');
    expect(duplicate).toMatchObject({ message: 'Duplicate State name: A', path: '/States/A', line: 1, column: 57 });
  });

  it('ignores repeated keys outside States objects', () => {
    const text = '{"StartAt":"A","States":{"A":{"Type":"Pass","Result":{"k":1,"k":2},"End":true}}}';
    expect(validate(text)).toEqual([]);
  });
});
