/**
 * A case file's `handlers`: local Lambda functions, run by @aslkit/lambda exactly as
 * `aslkit run --handlers` runs them (Lambda's event/context call, its error payloads and
 * Step Functions' mapping of them). @aslkit/lambda is an optional peer: it is loaded only
 * when a case file names handlers.
 */
import { ErrorCode, UsageError, type ResolverRouter, type UnmatchedKey } from '@aslkit/core';
import { templateHandlerKeys } from '../templates/template-keys.js';
import type { TemplateFunction } from '../templates/template-machine.js';

interface LambdaPackage {
  loadHandlers(specs: unknown, baseDir: string, source?: string): Promise<Record<string, unknown>>;
  lambdaResolvers(options: { handlers?: Record<string, unknown> }): ResolverRouter;
  unmatchedHandlerKeys(definition: object, keys: Iterable<string>): UnmatchedKey[];
}

export interface LoadedHandlers {
  router: ResolverRouter;
  /** The handler keys that name no Lambda function of `definition`. */
  unmatched: UnmatchedKey[];
}

// A variable specifier keeps TypeScript and bundlers from requiring the optional package.
const LAMBDA_PACKAGE = '@aslkit/lambda';

/**
 * @aslkit/lambda, loaded on demand; `what` says what needed it (`h.test.json: "handlers"`).
 * @throws UsageError `ASLKIT_MISSING_PACKAGE` when it is not installed.
 */
export async function importLambda(what: string): Promise<LambdaPackage> {
  try {
    return (await import(LAMBDA_PACKAGE)) as LambdaPackage;
  } catch (error) {
    throw new UsageError(
      ErrorCode.MissingPackage,
      `${what} runs local Lambda functions with @aslkit/lambda, which could not be loaded (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/** Loads handler specs (`{ "charge-card": "./handlers.mjs#charge" }`, paths from `baseDir`) into a Lambda router. */
export async function lambdaHandlers(
  specs: Record<string, unknown>,
  baseDir: string,
  source: string,
  definition: object,
  functions: readonly TemplateFunction[] = [],
): Promise<LoadedHandlers> {
  const lambda = await importLambda(`${source}: "handlers"`);
  // A template's functions may be named by logical id; Lambda calls match their names.
  const named = templateHandlerKeys(specs, functions);
  const handlers = await lambda.loadHandlers(named, baseDir, `${source}: handlers`);
  return {
    router: lambda.lambdaResolvers({ handlers }),
    unmatched: lambda.unmatchedHandlerKeys(definition, Object.keys(named)),
  };
}
