/**
 * Benchmark (not a test) of definition validation: aslkit's `validate` beside the npm package
 * asl-validator on the same inputs, a generated 500-state definition and a batch of 10,000
 * small ones. Prints a table and writes it into docs/reference/validator-comparison.md.
 *
 *   node --expose-gc packages/bench/validator/dist/validator/validate.bench.js [--asl-sample N] [--full] [--no-write]
 *
 * asl-validator builds a new ajv instance and compiles its schemas on every call, so the
 * batch goes through it as an evenly spaced sample of N definitions (default 500), and the
 * total is extrapolated; --full runs all 10,000 through it (about an hour).
 */
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { JsonObject } from '@aslkit/core';
import { markdownTable } from '../src/markdown-table.js';
import { loadAslValidator } from './asl-validator-run.js';
import { largeDefinition, smallDefinitions } from './bench-definitions.js';
import { REPORT_FILE, writeSection } from './report-section.js';

interface Samples {
  first?: number;
  runs: number[];
}

const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);
const ms = (value: number): string =>
  value >= 100 ? value.toFixed(0) : value >= 1 ? value.toFixed(2) : value.toFixed(3);
const sorted = (values: readonly number[]): number[] => [...values].sort((a, b) => a - b);
const median = (values: readonly number[]): number => sorted(values)[Math.floor(values.length / 2)] ?? NaN;
const p95 = (values: readonly number[]): number =>
  sorted(values)[Math.min(values.length - 1, Math.floor(values.length * 0.95))] ?? NaN;
const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;

/** Milliseconds `work` takes, once. */
function time(work: () => unknown): number {
  const start = performance.now();
  work();
  return performance.now() - start;
}

/** `warmup` untimed calls, then `runs` timed ones; `inputs(i)` is made outside the timing. */
function measure<T>(call: (input: T) => unknown, inputs: (i: number) => T, warmup: number, runs: number): number[] {
  for (let i = 0; i < warmup; i++) call(inputs(i));
  gc();
  const prepared = Array.from({ length: runs }, (_, i) => inputs(warmup + i));
  return prepared.map((input) => time(() => call(input)));
}

/** Like `measure` for several calls, taking turns, so that GC and JIT drift land on all of them alike. */
function measureInTurns(calls: Record<string, () => unknown>, warmup: number, runs: number): Record<string, number[]> {
  const entries = Object.entries(calls);
  for (let i = 0; i < warmup; i++) for (const [, call] of entries) call();
  gc();
  const samples: Record<string, number[]> = Object.fromEntries(entries.map(([name]) => [name, []]));
  for (let i = 0; i < runs; i++) for (const [name, call] of entries) samples[name]!.push(time(call));
  return samples;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'asl-sample': { type: 'string' }, full: { type: 'boolean' }, 'no-write': { type: 'boolean' } },
  });
  const load = loadavg()[0]!;

  // Load times, and the first calls, before anything else has warmed either validator.
  const coreLoad = await timeAsync(() => import('@aslkit/core'));
  const { validate } = await import('@aslkit/core');
  const aslLoad = time(loadAslValidator);
  const aslValidator = loadAslValidator();

  const large = largeDefinition(500);
  const largeText = JSON.stringify(large, null, 2);
  const ours: Record<string, Samples> = {};
  let diagnostics: ReturnType<typeof validate> = [];
  const oursFirst = time(() => (diagnostics = validate(largeText)));
  check(
    diagnostics.filter((d) => d.severity === 'ERROR').length === 0,
    `aslkit rejects the 500-state definition: ${JSON.stringify(diagnostics[0])}`,
  );
  const clone = structuredClone(large);
  let theirsValid = false;
  const theirsFirst = time(() => (theirsValid = aslValidator(clone).isValid));
  check(theirsValid, 'asl-validator rejects the 500-state definition');

  progress('500-state definition');
  const turns = measureInTurns({ text: () => validate(largeText), object: () => validate(large) }, 20, 300);
  ours['text'] = { first: oursFirst, runs: turns.text! };
  ours['object'] = { runs: turns.object! };
  const theirs: Samples = { first: theirsFirst, runs: measure(aslValidator, () => structuredClone(large), 3, 20) };

  progress('10,000 small definitions');
  const small = smallDefinitions(10_000);
  const smallTexts = small.map((definition) => JSON.stringify(definition, null, 2));
  let oursInvalid = 0;
  const batches = measureInTurns(
    {
      text: () => (oursInvalid = smallTexts.filter((text) => hasError(validate(text))).length),
      object: () => small.filter((definition) => hasError(validate(definition))).length,
    },
    1,
    3,
  );
  check(oursInvalid === 1000, `aslkit finds ${oursInvalid} invalid small definitions, expected 1000`);

  const sampleSize = values.full === true ? small.length : Math.min(small.length, Number(values['asl-sample'] ?? 500));
  check(
    Number.isInteger(sampleSize) && sampleSize > 0,
    `--asl-sample must be a positive integer, got ${values['asl-sample']}`,
  );
  const step = small.length / sampleSize;
  // The offset walks through the ten residues, so the sample holds its share of the broken tenth.
  const offset = (i: number): number => i % Math.min(10, Math.floor(step));
  const sample: JsonObject[] = Array.from({ length: sampleSize }, (_, i) =>
    structuredClone(small[Math.floor(i * step) + offset(i)]!),
  );
  gc();
  let theirsInvalid = 0;
  const theirsSample = time(
    () => (theirsInvalid = sample.filter((definition) => !aslValidator(definition).isValid).length),
  );

  const table = report({
    load,
    coreLoad,
    aslLoad,
    large: { ours, theirs },
    batch: {
      oursText: batches.text!,
      oursObject: batches.object!,
      theirsSample,
      sampleSize,
      theirsInvalid,
      total: small.length,
    },
  });
  process.stdout.write(`${table}\n`);
  if (values['no-write'] !== true) {
    writeSection(REPORT_FILE(), 'benchmark', table);
    process.stderr.write(`written to ${REPORT_FILE()}\n`);
  }
}

async function timeAsync(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

const hasError = (diagnostics: readonly { severity: string }[]): boolean =>
  diagnostics.some((d) => d.severity === 'ERROR');

function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(message);
}

function progress(what: string): void {
  process.stderr.write(`measuring: ${what}\n`);
}

interface Results {
  load: number;
  coreLoad: number;
  aslLoad: number;
  large: { ours: Record<string, Samples>; theirs: Samples };
  batch: {
    oursText: number[];
    oursObject: number[];
    theirsSample: number;
    sampleSize: number;
    theirsInvalid: number;
    total: number;
  };
}

function report({ load, coreLoad, aslLoad, large, batch }: Results): string {
  const cpu = cpus();
  const perValidation = (label: string, samples: Samples, input: string): string[] => [
    label,
    input,
    samples.first === undefined ? '–' : ms(samples.first),
    ms(median(samples.runs)),
    ms(mean(samples.runs)),
    ms(p95(samples.runs)),
    String(samples.runs.length),
  ];
  const largeTable = markdownTable(
    ['Validator', 'Input', '>First call (ms)', '>Median (ms)', '>Mean (ms)', '>p95 (ms)', '>Runs'],
    [
      perValidation('aslkit', large.ours['text']!, 'JSON text'),
      perValidation('aslkit', large.ours['object']!, 'parsed object'),
      perValidation('asl-validator', large.theirs, 'parsed object'),
    ],
  );
  const oursBatch = (label: string, runs: number[]): string[] => {
    const best = Math.min(...runs);
    return [
      label,
      String(batch.total),
      ms(best),
      ms(best / batch.total),
      Math.round((1000 * batch.total) / best).toLocaleString('en-US'),
      'measured, best of 3 passes',
    ];
  };
  const theirPer = batch.theirsSample / batch.sampleSize;
  const extrapolated = batch.sampleSize < batch.total;
  const batchTable = markdownTable(
    ['Validator', '>Definitions', '>Total (ms)', '>Per definition (ms)', '>Definitions/s', 'How'],
    [
      oursBatch('aslkit, JSON text', batch.oursText),
      oursBatch('aslkit, parsed objects', batch.oursObject),
      [
        'asl-validator, parsed objects',
        String(batch.total),
        ms(theirPer * batch.total),
        ms(theirPer),
        (1000 / theirPer).toFixed(1),
        extrapolated
          ? `extrapolated from ${batch.sampleSize} evenly spaced (${ms(batch.theirsSample)} ms)`
          : 'measured',
      ],
    ],
  );
  return [
    '## Benchmark',
    '',
    `Node ${process.version}, ${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${process.platform}; 1-minute load average ${load.toFixed(2)} at the start (other work was running on this machine, so treat the figures as ±20%).`,
    `Module load: \`@aslkit/core\` ${ms(coreLoad)} ms (the whole engine), \`asl-validator\` ${ms(aslLoad)} ms.`,
    '',
    '### One 500-state definition',
    '',
    'Generated: Pass (payload templates, intrinsics), Task (Retry, Catch), Choice (And), Wait, Parallel (2 branches) and inline Map blocks, 500 states in all, valid. "First call" is the first validation in the process: for aslkit it includes the first run of its ahead-of-time compiled schema validator (V8 compiles it on first use); asl-validator builds and compiles its schemas on every call. Runs follow 20 warm-up calls (3 for asl-validator); the two input forms of aslkit take turns.',
    '',
    largeTable,
    '',
    '### A batch of 10,000 small definitions',
    '',
    `2 to 4 states each, five shapes (Pass, Task + Choice, Wait, Parallel, Map), names and values all different; every tenth has a broken \`Next\`. aslkit found 1000 invalid; asl-validator found ${batch.theirsInvalid} in its ${batch.sampleSize}.`,
    '',
    batchTable,
  ].join('\n');
}

await main();
