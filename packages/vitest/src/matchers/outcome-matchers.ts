/**
 * How an execution ended: `toSucceed`, `toSucceedWith(output)`, `toFailWith(error, cause?)`.
 */
import type { MatcherState } from 'vitest';
import { clip } from '@aslkit/node';
import { matchesText, notARun, runContext, viewRun, type MatcherResult } from './received.js';

export function toSucceed(this: MatcherState, received: unknown): MatcherResult {
  const run = viewRun(received);
  if (!run) return { pass: false, message: () => notARun(this, '.toSucceed', received) };
  const pass = run.status === 'SUCCEEDED';
  return {
    pass,
    message: () =>
      `${this.utils.matcherHint('.toSucceed', 'run', '', { isNot: this.isNot })}\n\n` +
      (pass
        ? 'expected the execution not to succeed, but it did'
        : `expected the execution to succeed, but it ended ${run.status}`) +
      runContext(run),
  };
}

export function toSucceedWith(this: MatcherState, received: unknown, expected: unknown): MatcherResult {
  const run = viewRun(received);
  if (!run) return { pass: false, message: () => notARun(this, '.toSucceedWith', received) };
  const succeeded = run.status === 'SUCCEEDED';
  const pass = succeeded && this.equals(run.output, expected, this.customTesters);
  const hint = this.utils.matcherHint('.toSucceedWith', 'run', 'output', { isNot: this.isNot });
  return {
    pass,
    actual: run.output,
    expected,
    message: () => {
      if (pass)
        return `${hint}\n\nexpected the execution not to succeed with ${this.utils.printExpected(expected)}, but it did${runContext(run)}`;
      if (!succeeded)
        return `${hint}\n\nexpected the execution to succeed, but it ended ${run.status}${runContext(run)}`;
      const diff = this.utils.diff(expected, run.output, { expand: false });
      return `${hint}\n\nthe execution succeeded with a different output\n\n${diff ?? `Expected: ${this.utils.printExpected(expected)}\nReceived: ${this.utils.printReceived(run.output)}`}${runContext(run)}`;
    },
  };
}

export function toFailWith(this: MatcherState, received: unknown, error: unknown, cause?: unknown): MatcherResult {
  const run = viewRun(received);
  if (!run) return { pass: false, message: () => notARun(this, '.toFailWith', received) };
  const failed = run.status !== 'SUCCEEDED' && run.status !== 'RUNNING';
  const errorMatches = matchesText(this, run.error, error);
  const causeMatches = cause === undefined || matchesText(this, run.cause, cause);
  const pass = failed && errorMatches && causeMatches;
  const hint = this.utils.matcherHint('.toFailWith', 'run', cause === undefined ? 'error' : 'error, cause', {
    isNot: this.isNot,
  });
  const wanted = `${this.utils.printExpected(error)}${cause === undefined ? '' : ` and cause ${this.utils.printExpected(cause)}`}`;
  return {
    pass,
    message: () => {
      if (pass) return `${hint}\n\nexpected the execution not to fail with ${wanted}, but it did${runContext(run)}`;
      if (!failed)
        return `${hint}\n\nexpected the execution to fail with ${wanted}, but it ended ${run.status}${runContext(run)}`;
      const lines = [`expected the execution to fail with ${wanted}`];
      lines.push(`${errorMatches ? '  error (matches):' : '  error:'} ${this.utils.printReceived(run.error)}`);
      if (cause !== undefined)
        lines.push(
          `${causeMatches ? '  cause (matches):' : '  cause:'} ${this.utils.printReceived(run.cause === undefined ? undefined : clip(run.cause))}`,
        );
      return `${hint}\n\n${lines.join('\n')}${runContext(run)}`;
    },
  };
}
