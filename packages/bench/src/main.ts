/**
 * `npm run bench`: runs W1-W7 through aslkit and aws-local-stepfunctions, prints the table
 * and writes docs/benchmarks.md.
 *
 * Flags: `--quick` (tiny sizes, one repetition, writes nothing unless `--out`), `--only W1,W4`,
 * `--reps n`, `--out file.md`, `--no-write`, `--json file` (raw samples), `--profile` (adds
 * aslkit CPU profiles of the selected workloads), `--from-json file` (renders the report again from
 * raw samples written by `--json`, with the current findings.md, running nothing).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dmapSection, withDmapSection } from './dmap-section.js';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadavg } from 'node:os';
import { loadWorkloads, REPO_ROOT, type Mode } from './fixtures.js';
import { machineInfo } from './machine-info.js';
import { profileAslkit, renderProfiles } from './profiles.js';
import { renderReport } from './report.js';
import { runSuite, type SuiteResult } from './suite.js';
import { fromRaw, toRaw, type RawResults } from './raw-results.js';
import { summarizeColdStart, summarizeRun } from './summary.js';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    reps: { type: 'string' },
    out: { type: 'string' },
    'no-write': { type: 'boolean', default: false },
    json: { type: 'string' },
    profile: { type: 'boolean', default: false },
    'from-json': { type: 'string' },
  },
  strict: true,
});

const mode: Mode = values.quick ? 'quick' : 'full';
const only = values.only?.split(',').map((id) => id.trim().toUpperCase());
const reps = values.reps === undefined ? undefined : Number(values.reps);
if (reps !== undefined && (!Number.isSafeInteger(reps) || reps < 1))
  throw new Error(`--reps must be a positive integer, got ${values.reps}`);

const workloads = loadWorkloads(mode).filter((workload) => !only || only.includes(workload.id));
if (workloads.length === 0) throw new Error(`No workload matches --only ${values.only ?? ''}`);

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const started = Date.now();
// Prose kept beside the harness, so a new run keeps it: what the profiles showed, why targets are missed.
const FINDINGS = join(REPO_ROOT, 'packages', 'bench', 'findings.md');
const findings = mode === 'full' && existsSync(FINDINGS) ? readFileSync(FINDINGS, 'utf8') : undefined;

let suite: SuiteResult;
let measured: RawResults['context'];
if (values['from-json'] !== undefined) {
  const raw = JSON.parse(readFileSync(resolve(values['from-json']), 'utf8')) as RawResults;
  suite = fromRaw(raw, workloads);
  measured = raw.context;
} else {
  const loadBefore = loadavg()[0] ?? NaN;
  suite = runSuite(workloads, { reps, log });
  const profiles = values.profile ? profileAslkit(workloads, 15, log) : [];
  measured = {
    machine: machineInfo(),
    mode,
    date: new Date().toISOString(),
    load: { before: loadBefore, after: loadavg()[0] ?? NaN },
    // Durable executions have their own benchmark and page (npm run bench:resume).
    appendix: [
      renderProfiles(profiles),
      '## Durable executions\n\nResuming 10,000 executions that wait on callbacks: [benchmarks-durable.md](benchmarks-durable.md) (`npm run bench:resume`).\n',
    ]
      .filter(Boolean)
      .join('\n'),
  };
}
const context = { ...measured, findings };

process.stdout.write(`\n${renderReport(suite, context, { method: false })}\n`);
log(`bench finished in ${((Date.now() - started) / 1000).toFixed(1)} s`);

// A quick or partial run must not overwrite the full results in the docs.
const defaultOut = mode === 'full' && !only ? join(REPO_ROOT, 'docs', 'benchmarks.md') : undefined;
const out = values['no-write'] ? undefined : values.out === undefined ? defaultOut : resolve(values.out);
if (out !== undefined) {
  mkdirSync(dirname(out), { recursive: true });
  // The distributed Map section has its own writer: its section survives this rewrite.
  const kept = existsSync(out) ? dmapSection(readFileSync(out, 'utf8')) : undefined;
  const report = renderReport(suite, context);
  writeFileSync(out, kept === undefined ? report : withDmapSection(report, kept));
  log(`wrote ${out}`);
}
if (values.json !== undefined)
  writeFileSync(resolve(values.json), JSON.stringify(toRaw(suite, measured), null, 2) + '\n');

// CI fails on a crashed run or on engines that disagree (the comparison would be meaningless).
const runsBad = suite.runs.map(summarizeRun).some((s) => !s.outputsMatch || !s.transitionsMatch);
const coldBad = suite.coldStarts.map(summarizeColdStart).some((s) => !s.allOk || !s.outputsMatch);
process.exitCode = runsBad || coldBad ? 1 : 0;
