// Crash test: a child process runs 50 executions (Waits, callbacks, Maps, Parallel, retries) on a
// SQLite file and is killed with SIGKILL at seeded points (while writing an event batch, before or
// after its commit, and once from outside at a random moment); each restart resumes from the file.
// In the end every execution has the same status, output and history, byte for byte, as in a run
// that was never killed. The child runs the built packages: `npm run build:packages` first.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteExecutionStore } from '../src/index.js';

const CHILD = join(import.meta.dirname, 'crash', 'crash-child.mjs');
const dir = mkdtempSync(join(tmpdir(), 'aslkit-crash-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Life {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function live(file: string, killAt = 0, killBefore = false, killAfterMs?: number): Promise<Life> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD, file, String(killAt), killBefore ? '1' : '0'], {
      cwd: import.meta.dirname,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = killAfterMs === undefined ? undefined : setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** mulberry32: the kill points come from a fixed seed. */
function seeded(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Each execution's status, record and history as the file holds them. */
function contents(file: string): Map<string, string> {
  const store = new SqliteExecutionStore(file);
  try {
    return new Map(
      store.listExecutions().map((record) => [
        record.executionArn,
        JSON.stringify({
          status: record.status,
          stopDate: record.stopDate,
          events: store.loadEvents(record.executionArn),
        }),
      ]),
    );
  } finally {
    store.close();
  }
}

describe('executions on SQLite survive SIGKILL', () => {
  it('end with the same output and history as a run that was never killed', { timeout: 120_000 }, async () => {
    const reference = join(dir, 'reference.db');
    const clean = await live(reference);
    expect(clean.stderr, 'run `npm run build:packages` first').toBe('');
    expect(clean.code).toBe(0);
    const { batches } = JSON.parse(clean.stdout) as { batches: number };
    const expected = contents(reference);
    expect(expected.size).toBe(50);
    expect([...expected.values()].every((text) => !text.includes('"status":"RUNNING"'))).toBe(true);

    const file = join(dir, 'crashed.db');
    const random = seeded(19);
    const lives: Life[] = [];
    for (let round = 0; round < 12; round++) {
      // One life is killed from outside, at a moment nobody chose; the others while writing a batch.
      const life =
        round === 1
          ? await live(file, 0, false, 150 + Math.floor(random() * 300))
          : await live(file, round === 11 ? 0 : 1 + Math.floor(random() * (batches / 3)), random() < 0.5);
      lives.push(life);
      expect(life.stderr).toBe('');
      if (life.code === 0) break;
      expect(life.signal).toBe('SIGKILL');
    }
    expect(lives.at(-1)!.code).toBe(0);
    expect(lives.filter((life) => life.signal === 'SIGKILL').length).toBeGreaterThanOrEqual(3);
    const actual = contents(file);
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    const differing = [...expected.keys()].filter((arn) => actual.get(arn) !== expected.get(arn));
    expect(differing).toEqual([]);
  });
});
