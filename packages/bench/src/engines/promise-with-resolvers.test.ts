import { describe, expect, it } from 'vitest';
import { installPromiseWithResolvers } from './promise-with-resolvers.js';

type WithResolvers = { withResolvers: <T>() => { promise: Promise<T>; resolve: (value: T) => void; reject: (reason?: unknown) => void } };

describe('installPromiseWithResolvers', () => {
  it('provides a standard Promise.withResolvers and installs it only once', async () => {
    const native = typeof (Promise as unknown as Partial<WithResolvers>).withResolvers === 'function';
    expect(installPromiseWithResolvers()).toBe(!native);
    expect(installPromiseWithResolvers()).toBe(false);
    const { withResolvers } = Promise as unknown as WithResolvers;
    const ok = withResolvers.call(Promise) as ReturnType<WithResolvers['withResolvers']>;
    ok.resolve(7);
    await expect(ok.promise).resolves.toBe(7);
    const bad = withResolvers.call(Promise) as ReturnType<WithResolvers['withResolvers']>;
    bad.reject(new Error('no'));
    await expect(bad.promise).rejects.toThrow('no');
    expect(Object.getOwnPropertyDescriptor(Promise, 'withResolvers')?.enumerable).toBe(false);
  });
});
