/**
 * Side by side: aslkit's validator and the npm package asl-validator on the same definitions
 * (conformance cases, fixtures, mutated variants), each judged against AWS's verdict. Writes
 * the results into docs/reference/validator-comparison.md.
 *
 *   node packages/bench/validator/dist/validator/compare.js [--limit N] [--no-write]
 *
 * --limit N compares only the first N definitions (a quick look; implies --no-write).
 * asl-validator compiles its JSON schemas on every call (a few hundred ms each), so a full
 * run takes minutes.
 */
import { parseArgs } from 'node:util';
import { compareEntry, type Comparison } from './compare-entry.js';
import { comparisonReport } from './comparison-report.js';
import { loadConformanceCases, loadFixtures, type CorpusEntry } from './corpus.js';
import { mutatedVariants, pickSeeds } from './mutations/mutated-variants.js';
import { REPORT_FILE, writeSection } from './report-section.js';

function main(): void {
  const { values } = parseArgs({ options: { limit: { type: 'string' }, 'no-write': { type: 'boolean' } } });
  const cases = loadConformanceCases();
  if (cases.length === 0)
    throw new Error('no conformance cases found (expected ../shared/conformance/cases beside the repository)');
  const fixtures = loadFixtures();
  const seeds = pickSeeds([...cases.filter((entry) => !entry.id.startsWith('case:validation__')), ...fixtures]);
  const mutations = mutatedVariants(seeds);
  let corpus: CorpusEntry[] = [...cases, ...fixtures, ...mutations];
  const limit = values.limit === undefined ? undefined : Number(values.limit);
  if (limit !== undefined) {
    if (!Number.isInteger(limit) || limit <= 0)
      throw new Error(`--limit must be a positive integer, got ${values.limit}`);
    corpus = corpus.slice(0, limit);
  }
  process.stderr.write(
    `${cases.length} cases, ${fixtures.length} fixtures, ${mutations.length} mutated variants of ${seeds.length} seeds\n`,
  );

  const comparisons: Comparison[] = [];
  const started = performance.now();
  for (const entry of corpus) {
    comparisons.push(compareEntry(entry));
    if (comparisons.length % 50 === 0) {
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      process.stderr.write(`  ${comparisons.length}/${corpus.length} compared (${seconds} s)\n`);
    }
  }

  const report = comparisonReport(comparisons, seeds.length);
  process.stdout.write(`${report}\n`);
  if (limit === undefined && values['no-write'] !== true) {
    writeSection(REPORT_FILE(), 'comparison', report);
    process.stderr.write(`written to ${REPORT_FILE()}\n`);
  }
}

main();
