/**
 * Handlers named by module path and export, as a config file or the CLI gives them:
 * `"./handlers.mjs#charge"` (no `#` means the `handler` export, Lambda's usual name).
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ErrorCode, UsageError } from '@aslkit/core';
import type { LambdaHandler } from './lambda-context.js';
import type { LocalFunction, LocalHandlers } from './local-handlers.js';

/** A handler by reference: `module#export`, or that with Lambda settings. */
export type HandlerSpec = string | { handler: string; timeoutSeconds?: number; memoryLimitInMB?: number };

const SETTINGS = new Set(['handler', 'timeoutSeconds', 'memoryLimitInMB']);

/**
 * Imports every module a spec map names and returns the handlers, paths resolved from `baseDir`.
 * @throws UsageError `ASLKIT_INVALID_HANDLERS` naming the function whose spec is wrong.
 * @example
 * const handlers = await loadHandlers({ charge: './handlers.mjs#charge' }, process.cwd());
 */
export async function loadHandlers(specs: unknown, baseDir: string, source = 'handlers'): Promise<LocalHandlers> {
  if (specs === null || typeof specs !== 'object' || Array.isArray(specs)) {
    throw new UsageError(
      ErrorCode.InvalidHandlers,
      `${source}: must be an object mapping function names or ARNs to "module#export"`,
    );
  }
  const handlers: LocalHandlers = {};
  for (const name of Object.keys(specs)) {
    const spec = (specs as Record<string, unknown>)[name];
    const local = await loadOne(spec, baseDir, `${source}: ${JSON.stringify(name)}`);
    Object.defineProperty(handlers, name, { value: local, enumerable: true, writable: true, configurable: true });
  }
  return handlers;
}

async function loadOne(spec: unknown, baseDir: string, where: string): Promise<LocalFunction> {
  const invalid = (problem: string): never => {
    throw new UsageError(ErrorCode.InvalidHandlers, `${where}: ${problem}`);
  };
  const settings = typeof spec === 'string' ? { handler: spec } : spec;
  if (settings === null || typeof settings !== 'object' || Array.isArray(settings)) {
    return invalid(
      'must be "module#export" or {"handler": "module#export", "timeoutSeconds": n, "memoryLimitInMB": n}',
    );
  }
  const fields = settings as Record<string, unknown>;
  for (const key of Object.keys(fields)) if (!SETTINGS.has(key)) invalid(`unknown field ${JSON.stringify(key)}`);
  if (typeof fields['handler'] !== 'string' || fields['handler'] === '') invalid('"handler" must be "module#export"');
  for (const key of ['timeoutSeconds', 'memoryLimitInMB'] as const) {
    const value = fields[key];
    if (value !== undefined && (typeof value !== 'number' || !Number.isFinite(value) || value <= 0))
      invalid(`"${key}" must be a positive number`);
  }
  const reference = fields['handler'] as string;
  const hash = reference.lastIndexOf('#');
  const modulePath = hash < 0 ? reference : reference.slice(0, hash);
  const exportName = hash < 0 ? 'handler' : reference.slice(hash + 1);
  let loaded: Record<string, unknown>;
  try {
    loaded = (await import(pathToFileURL(resolve(baseDir, modulePath)).href)) as Record<string, unknown>;
  } catch (error) {
    return invalid(`cannot load ${modulePath}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const handler = Object.prototype.hasOwnProperty.call(loaded, exportName) ? loaded[exportName] : undefined;
  if (typeof handler !== 'function') {
    const exported = Object.keys(loaded).filter((key) => typeof loaded[key] === 'function');
    return invalid(
      `${modulePath} has no function export '${exportName}' (it exports ${exported.length ? exported.join(', ') : 'no functions'})`,
    );
  }
  return {
    handler: handler as LambdaHandler,
    ...(fields['timeoutSeconds'] === undefined ? {} : { timeoutSeconds: fields['timeoutSeconds'] as number }),
    ...(fields['memoryLimitInMB'] === undefined ? {} : { memoryLimitInMB: fields['memoryLimitInMB'] as number }),
  };
}
