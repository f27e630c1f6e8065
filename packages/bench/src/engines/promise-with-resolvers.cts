/**
 * The standard `Promise.withResolvers` (ES2024) for Node 20. aws-local-stepfunctions 3.x
 * targets Node 22 and calls it in every Task state; the bench installs it in the peer's
 * process only, so aslkit is never measured with it present. CommonJS, so that both W5
 * scripts (the `require` one and the `import` one) and the child can load it.
 */

interface WithResolvers {
  withResolvers?: <T>() => { promise: Promise<T>; resolve: (value: T) => void; reject: (reason?: unknown) => void };
}

/** Defines `Promise.withResolvers` when the runtime lacks it; returns whether it did. */
function installPromiseWithResolvers(): boolean {
  const PromiseCtor = Promise as unknown as PromiseConstructor & WithResolvers;
  if (typeof PromiseCtor.withResolvers === 'function') return false;
  Object.defineProperty(PromiseCtor, 'withResolvers', {
    value: function withResolvers<T>(this: PromiseConstructor) {
      let resolve!: (value: T) => void;
      let reject!: (reason?: unknown) => void;
      const promise = new this<T>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      return { promise, resolve, reject };
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });
  return true;
}

// An object literal of names, so Node's CommonJS lexer gives ES importers a named export.
export = { installPromiseWithResolvers };
