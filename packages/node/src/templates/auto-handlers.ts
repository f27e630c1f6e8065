/**
 * `--handlers auto`: the template's own Lambda code, run locally for every function whose code
 * is a local directory: Node.js functions in a sandbox thread each, Python functions through
 * `python3`, both with the function's resolved `Environment.Variables`, `Timeout` and
 * `MemorySize`. Functions that cannot run here (another runtime, code in S3, no python3) are
 * listed with the reason, so the caller can say which Tasks need a mock.
 */
import type { TemplateFunction } from './template-machine.js';
import { NodeFunctionSandbox, type FunctionReply } from './node-function-worker.js';
import { callPython, hasPython } from './python-function.js';

/** A handler as @aslkit/lambda's local handlers take it (`LocalFunction`). */
export interface AutoHandler {
  handler: (event: unknown, context: Record<string, unknown>) => Promise<unknown>;
  timeoutSeconds: number;
  memoryLimitInMB: number;
}

export interface AutoHandlers {
  /** By function name (the placeholder name the definition's ARNs end in). */
  handlers: Record<string, AutoHandler>;
  /** `ChargeFunction (java21): why`, one per function that cannot run locally. */
  skipped: { id: string; name: string; reason: string }[];
  /** Ends the functions' sandboxes. */
  close(): void;
}

class FunctionError extends Error {}

/** The Error a reply's Lambda error payload stands for, as local handlers report errors. */
function unwrap(reply: FunctionReply): unknown {
  if ('result' in reply) return reply.result;
  const error = new FunctionError(reply.error.errorMessage);
  error.name = reply.error.errorType;
  error.stack = [`${reply.error.errorType}: ${reply.error.errorMessage}`, ...reply.error.stackTrace].join('\n');
  return Promise.reject(error);
}

/** What the context object holds that can cross to another thread or process. */
function plainContext(context: Record<string, unknown>): Record<string, unknown> {
  const plain: Record<string, unknown> = {};
  for (const key of Object.keys(context)) if (typeof context[key] !== 'function') plain[key] = context[key];
  return plain;
}

/** Handlers for every function of `functions` that can run here. */
export function autoHandlers(functions: readonly TemplateFunction[]): AutoHandlers {
  const handlers: Record<string, AutoHandler> = {};
  const skipped: AutoHandlers['skipped'] = [];
  const sandboxes: NodeFunctionSandbox[] = [];
  for (const fn of functions) {
    const skip = (reason: string) => skipped.push({ id: fn.id, name: fn.name, reason });
    const runtime = fn.runtime ?? '';
    if (fn.unavailable !== undefined) {
      skip(fn.unavailable);
      continue;
    }
    if (!fn.codeDir || !fn.handler || !fn.handler.includes('.')) {
      skip('it has no local code directory and module.function handler');
      continue;
    }
    const timeoutSeconds = fn.timeoutSeconds ?? 3;
    const settings = { timeoutSeconds, memoryLimitInMB: fn.memoryLimitInMB ?? 128 };
    const call = (event: unknown, context: Record<string, unknown>) => ({
      event,
      context: plainContext(context),
      timeoutMs: timeoutSeconds * 1000,
    });
    if (runtime.startsWith('nodejs')) {
      const sandbox = new NodeFunctionSandbox(fn.codeDir, fn.handler, fn.environment);
      sandboxes.push(sandbox);
      handlers[fn.name] = {
        ...settings,
        handler: async (event, context) => unwrap(await sandbox.call(call(event, context))),
      };
    } else if (runtime.startsWith('python')) {
      if (!hasPython()) skip(`its runtime is ${runtime} and python3 is not on the PATH`);
      else {
        const { codeDir, handler, environment } = fn;
        handlers[fn.name] = {
          ...settings,
          handler: async (event, context) =>
            unwrap(await callPython(codeDir, handler, environment, call(event, context))),
        };
      }
    } else skip(`its runtime is ${runtime || 'not set'}; --handlers auto runs Node.js and Python functions`);
  }
  return { handlers, skipped, close: () => sandboxes.forEach((sandbox) => sandbox.stop()) };
}
