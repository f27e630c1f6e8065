/**
 * The matcher set for `expect.extend`. The setup file registers it; register it yourself
 * when you do not use the setup file.
 */
import { toFailWith, toSucceed, toSucceedWith } from './outcome-matchers.js';
import { toHaveTakenPath, toHaveTransitioned, toHaveVisited } from './path-matchers.js';
import { toHaveCaught, toHaveRetried } from './retry-catch-matchers.js';
import { toHaveStage } from './stage-matchers.js';

/**
 * Every aslkit matcher, keyed by name.
 * @example
 * import { expect } from 'vitest';
 * expect.extend(aslkitMatchers);
 */
export const aslkitMatchers = {
  toSucceed,
  toSucceedWith,
  toFailWith,
  toHaveVisited,
  toHaveTakenPath,
  toHaveTransitioned,
  toHaveRetried,
  toHaveCaught,
  toHaveStage,
};
