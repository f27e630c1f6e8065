import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { expandInput, loadWorkloads } from './fixtures.js';

describe('expandInput', () => {
  it('expands $repeat with $index anywhere in the item', () => {
    expect(expandInput({ items: { $repeat: 3, item: { id: '$index', tags: ['$index', 'x'] } } })).toEqual({
      items: [
        { id: 0, tags: [0, 'x'] },
        { id: 1, tags: [1, 'x'] },
        { id: 2, tags: [2, 'x'] },
      ],
    });
  });

  it('leaves plain JSON alone and makes a copy', () => {
    const input = { i: 0, n: 5, list: [1, 'two', null, true] };
    const out = expandInput(input);
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
  });

  it('keeps a __proto__ key as data', () => {
    const input = JSON.parse(
      '{"__proto__": {"polluted": 1}, "items": {"$repeat": 1, "item": {"__proto__": "$index"}}}',
    ) as unknown;
    const out = expandInput(input) as Record<string, unknown>;
    expect(Object.keys(out)).toEqual(['__proto__', 'items']);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const item = (out.items as Record<string, unknown>[])[0]!;
    expect(Object.getOwnPropertyDescriptor(item, '__proto__')?.value).toBe(0);
  });

  it('rejects a negative or fractional count', () => {
    expect(() => expandInput({ $repeat: -1, item: 1 })).toThrow(RangeError);
    expect(() => expandInput({ $repeat: 1.5, item: 1 })).toThrow(RangeError);
  });

  it('expands zero items to an empty array', () => {
    expect(expandInput({ $repeat: 0, item: { id: '$index' } })).toEqual([]);
  });
});

describe('loadWorkloads', () => {
  it('reads the shipped workloads for both modes', () => {
    for (const mode of ['full', 'quick'] as const) {
      const workloads = loadWorkloads(mode);
      expect(workloads.map((w) => w.id)).toEqual(['W1', 'W2', 'W3', 'W4', 'W5', 'W6', 'W7', 'W8', 'W9', 'W10']);
      for (const workload of workloads) {
        expect(workload.reps).toBeGreaterThan(0);
        expect(workload.runs.length).toBeGreaterThan(0);
        expect(workload.definition).toHaveProperty('StartAt');
      }
    }
  });

  it('uses the sizes the issue asks for in full mode', () => {
    const full = Object.fromEntries(loadWorkloads('full').map((w) => [w.id, w]));
    expect(full.W1!.runs[0]!.transitions).toBe(100_001);
    expect(full.W2!.runs[0]!.items).toBe(10_000);
    expect(full.W3!.runs[0]!.transitions).toBe(1_001);
    expect(full.W4!.runs[0]!.input).toEqual({ i: 0, n: 50_000 });
    expect(full.W6!.runs.map((run) => run.items)).toEqual([10_000, 50_000, 100_000]);
    expect(full.W7!.runs.map((run) => run.history)).toEqual(['on', 'off']);
    expect(full.W8!.runs.map((run) => [run.executions, run.history ?? 'on'])).toEqual([
      [10_000, 'on'],
      [10_000, 'off'],
    ]);
    expect(full.W9!.runs[0]!.inFlight).toBe(10_000);
    expect(full.W10!.runs.map((run) => run.definition ?? 'jsonata')).toEqual([
      'w1-counter-loop.asl.json',
      'jsonata',
      'w1-counter-loop.asl.json',
      'jsonata',
    ]);
    for (const id of ['W1', 'W2', 'W3', 'W4']) expect(full[id]!.runs.some((run) => run.warmup === 2)).toBe(true);
    // The limit (plain JS) runs where a hand-written program exists; the peer only where it has the feature.
    expect(
      Object.values(full)
        .filter((w) => w.engines.includes('limit'))
        .map((w) => w.id),
    ).toEqual(['W1', 'W4', 'W8']);
    expect(full.W9!.engines).toEqual(['aslkit']);
    expect(full.W10!.engines).toEqual(['aslkit']);
  });

  it('reads a directory of its own, sorted by numeric id', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-fixtures-'));
    writeFileSync(
      join(dir, 'a.asl.json'),
      JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }),
    );
    const plan = { reps: 1, runs: [{ label: 'one', input: {}, transitions: 1 }] };
    for (const id of ['W10', 'W2']) {
      writeFileSync(
        join(dir, `${id}.bench.json`),
        JSON.stringify({ id, title: id, kind: 'throughput', definition: 'a.asl.json', full: plan, quick: plan }),
      );
    }
    expect(loadWorkloads('quick', dir).map((w) => w.id)).toEqual(['W2', 'W10']);
  });
});
