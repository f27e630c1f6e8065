/** Prints failures with a short diff and the closing `N passed, M failed, K skipped` line. */
import type { CaseOutcome } from './run-case.js';

export interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  skipsByRule: Map<string, number>;
}

const clip = (value: unknown, max = 300): string => {
  const text =
    value === undefined
      ? 'undefined'
      : typeof value === 'string'
        ? JSON.stringify(value)
        : (JSON.stringify(value) ?? typeof value);
  return text.length > max ? `${text.slice(0, max)}…` : text;
};

export function formatFailure(name: string, outcome: Extract<CaseOutcome, { kind: 'failed' }>): string {
  const lines = [`✗ ${name}`];
  for (const m of outcome.mismatches.slice(0, 4)) {
    lines.push(`    ${m.what}:`, `      - expected ${clip(m.expected)}`, `      + actual   ${clip(m.actual)}`);
  }
  if (outcome.mismatches.length > 4) lines.push(`    (+${outcome.mismatches.length - 4} more differences)`);
  return lines.join('\n');
}

export function tally(outcomes: CaseOutcome[]): Tally {
  const result: Tally = { passed: 0, failed: 0, skipped: 0, skipsByRule: new Map() };
  for (const outcome of outcomes) {
    result[outcome.kind]++;
    if (outcome.kind === 'skipped')
      result.skipsByRule.set(outcome.rule, (result.skipsByRule.get(outcome.rule) ?? 0) + 1);
  }
  return result;
}

export const summaryLine = (t: Tally): string => `${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`;
