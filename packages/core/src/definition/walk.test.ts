import { describe, expect, it } from 'vitest';
import { MAX_JSON_DEPTH } from '../json.js';
import { StateMachine } from '../runtime/state-machine.js';
import { findTooDeep } from './depth.js';
import { validate } from './validate.js';
import { MAX_SCOPE_DEPTH, walkDefinition, type DefinitionWalk, type WalkOptions } from './walk.js';

/** Every scope and state the walk reaches, as `scope <pointer>` / `state <name>` lines, in walk order. */
function trail(definition: unknown, options?: WalkOptions): string[] {
  const lines: string[] = [];
  const walk: DefinitionWalk<void, void> = {
    scope: (scope, states) => {
      lines.push(`scope ${scope.pointer || '/'} depth ${scope.depth}${scope.owner ? ` of ${scope.owner.name}` : ''}`);
      states();
    },
    state: (state, nested) => {
      lines.push(`state ${state.name} at ${state.pointer}`);
      nested();
    },
    tooDeep: (scope) => void lines.push(`too deep ${scope.pointer}`),
  };
  walkDefinition(definition, walk, options);
  return lines;
}

/** `levels` Parallels (or Maps) inside one another around one Pass state. */
function nested(levels: number, type: 'Parallel' | 'Map'): Record<string, unknown> {
  let scope: Record<string, unknown> = { StartAt: 'Leaf', States: { Leaf: { Type: 'Pass', End: true } } };
  for (let i = 0; i < levels; i++) {
    const state =
      type === 'Parallel'
        ? { Type: 'Parallel', Branches: [scope], End: true }
        : {
            Type: 'Map',
            ItemsPath: '$.items',
            ItemSelector: { 'items.$': '$.items' },
            ItemProcessor: scope,
            End: true,
          };
    scope = { StartAt: `N${i}`, States: { [`N${i}`]: state } };
  }
  return scope;
}

describe('walkDefinition', () => {
  const definition = {
    StartAt: 'P',
    States: {
      P: {
        Type: 'Parallel',
        Branches: [{ StartAt: 'B', States: { B: { Type: 'Succeed' } } }, 'not a scope'],
        Next: 'M',
      },
      M: {
        Type: 'Map',
        ItemProcessor: { StartAt: 'I', States: { 'a/b': { Type: 'Succeed' } } },
        Iterator: { StartAt: 'Old', States: { Old: { Type: 'Succeed' } } },
        End: true,
      },
    },
  };

  it('reaches scopes and states in document order, a state before the scopes it holds', () => {
    expect(trail(definition)).toEqual([
      'scope / depth 0',
      'state P at /States/P',
      'scope /States/P/Branches/0 depth 1 of P',
      'state B at /States/P/Branches/0/States/B',
      'scope /States/P/Branches/1 depth 1 of P',
      'state M at /States/M',
      'scope /States/M/ItemProcessor depth 1 of M',
      'state a/b at /States/M/ItemProcessor/States/a~1b',
    ]);
  });

  it("walks the Map processor the engine runs, or both for the validator's checks", () => {
    expect(trail(definition, { processors: 'all' }).slice(-4)).toEqual([
      'scope /States/M/ItemProcessor depth 1 of M',
      'state a/b at /States/M/ItemProcessor/States/a~1b',
      'scope /States/M/Iterator depth 1 of M',
      'state Old at /States/M/Iterator/States/Old',
    ]);
    const { ItemProcessor: _dropped, ...old } = definition.States.M;
    expect(trail({ ...definition, States: { M: old } })).toContain('state Old at /States/M/Iterator/States/Old');
  });

  it('tolerates anything: values that are not objects, states that are not objects, no States', () => {
    expect(trail('text')).toEqual(['scope / depth 0']);
    expect(trail({ States: [1] })).toEqual(['scope / depth 0']);
    expect(trail({ States: { A: null, B: { Type: 'Parallel', Branches: 'no' } } })).toEqual([
      'scope / depth 0',
      'state A at /States/A',
      'state B at /States/B',
    ]);
  });

  it('stops past MAX_SCOPE_DEPTH, which only a definition nested deeper than MAX_JSON_DEPTH reaches', () => {
    const lines = trail(nested(MAX_SCOPE_DEPTH + 1, 'Map'));
    expect(lines.at(-1)).toMatch(new RegExp(`^too deep (/States/N\\d+/ItemProcessor){${MAX_SCOPE_DEPTH + 1}}$`));
    expect(lines.filter((line) => line.startsWith('scope'))).toHaveLength(MAX_SCOPE_DEPTH + 1);
    // Three JSON levels per Map level: the deepest nesting within the JSON limit is walked whole.
    const deepest = nested(Math.floor((MAX_JSON_DEPTH - 2) / 3), 'Map');
    expect(findTooDeep(deepest)).toBeUndefined();
    expect(trail(deepest).some((line) => line.startsWith('too deep'))).toBe(false);
    expect(findTooDeep(nested(MAX_SCOPE_DEPTH + 1, 'Map'))).toBeDefined();
  });

  it.each(['Parallel', 'Map'] as const)(
    'the deepest %s nesting within MAX_JSON_DEPTH validates, compiles and runs',
    async (type) => {
      const perLevel = type === 'Parallel' ? 4 : 3;
      const levels = Math.floor((MAX_JSON_DEPTH - 2) / perLevel);
      const definition = nested(levels, type);
      expect(findTooDeep(definition)).toBeUndefined();
      expect(validate(definition)).toEqual([]);
      const result = await StateMachine.from(definition).run({ items: [1] });
      expect(result.status).toBe('SUCCEEDED');
      expect(validate(nested(levels + 1, type)).map((d) => [d.code, d.message])).toEqual([
        ['TOO_DEEPLY_NESTED', `The definition is nested more than ${MAX_JSON_DEPTH} levels deep`],
      ]);
    },
  );
});
