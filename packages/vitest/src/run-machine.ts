/**
 * Runs a state machine for a test: deterministic by default (fixed seed and start time), with
 * task functions routed by state name or ARN, and the result carrying what the matchers and
 * coverage need (definition, label, and the trace rebuilt from the history).
 */
import {
  ErrorCode,
  formatMockScriptProblem,
  mockScriptProblems,
  UsageError,
  type CheckedMode,
  formatUnmatchedKey,
  unmatchedMockKeys,
  type Json,
  type ResolverRouter,
  type ResolversOption,
  type StartOptions,
  type StateMachineOptions,
  type TaskResolver,
} from '@aslkit/core';
import {
  DEFAULT_SEED,
  DEFAULT_START_TIME,
  loadMachine,
  templateRun,
  withTrace,
  type LoadedMachine,
  type MachineRun,
  type MachineSource,
  type TemplateOptions,
} from '@aslkit/node';
import { coverageActive, recordCoverage } from './coverage/worker-coverage.js';

export interface RunOptions extends StartOptions {
  /** The execution input (default `{}`). */
  input?: Json;
  /**
   * Functions that answer Task states, by state name or resource ARN (state name wins), tried
   * after `mocks` and before `resolvers`. For Lambda functions with Lambda's own error
   * mapping, pass `lambdaResolvers({ handlers })` from @aslkit/lambda as `resolvers`.
   */
  tasks?: Record<string, TaskResolver>;
  /** Machine name, region and account used in ARNs. */
  machine?: StateMachineOptions;
  /** How coverage reports name the machine (default: its file path). */
  label?: string;
  /** Record this run in the coverage session, when one is active (default true). */
  coverage?: boolean;
  /** For a template's machine (`'template.yaml#OrderFlow'`): its parameters, `${Name}` values, region and account. */
  template?: TemplateOptions;
  /** `'auto'`: run the template's own Lambda functions locally (Node.js in a sandbox thread each, Python through python3). */
  handlers?: 'auto';
  /**
   * Check each `mocks` `return` against the response shape of the API its Task calls, as AWS's
   * TestState checks a mock (`STRICT`: required fields too; `PRESENT`: the fields given). Off by default.
   */
  validateMocks?: CheckedMode;
}

/**
 * Runs a machine to its end and returns the result with its history. A `mocks` or `tasks` key
 * that names no state or resource of the machine is reported once, with `console.warn`. A
 * template's machine may be named by reference, its resources by logical id in `mocks`.
 * @example
 * const run = await runMachine('order.asl.json', { input: { id: 1 }, tasks: { Charge: async () => ({ ok: true }) } });
 * expect(run).toSucceed();
 * const sam = await runMachine('template.yaml#OrderFlow', { handlers: 'auto', mocks: { OrdersTable: [{ return: {} }] } });
 */
export async function runMachine(source: MachineSource, options: RunOptions = {}): Promise<MachineRun> {
  const {
    input = {},
    tasks,
    machine: machineOptions,
    label,
    coverage = true,
    resolvers,
    template,
    handlers,
    validateMocks,
    ...start
  } = options;
  const loaded = loadMachine(source, machineOptions, label, template);
  const fromTemplate =
    loaded.template && loaded.set
      ? await templateRun(loaded.template, loaded.machine, loaded.set, {
          ...(start.mocks ? { mocks: start.mocks } : {}),
          autoHandlers: handlers === 'auto',
        })
      : undefined;
  if (fromTemplate) {
    if (fromTemplate.mocks) start.mocks = fromTemplate.mocks;
    else delete start.mocks;
  }
  if (validateMocks && start.mocks) {
    const problems = mockScriptProblems(loaded.definition, start.mocks, validateMocks);
    if (problems.length > 0)
      throw new UsageError(
        ErrorCode.InvalidMocks,
        `${loaded.label}: ${problems.map((problem) => formatMockScriptProblem('mocks', problem)).join('\n')}`,
      );
  }
  warnUnmatched(loaded, 'mocks', start.mocks);
  warnUnmatched(loaded, 'tasks', tasks);
  for (const warning of fromTemplate?.warnings ?? []) warnOnce(`aslkit: ${loaded.label}: ${warning}`);
  const routers: ResolversOption[] = [...(fromTemplate?.resolvers ?? [])];
  if (tasks) routers.push(taskRouter(tasks));
  if (resolvers) routers.push(resolvers);
  routers.push(...(fromTemplate?.fallbacks ?? []));
  // Coverage reads a distributed Map's children from their histories: keep them while it records.
  const covering = coverage && coverageActive();
  const execution = loaded.machine.start(input, {
    seed: DEFAULT_SEED,
    startTime: DEFAULT_START_TIME,
    ...(covering ? { mapRuns: { childHistories: 'all' } } : {}),
    ...start,
    ...(routers.length > 0 ? { resolvers: routers } : {}),
  });
  const result = await execution.result.finally(() => fromTemplate?.close());
  if (covering) recordCoverage(loaded.definition, result.history, loaded.label, execution.mapRuns);
  return withTrace(result, loaded.definition, loaded.label);
}

// Each warning once per machine and key: a test file runs one machine many times.
const warned = new Set<string>();

function warnUnmatched(loaded: LoadedMachine, what: string, keyed: object | undefined): void {
  if (!keyed) return;
  for (const unmatched of unmatchedMockKeys(loaded.definition, Object.keys(keyed)))
    warnOnce(`aslkit: ${loaded.label}: ${formatUnmatchedKey(what, unmatched)}`);
}

function warnOnce(line: string): void {
  if (warned.has(line)) return;
  warned.add(line);
  console.warn(line);
}

function taskRouter(tasks: Record<string, TaskResolver>): ResolverRouter {
  const own = (key: string) => (Object.prototype.hasOwnProperty.call(tasks, key) ? tasks[key] : undefined);
  return { find: (resource, stateName) => own(stateName) ?? own(resource.arn) ?? own(resource.baseArn) };
}
