/**
 * A Node.js Lambda function of a template, run as Lambda runs it: in a sandbox of its own (a
 * worker thread, so its environment variables and module state are its own), loaded on the first
 * call (cold start) and kept warm, handler `file.export` looked up the way the runtime looks it up
 * (`.js`, `.mjs`, `.cjs`), and ended when the function times out. Errors come back in Lambda's
 * shape, `Runtime.ImportModuleError` and `Runtime.HandlerNotFound` included.
 */
import { Worker } from 'node:worker_threads';

/** What a handler receives and returns across the thread boundary. */
export interface FunctionCall {
  event: unknown;
  context: Record<string, unknown>;
  timeoutMs: number;
}

export type FunctionReply =
  { result: unknown } | { error: { errorType: string; errorMessage: string; stackTrace: string[] } };

// CommonJS, run with `eval`: the package's sources are TypeScript in tests and JavaScript when built.
const WORKER = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { pathToFileURL } = require('node:url');
const { existsSync } = require('node:fs');
const { join } = require('node:path');
let loaded;
function failure(type, message, error) {
  return { errorType: type, errorMessage: message, stackTrace: error && error.stack ? String(error.stack).split('\n').slice(1) : [] };
}
async function load() {
  const { dir, handler } = workerData;
  const dot = handler.lastIndexOf('.');
  const file = handler.slice(0, dot);
  const name = handler.slice(dot + 1);
  const found = ['.js', '.mjs', '.cjs'].map((ext) => join(dir, file + ext)).find((path) => existsSync(path));
  if (!found) throw { lambda: failure('Runtime.ImportModuleError', "Error: Cannot find module '" + file + "'") };
  let module;
  try {
    module = await import(pathToFileURL(found).href);
  } catch (error) {
    throw { lambda: failure('Runtime.ImportModuleError', String(error && error.message ? error.message : error), error) };
  }
  const fn = module[name] ?? (module.default && module.default[name]);
  if (typeof fn !== 'function') throw { lambda: failure('Runtime.HandlerNotFound', handler + ' is undefined or not exported') };
  return fn;
}
function invoke(fn, event, context) {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (error, result) => {
      if (done) return;
      done = true;
      if (error === undefined || error === null) resolve(result); else reject(error);
    };
    let returned;
    try { returned = fn(event, context, finish); } catch (error) { return finish(error); }
    if (returned && typeof returned.then === 'function') returned.then((v) => finish(null, v), (e) => finish(e === null || e === undefined ? new Error(String(e)) : e));
    else if (fn.length < 3) finish(null, null);
  });
}
parentPort.on('message', async ({ id, event, context, timeoutMs }) => {
  const deadline = performance.now() + timeoutMs;
  const ctx = { ...context, getRemainingTimeInMillis: () => Math.max(0, Math.round(deadline - performance.now())) };
  try {
    loaded ??= load();
    const fn = await loaded;
    const result = await invoke(fn, event, ctx);
    parentPort.postMessage({ id, result: result === undefined ? null : JSON.parse(JSON.stringify(result)) });
  } catch (error) {
    if (error && error.lambda) return parentPort.postMessage({ id, error: error.lambda });
    const isError = error instanceof Error || (error && typeof error === 'object' && 'message' in error);
    parentPort.postMessage({ id, error: isError ? failure(String(error.name || 'Error'), String(error.message), error) : failure(typeof error, String(error)) });
  }
});
`;

/** One warm sandbox per function; a call that outlives the function's timeout ends the sandbox, as Lambda does. */
export class NodeFunctionSandbox {
  private worker: Worker | undefined;
  private pending = new Map<number, (reply: FunctionReply) => void>();
  private next = 0;

  constructor(
    private readonly dir: string,
    private readonly handler: string,
    private readonly environment: Record<string, string>,
  ) {}

  call({ event, context, timeoutMs }: FunctionCall): Promise<FunctionReply> {
    const worker = this.start();
    const id = this.next++;
    worker.ref();
    return new Promise<FunctionReply>((resolve) => {
      // A little past the timeout: the caller reports the timeout; this only frees the thread.
      const timer = setTimeout(() => {
        this.stop();
        resolve({ error: { errorType: 'Sandbox.Timedout', errorMessage: 'Task timed out', stackTrace: [] } });
      }, timeoutMs + 50);
      this.pending.set(id, (reply) => {
        clearTimeout(timer);
        resolve(reply);
      });
      worker.postMessage({ id, event, context, timeoutMs });
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(WORKER, {
      eval: true,
      workerData: { dir: this.dir, handler: this.handler },
      env: { ...process.env, ...this.environment },
      stdout: false,
      stderr: false,
    });
    worker.on('message', ({ id, ...reply }: { id: number } & FunctionReply) => {
      const settle = this.pending.get(id);
      this.pending.delete(id);
      if (this.pending.size === 0) worker.unref();
      settle?.(reply);
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.fail(new Error('the function exited'));
    });
    this.worker = worker;
    return worker;
  }

  private fail(error: Error): void {
    for (const settle of this.pending.values())
      settle({ error: { errorType: 'Runtime.ExitError', errorMessage: error.message, stackTrace: [] } });
    this.pending.clear();
  }

  /** Ends the sandbox; the next call starts a new one (a cold start). */
  stop(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}
