import { describe, expect, it } from 'vitest';
import { END_STATUS } from './event-kinds.js';

describe('END_STATUS', () => {
  it('names the four terminal events and nothing an object inherits', () => {
    expect(Object.keys(END_STATUS).sort()).toEqual([
      'ExecutionAborted',
      'ExecutionFailed',
      'ExecutionSucceeded',
      'ExecutionTimedOut',
    ]);
    for (const inherited of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
      expect(END_STATUS[inherited]).toBeUndefined();
  });
});
