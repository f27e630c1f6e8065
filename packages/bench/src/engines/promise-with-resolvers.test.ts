import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Vite does not transform `.cts` sources, so this tests the built module, the one the bench runs.
const BUILT = fileURLToPath(new URL('../../dist/engines/promise-with-resolvers.cjs', import.meta.url));

type WithResolvers = {
  withResolvers: <T>() => { promise: Promise<T>; resolve: (value: T) => void; reject: (reason?: unknown) => void };
};

describe('installPromiseWithResolvers', () => {
  it('is a CommonJS module exporting the installer by name', () => {
    if (!existsSync(BUILT)) throw new Error(`${BUILT} is missing: run \`npx tsc -b packages/bench\` first`);
    expect(Object.keys(createRequire(import.meta.url)(BUILT) as object)).toEqual(['installPromiseWithResolvers']);
  });

  it('provides a standard Promise.withResolvers and installs it only once', async () => {
    const { installPromiseWithResolvers } = createRequire(import.meta.url)(
      BUILT,
    ) as typeof import('./promise-with-resolvers.cjs');
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
