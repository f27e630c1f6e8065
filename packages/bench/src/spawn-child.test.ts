import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './fixtures.js';
import { COLD_ENGINES, MODULE_SYSTEMS, parseColdVariant, timeColdStart, type ColdVariant } from './spawn-child.js';

// Runs the built W5 scripts (dist/), as the bench does.
const ONE_STATE = join(REPO_ROOT, 'fixtures', 'bench', 'w5-one-state.asl.json');
const engineVariants = MODULE_SYSTEMS.flatMap((system) => COLD_ENGINES.map((engine) => `${engine}:${system}` as const));

describe('parseColdVariant', () => {
  it('splits a variant into engine and module system', () => {
    expect(parseColdVariant('peer-novalidate:import')).toEqual({ engine: 'peer-novalidate', system: 'import' });
    expect(parseColdVariant('aslkit:require')).toEqual({ engine: 'aslkit', system: 'require' });
  });
});

// Each test starts node processes (the peer's cold start alone is ~0.6 s on an idle machine): the
// timeout only stops a hang, generous so that a loaded machine's speed never decides the result.
describe('timeColdStart', { timeout: 60_000 }, () => {
  it.each(engineVariants)('%s runs the one-state machine and prints its output', (variant) => {
    const sample = timeColdStart(variant, ONE_STATE);
    expect(sample).toMatchObject({ ok: true, stdout: '{}' });
    expect(sample.ms).toBeGreaterThan(0);
  });

  it('times bare node, which prints nothing', () => {
    expect(timeColdStart('bare', ONE_STATE)).toMatchObject({ ok: true, stdout: '' });
  });

  it.each(engineVariants)('%s exits non-zero when the execution fails', (variant) => {
    const definition = join(mkdtempSync(join(tmpdir(), 'aslkit-bench-cold-')), 'fail.asl.json');
    writeFileSync(
      definition,
      JSON.stringify({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Boom', Cause: 'on purpose' } } }),
    );
    expect(timeColdStart(variant, definition)).toMatchObject({ ok: false, stdout: '' });
  });

  it('fails on an unknown engine or a missing definition', () => {
    for (const system of MODULE_SYSTEMS) {
      expect(timeColdStart(`nope:${system}` as ColdVariant, ONE_STATE).ok).toBe(false);
      expect(timeColdStart(`aslkit:${system}`, join(tmpdir(), 'no-such-definition.asl.json')).ok).toBe(false);
    }
  });
});
