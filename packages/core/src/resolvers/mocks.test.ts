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

describe('mockResolvers: repeat and the "*" key', () => {
  it('answers every further call from a repeating entry, after the entries before it', async () => {
    const router = mockResolvers({ T: [{ return: 'first' }, { return: 'again', repeat: true }] });
    const answers: unknown[] = [];
    for (let i = 0; i < 5; i++) answers.push(await call(router, {}));
    expect(answers).toEqual(['first', 'again', 'again', 'again', 'again']);
    expect(router.remaining()).toEqual({ T: 0 });
  });

  it('prefers an entry whose input matches, even over a repeating one', async () => {
    const router = mockResolvers({
      T: [
        { return: 'any', repeat: true },
        { input: { id: 7 }, return: 'seven' },
      ],
    });
    await expect(call(router, { id: 7 })).resolves.toBe('seven');
    await expect(call(router, { id: 7 })).resolves.toBe('any');
  });

  it('answers states no other key names from "*", and keeps it apart as the fallback', async () => {
    const router = mockResolvers({ T: [{ return: 't' }], '*': [{ return: 'star', repeat: true }] });
    await expect(call(router, {}, 'Other')).resolves.toBe('star');
    await expect(call(router, {}, 'T')).resolves.toBe('t');
    expect(router.keyed.find(parseResource(arn, 'r'), 'Other')).toBeUndefined();
    expect(router.fallback.find(parseResource(arn, 'r'), 'T')).toBeDefined();
  });

  it('says how to answer more calls when a script runs out', async () => {
    const router = mockResolvers({ T: [{ return: 1 }] });
    await call(router, {});
    const failure = (await call(router, {}).catch((error: unknown) => error)) as TaskError;
    expect(failure.causeText).toContain('mark the last one "repeat": true');
  });
});
