/**
 * What a run of a template's machine needs beyond its definition: mocks keyed by logical id,
 * `--handlers auto` (the template's own Lambda code through @aslkit/lambda's local handlers), and
 * the other machines of the same template for nested `states:startExecution`, which then run
 * locally instead of failing for want of a resolver.
 */
import {
  DefinitionError,
  nestedExecutions,
  StateMachine,
  type MockScript,
  type ResolverRouter,
  type StateMachineOptions,
} from '@aslkit/core';
import { importLambda } from '../cases/lambda-handlers.js';
import { autoHandlers } from './auto-handlers.js';
import { stateResources, templateMocks } from './template-keys.js';
import type { MachineSet, TemplateMachine } from './template-machine.js';

/** The region and account of a machine's placeholder ARN. */
function arnParts(arn: string): { region?: string; accountId?: string } {
  const [, , , region, accountId] = arn.split(':');
  return { ...(region ? { region } : {}), ...(accountId ? { accountId } : {}) };
}

/**
 * Compiles a template's machine under its own name, region, account, type and role, so its ARN is
 * the placeholder its template gives it. Diagnostics point into the files the definition came from.
 * @throws TemplateError for a template problem; DefinitionError (located, message prefixed with the file) for an invalid definition.
 */
export function compileTemplateMachine(
  template: TemplateMachine,
  options: StateMachineOptions = {},
  shown = template.place.file,
): StateMachine {
  const input = template.definition();
  try {
    return StateMachine.from(input.source, {
      ...(template.name === 'StateMachine' ? {} : { name: template.name, ...arnParts(template.arn) }),
      ...(template.type ? { type: template.type } : {}),
      ...(template.roleArn ? { roleArn: template.roleArn } : {}),
      ...options,
    });
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    const located = new DefinitionError(input.locate(error.diagnostics));
    located.message = `${shown}: ${located.message}`;
    throw located;
  }
}

export interface TemplateRunOptions {
  /** Mocks as given: keys may be state names, ARNs or the template's logical ids. */
  mocks?: MockScript;
  /** Run the template's own Lambda functions locally (`--handlers auto`). */
  autoHandlers?: boolean;
  /** Handlers the caller has already (a `--handlers` file); auto handlers never replace them. */
  handlers?: Record<string, unknown>;
}

export interface TemplateRun {
  /** The mocks for the engine's `mocks` option (keys by state name or ARN). */
  mocks?: MockScript;
  /** Resolvers to try before the caller's own, in order. */
  resolvers: ResolverRouter[];
  /** Resolvers to try after the caller's own (nested executions of sibling machines). */
  fallbacks: ResolverRouter[];
  /** Keys that name resources no state uses, functions that cannot run locally, siblings that do not compile. */
  warnings: string[];
  /** Ends the sandboxes of auto handlers. */
  close(): void;
}

/** Resolvers and mocks for running `template` (from `set`) as a template's machine runs. */
export async function templateRun(
  template: TemplateMachine,
  machine: StateMachine,
  set: MachineSet,
  options: TemplateRunOptions = {},
): Promise<TemplateRun> {
  const warnings: string[] = [];
  const resolvers: ResolverRouter[] = [];
  const fallbacks: ResolverRouter[] = [];
  let close = () => undefined as void;
  let mocks = options.mocks;
  if (mocks) {
    const split = templateMocks(mocks, template, machine.definition);
    mocks = split.mocks;
    if (split.router) resolvers.push(split.router);
    for (const key of split.unused)
      warnings.push(`mocks key '${key}' names a resource of ${set.file} that no state of the machine uses`);
  }
  if (options.autoHandlers) {
    const lambda = await importLambda('--handlers auto');
    const auto = autoHandlers(template.functions);
    close = auto.close;
    const handlers = { ...auto.handlers, ...(options.handlers ?? {}) };
    resolvers.push(lambda.lambdaResolvers({ handlers }));
    const used = new Set(stateResources(machine.definition, template.resources).values());
    for (const skipped of auto.skipped)
      if (used.has(skipped.id))
        warnings.push(`--handlers auto cannot run ${skipped.id}: ${skipped.reason}; mock it, or give it a handler`);
  }
  if (JSON.stringify(machine.definition).includes(':states:startExecution')) {
    const siblings: StateMachine[] = [machine];
    for (const other of set.machines) {
      if (other === template || other.arn === template.arn) continue;
      try {
        siblings.push(compileTemplateMachine(other));
      } catch (error) {
        warnings.push(`${other.id} cannot start as a nested execution: ${(error as Error).message.split('\n')[0]}`);
      }
    }
    fallbacks.push(
      nestedExecutions({
        machines: siblings,
        childOptions: { resolvers: [...resolvers], ...(mocks ? { mocks } : {}) },
      }),
    );
  }
  return { ...(mocks ? { mocks } : {}), resolvers, fallbacks, warnings, close };
}
