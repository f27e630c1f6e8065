import { describe, expect, it } from 'vitest';
import { mockResolvers } from './mocks.js';
import { parseResource } from './resource.js';
import { TaskError, type TaskContext } from './resolver.js';

const arn = 'arn:aws:states:::lambda:invoke';
const context = {
  stateName: 'T',
  clock: { now: () => 0, sleep: async () => undefined },
  signal: new AbortController().signal,
} as unknown as TaskContext;
const call = (router: ReturnType<typeof mockResolvers>, input: unknown, state = 'T') =>
  Promise.resolve().then(() =>
    router.find(parseResource(arn, 'r'), state)!(input as never, { ...context, stateName: state }),
  );

describe('mockResolvers', () => {
  it('answers in order, one entry per call, by state name before resource', async () => {
    const router = mockResolvers({
      T: [{ return: 1 }, { throw: { error: 'E', cause: 'c' } }],
      [arn]: [{ return: 'by-arn' }],
    });
    await expect(call(router, {})).resolves.toBe(1);
    await expect(call(router, {})).rejects.toMatchObject({ error: 'E', causeText: 'c' });
    await expect(call(router, {}, 'Other')).resolves.toBe('by-arn');
    expect(router.remaining()).toEqual({ T: 0, [arn]: 0 });
  });

  it('prefers the first unused entry whose input matches', async () => {
    const router = mockResolvers({
      T: [
        { input: { id: 1 }, return: 'one' },
        { input: { id: 2 }, return: 'two' },
      ],
    });
    await expect(call(router, { id: 2 })).resolves.toBe('two');
    await expect(call(router, { id: 9 })).resolves.toBe('one');
  });

  it('fails clearly when a script runs out', async () => {
    const router = mockResolvers({ T: [{ return: 1 }] });
    await call(router, {});
    const failure = await call(router, {}).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(TaskError);
    expect((failure as TaskError).causeText).toContain("no response left for call 2 (state 'T')");
  });

  it('serializes an object cause as JSON text', async () => {
    const router = mockResolvers({ T: [{ throw: { error: 'Lambda.Unknown', cause: { errorMessage: 'x' } } }] });
    await expect(call(router, {})).rejects.toMatchObject({ causeText: '{"errorMessage":"x"}' });
  });

  it('rejects a malformed script when created, naming the key and index, instead of answering undefined', () => {
    expect(() => mockResolvers({ T: [{ return: 1 }, { retrun: 2 } as never] })).toThrow(
      expect.objectContaining({ code: 'ASLKIT_INVALID_MOCKS', message: 'mocks: "T"[1]: unknown field "retrun"' }),
    );
    expect(() => mockResolvers({ T: { return: 1 } as never })).toThrow(/^mocks: "T": must be a list of responses/);
  });
});
