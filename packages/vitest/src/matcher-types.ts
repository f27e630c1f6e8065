/**
 * The matchers' types, added to Vitest's `Assertion` so `expect(run).toSucceed()` type-checks
 * once `@aslkit/vitest` is imported anywhere in the project (the setup file is enough).
 */
import 'vitest';
import type { AttemptStages } from '@aslkit/core';
import type { StageSelector } from './matchers/stage-matchers.js';

/** An expected error or cause: exact text, a RegExp, or an asymmetric matcher such as `expect.stringContaining`. */
export type TextExpectation = string | RegExp | { asymmetricMatch(value: unknown): boolean };

export interface AslkitMatchers<R = unknown> {
  /** The execution ended SUCCEEDED. */
  toSucceed(): R;
  /** The execution ended SUCCEEDED with this output (deep equality; asymmetric matchers allowed). */
  toSucceedWith(output: unknown): R;
  /** The execution ended without success (FAILED, TIMED_OUT or ABORTED) with this error, and this cause when given. */
  toFailWith(error: TextExpectation, cause?: TextExpectation): R;
  /** The state was entered at least once, or exactly `times` times, anywhere in the execution. */
  toHaveVisited(state: string, times?: number): R;
  /** The top-level states, in order, were exactly these (branch and iteration states are not listed). */
  toHaveTakenPath(path: readonly string[]): R;
  /** Somewhere in the execution, `from` was left for `to` (by Next, a Choice rule, a Default or a catcher). */
  toHaveTransitioned(from: string, to: string): R;
  /** The state was retried at least once, or exactly `times` times over all its visits. */
  toHaveRetried(state: string, times?: number): R;
  /** The state's Catch caught an error, with this error name when given. */
  toHaveCaught(state: string, error?: TextExpectation): R;
  /**
   * The state had this value after `stage` (`afterParameters`, `result`, `output`, ...) in a run
   * started with `inspect: true`: on its `visit`-th visit (from 1) and `attempt` (from 0) when given.
   */
  toHaveStage(state: string, stage: keyof AttemptStages, value: unknown, selector?: StageSelector): R;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  interface Assertion<T = any> extends AslkitMatchers<T> {}
  interface AsymmetricMatchersContaining extends AslkitMatchers {}
  interface ProvidedContext {
    /** Set by `coverageGlobalSetup`: where workers write their coverage files. */
    aslkitCoverageDir?: string;
  }
}
