// Whole-machine guard of concurrent event order: every configuration's history must stay byte
// for byte what it was when the digests were recorded (ASLKIT_RECORD_ORDER=1 records them anew).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configurations } from './concurrent-order/configurations.js';
import { run } from './helpers.js';

const FIXTURE = join(import.meta.dirname, '../../../fixtures/concurrency/history-digests.json');
const recording = process.env['ASLKIT_RECORD_ORDER'] === '1';

async function digest(config: ReturnType<typeof configurations>[number]): Promise<string> {
  const result = await run(config.definition, config.input, config.options);
  const { status, output, error, cause, history } = result;
  const text = JSON.stringify({ status, output, error, cause, history });
  return `${history.length} ${createHash('sha256').update(text).digest('hex')}`;
}

describe('event order of concurrent branches', () => {
  const all = configurations();

  it.skipIf(!recording)('records the digests', async () => {
    const digests: Record<string, string> = {};
    for (const config of all) digests[config.name] = await digest(config);
    writeFileSync(FIXTURE, `${JSON.stringify(digests, null, 2)}\n`);
  });

  it.skipIf(recording)("keeps every configuration's history byte-identical", async () => {
    const expected = JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, string>;
    expect(Object.keys(expected)).toEqual(all.map((c) => c.name));
    const changed: string[] = [];
    for (const config of all) if ((await digest(config)) !== expected[config.name]) changed.push(config.name);
    expect(changed).toEqual([]);
  });
});
