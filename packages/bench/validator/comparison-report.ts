/**
 * Turns the comparisons into the markdown tables of docs/reference/validator-comparison.md.
 */
import { markdownTable } from '../src/markdown-table.js';
import { theirReason, type Comparison, type Outcome } from './compare-entry.js';
import type { CorpusEntry } from './corpus.js';
import { MUTATIONS } from './mutations/mutated-variants.js';

const SOURCES: CorpusEntry['source'][] = ['conformance', 'fixture', 'mutation'];
const OUTCOMES: Outcome[] = [
  'both right',
  'aslkit only',
  'asl-validator only',
  'both wrong',
  'agree (no AWS verdict)',
  'disagree (no AWS verdict)',
];

const count = <T>(items: readonly T[], test: (item: T) => boolean): number =>
  items.reduce((n, item) => n + (test(item) ? 1 : 0), 0);
const percent = (part: number, whole: number): string => (whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`);
const code = (text: string): string => `\`${text.replace(/`/g, "'")}\``;
const clip = (text: string, max = 110): string => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** The whole generated comparison section. */
export function comparisonReport(comparisons: readonly Comparison[], seeds: number): string {
  return [
    '## Results',
    '',
    summary(comparisons, seeds),
    '',
    '### Inputs',
    '',
    inputsTable(comparisons),
    '',
    '### Verdicts against AWS',
    '',
    outcomesTable(comparisons),
    '',
    '### Disagreement kinds',
    '',
    'Each row groups the definitions on which the two validators gave different verdicts for the same reason. "Right" is the one whose verdict is AWS\'s.',
    '',
    disagreementTable(comparisons),
    '',
    '### Every mutation',
    '',
    'Each mutation is applied to up to 3 different seed definitions (accepted by AWS); the columns count the variants each validator judged as AWS does.',
    '',
    mutationTable(comparisons),
    '',
    artifactNote(comparisons),
  ].join('\n');
}

function summary(comparisons: readonly Comparison[], seeds: number): string {
  const kinds = new Set(comparisons.flatMap((c) => (c.entry.kind === undefined ? [] : [c.entry.kind]))).size;
  const known = comparisons.filter((c) => c.entry.aws !== 'unknown');
  const ours = count(known, (c) => c.outcome === 'both right' || c.outcome === 'aslkit only');
  const theirs = count(known, (c) => c.outcome === 'both right' || c.outcome === 'asl-validator only');
  const disagreements = count(comparisons, (c) => c.disagreement !== undefined);
  const crashes = count(comparisons, (c) => c.theirs.threw !== undefined);
  return [
    `- ${comparisons.length} definitions (${kinds} mutation kinds applied to ${seeds} seeds among them); AWS's verdict is known for ${known.length}.`,
    `- aslkit gives AWS's verdict on **${ours} of ${known.length}** (${percent(ours, known.length)}); asl-validator on **${theirs} of ${known.length}** (${percent(theirs, known.length)}).`,
    `- The two disagree on ${disagreements} definitions; asl-validator threw on ${crashes}.`,
  ].join('\n');
}

function inputsTable(comparisons: readonly Comparison[]): string {
  const rows = SOURCES.map((source) => {
    const of = comparisons.filter((c) => c.entry.source === source);
    return [
      source,
      ...[
        of.length,
        count(of, (c) => c.entry.aws === 'valid'),
        count(of, (c) => c.entry.aws === 'invalid'),
        count(of, (c) => c.entry.aws === 'unknown'),
      ].map(String),
    ];
  });
  return markdownTable(['Source', '>Definitions', '>AWS: valid', '>AWS: invalid', '>AWS: unknown'], rows);
}

function outcomesTable(comparisons: readonly Comparison[]): string {
  const rows = OUTCOMES.map((outcome) => [
    outcome,
    ...SOURCES.map((source) => String(count(comparisons, (c) => c.entry.source === source && c.outcome === outcome))),
    String(count(comparisons, (c) => c.outcome === outcome)),
  ]).filter((row, i) => i < 4 || row.at(-1) !== '0');
  return markdownTable(['Outcome', '>Conformance', '>Fixtures', '>Mutations', '>Total'], rows);
}

function disagreementTable(comparisons: readonly Comparison[]): string {
  const groups = new Map<string, Comparison[]>();
  for (const c of comparisons)
    if (c.disagreement !== undefined) groups.set(c.disagreement, [...(groups.get(c.disagreement) ?? []), c]);
  const rows = [...groups.entries()]
    .sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b))
    .map(([label, members]) => {
      const example = members[0]!;
      return [
        clip(label, 90),
        String(members.length),
        awsVerdicts(members),
        rightSide(members),
        exampleOf(example),
        clip(example.entry.evidence, 90),
      ];
    });
  return rows.length === 0
    ? '(none)'
    : markdownTable(['Kind', '>Count', 'AWS', 'Right', 'Example', "Evidence for AWS's verdict"], rows);
}

function awsVerdicts(members: readonly Comparison[]): string {
  return [...new Set(members.map((c) => c.entry.aws))].join(', ');
}

function rightSide(members: readonly Comparison[]): string {
  const ours = count(members, (c) => c.outcome === 'aslkit only');
  const theirs = count(members, (c) => c.outcome === 'asl-validator only');
  const unknown = members.length - ours - theirs;
  if (unknown === members.length) return 'unknown';
  if (ours === members.length) return '**aslkit**';
  if (theirs === members.length) return '**asl-validator**';
  return `aslkit ${ours}, asl-validator ${theirs}, unknown ${unknown}`;
}

/** The example's id, and what the side that rejected it said. */
function exampleOf(c: Comparison): string {
  const what =
    c.ours.length > 0 ? `aslkit: ${c.ours[0]!.code} ${c.ours[0]!.message}` : `asl-validator: ${theirReason(c.theirs)}`;
  return `${code(c.entry.id)}: ${clip(what, 120)}`;
}

function mutationTable(comparisons: readonly Comparison[]): string {
  const rows = MUTATIONS.map((mutation) => {
    const variants = comparisons.filter((c) => c.entry.kind === mutation.kind);
    const right = (valid: (c: Comparison) => boolean) =>
      mutation.aws === 'unknown'
        ? `${count(variants, valid)} accept`
        : `${count(variants, (c) => valid(c) === (c.entry.aws === 'valid'))}/${variants.length}`;
    return [
      code(mutation.kind),
      mutation.change,
      mutation.aws,
      right((c) => c.ours.length === 0),
      right((c) => c.theirs.valid),
      clip(mutation.evidence, 80),
    ];
  });
  return markdownTable(['Mutation', 'Change', 'AWS', 'aslkit', 'asl-validator', 'Evidence'], rows);
}

function artifactNote(comparisons: readonly Comparison[]): string {
  const fixed = comparisons.filter((c) => c.entry.artifacts !== undefined);
  if (fixed.length === 0) return '';
  const kinds = [...new Set(fixed.flatMap((c) => c.entry.artifacts ?? []))];
  return `Recording artifacts undone before comparing (${fixed.length} cases): ${kinds.join('; ')}.`;
}
