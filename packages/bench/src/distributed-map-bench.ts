/**
 * A distributed Map over 100,000 items beside an inline Map of the same items: wall time and peak
 * memory, each variant in a fresh process (`npm run bench:dmap -w @aslkit/bench`). Writes its table into
 * docs/benchmarks.md between the `dmap` markers (main.ts keeps that section when it rewrites the page).
 *
 * - inline: an INLINE Map over the items in the state input (its history holds every iteration's events).
 * - reader+batcher: an ItemReader reads the items from a JSON object in the in-memory store, an ItemBatcher
 *   makes 100 batches of 1,000, a ResultWriter writes the results back to the store.
 * - reader, one child per item: the same reader, no batcher: 100,000 child executions.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { createMemoryObjectStore, StateMachine, type Json, type StartOptions } from '@aslkit/core';
import type { EngineRun, PreparedMachine } from './engines/engine.js';
import { measureRuns } from './measure.js';
import { markdownTable } from './markdown-table.js';
import { DMAP_END, DMAP_START, withDmapSection } from './dmap-section.js';

export const VARIANTS = ['inline', 'reader+batcher', 'reader, one child per item'] as const;
type Variant = (typeof VARIANTS)[number];

const ITEMS = Number(process.env['DMAP_ITEMS'] ?? 100_000);
const SELF = fileURLToPath(import.meta.url);
const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

const items = (count: number): Json[] =>
  Array.from({ length: count }, (_, i) => ({ id: i, name: `item-${i}`, value: i * 3 }));

const processor = (mode: 'INLINE' | 'DISTRIBUTED') => ({
  ProcessorConfig: mode === 'DISTRIBUTED' ? { Mode: mode, ExecutionType: 'STANDARD' } : { Mode: mode },
  StartAt: 'Work',
  States: { Work: { Type: 'Pass', End: true } },
});

const reader = {
  Resource: 'arn:aws:states:::s3:getObject',
  ReaderConfig: { InputType: 'JSON' },
  Parameters: { Bucket: 'inputs', Key: 'items.json' },
};

function definition(variant: Variant): object {
  const map =
    variant === 'inline'
      ? { Type: 'Map', ItemProcessor: processor('INLINE'), End: true }
      : variant === 'reader+batcher'
        ? {
            Type: 'Map',
            ItemReader: reader,
            ItemBatcher: { MaxItemsPerBatch: 1_000 },
            ItemProcessor: processor('DISTRIBUTED'),
            ResultWriter: { Resource: 'arn:aws:states:::s3:putObject', Parameters: { Bucket: 'results', Prefix: 'r' } },
            End: true,
          }
        : { Type: 'Map', ItemReader: reader, ItemProcessor: processor('DISTRIBUTED'), End: true };
  return { StartAt: 'M', States: { M: map } };
}

/** One variant, measured in this process. */
async function measureVariant(variant: Variant): Promise<Record<string, number | string>> {
  const machine = StateMachine.from(definition(variant));
  const data = items(ITEMS);
  const base: StartOptions = {
    seed: 1,
    startTime: 0,
    history: { maxEvents: Infinity },
    limits: { payloadBytes: Infinity },
  };
  let children = 0;
  const prepared: PreparedMachine = {
    async run(input): Promise<EngineRun> {
      const store = createMemoryObjectStore({ inputs: { 'items.json': JSON.stringify(data) }, results: {} });
      const execution = machine.start(input as Json, { ...base, objectStore: store });
      const result = await execution.result;
      if (result.status !== 'SUCCEEDED') throw new Error(`${variant}: ${result.status} ${result.cause ?? ''}`);
      children = execution.mapRuns.reduce((sum, run) => sum + run.children.length, 0);
      return {
        output: result.output,
        retained: result,
        countEvents: () => ({ events: result.history.length, statesEntered: undefined }),
      };
    },
  };
  const measured = await measureRuns(prepared, variant === 'inline' ? data : {}, 1);
  return {
    variant,
    items: ITEMS,
    children,
    parentEvents: measured.last.countEvents().events ?? 0,
    wallMs: Math.round(measured.wallMs),
    peakHeapMB: +(measured.heapPeak / 2 ** 20).toFixed(1),
    peakRssMB: +(measured.rssPeak / 2 ** 20).toFixed(1),
    retainedBytesPerItem: Math.round((measured.heapRetained - measured.heapBaseline) / ITEMS),
  };
}

function renderSection(rows: Record<string, number | string>[]): string {
  const table = markdownTable(
    [
      'Variant',
      '>items',
      '>child executions',
      '>parent events',
      '>ms',
      '>peak heap MB',
      '>peak RSS MB',
      '>retained bytes/item',
    ],
    rows.map((r) => [
      String(r['variant']),
      Number(r['items']).toLocaleString('en-US'),
      Number(r['children']).toLocaleString('en-US'),
      Number(r['parentEvents']).toLocaleString('en-US'),
      Number(r['wallMs']).toLocaleString('en-US'),
      String(r['peakHeapMB']),
      String(r['peakRssMB']),
      Number(r['retainedBytesPerItem']).toLocaleString('en-US'),
    ]),
  );
  return [
    DMAP_START,
    '## Distributed Map: 100,000 items, ItemReader + ItemBatcher beside an inline Map',
    '',
    table,
    '',
    'Each variant runs once in a fresh `node --expose-gc` process (`npm run bench:dmap -w @aslkit/bench`), aslkit only',
    '(the peer runs no distributed Map). History and payload limits lifted; the Map Run keeps the histories of failed',
    'children only (none here). Peak heap as in W6 (largest heap V8 reported before a GC); retained: heap after the',
    'run with its result (and, inline, its history) still referenced.',
    DMAP_END,
  ].join('\n');
}

const variantArg = process.argv[2] as Variant | undefined;
if (variantArg !== undefined && (VARIANTS as readonly string[]).includes(variantArg)) {
  process.stdout.write(JSON.stringify(await measureVariant(variantArg)) + '\n');
} else if (process.argv[1] === SELF) {
  const rows = VARIANTS.map((variant) => {
    const out = execFileSync(process.execPath, ['--expose-gc', SELF, variant], { encoding: 'utf8' });
    const row = JSON.parse(out.trim().split('\n').pop()!) as Record<string, number | string>;
    process.stdout.write(`${JSON.stringify(row)}\n`);
    return row;
  });
  const section = renderSection(rows);
  const page = join(REPO_ROOT, 'docs', 'benchmarks.md');
  if (existsSync(page)) writeFileSync(page, withDmapSection(readFileSync(page, 'utf8'), section));
  process.stdout.write(`${section}\n`);
}
