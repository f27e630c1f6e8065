/**
 * ListMapRuns, DescribeMapRun and UpdateMapRun: the Map Runs the engine runs for DISTRIBUTED Map
 * states (`execution.mapRuns`), as AWS shows them.
 */
import { COUNT_KEYS, updateMapRun as updateRun, type HistoryEvent, type MapRun, type MapRunChild } from '@aslkit/core';
import { checkExecutionArn, checkMapRunArn } from '../api/arns.js';
import { errors } from '../api/service-error.js';
import { optionalInteger, optionalNumber, requiredString, type Length } from '../api/params.js';
import { pageResponse, paginate } from '../api/pagination.js';
import { epochSeconds, type Operation, type OperationContext } from './context.js';

/** A Map Run by its ARN, with the service execution that holds it; ResourceNotFound otherwise. */
export function existingMapRun(context: OperationContext, arn: string): { root: string; run: MapRun } {
  const found = context.runtime.mapRuns.get(checkMapRunArn(arn));
  if (!found) throw errors.resourceNotFound(arn);
  return found;
}

/** AWS's length constraints of the ARNs the Map Run operations take. */
export const MAP_RUN_ARN: Length = { min: 1, max: 2000 };
export const EXECUTION_ARN: Length = { min: 1, max: 2048 };

const seconds = (iso: string): number => epochSeconds(Date.parse(iso));

export const listMapRuns: Operation = (context, body) => {
  const executionArn = checkExecutionArn(requiredString(body, 'executionArn', EXECUTION_ARN));
  const known =
    context.store.getExecution(executionArn) !== undefined || context.runtime.mapRuns.child(executionArn) !== undefined;
  if (!known) throw errors.executionDoesNotExist(executionArn);
  const runs = context.runtime.mapRuns.startedBy(executionArn);
  return pageResponse(
    'mapRuns',
    paginate(runs, body, `mapRuns:${executionArn}`, (run) => run.mapRunArn),
    (run) => ({
      executionArn: run.executionArn,
      mapRunArn: run.mapRunArn,
      stateMachineArn: run.stateMachineArn,
      startDate: seconds(run.startDate),
      ...(run.stopDate === undefined ? {} : { stopDate: seconds(run.stopDate) }),
    }),
  );
};

export const describeMapRun: Operation = (context, body) => {
  const { root, run } = existingMapRun(context, requiredString(body, 'mapRunArn', MAP_RUN_ARN));
  const map = mapStateOf(context, root, run);
  // A run a child started (nested) is redriven with its child: its own count is not kept.
  const redrives = run.executionArn === root ? mapRunRedrives(context.store.events(root), run.mapRunArn) : [];
  const items = itemWeight(map);
  return {
    mapRunArn: run.mapRunArn,
    executionArn: run.executionArn,
    status: run.status,
    startDate: seconds(run.startDate),
    ...(run.stopDate === undefined ? {} : { stopDate: seconds(run.stopDate) }),
    maxConcurrency: run.maxConcurrency,
    toleratedFailurePercentage: run.toleratedFailurePercentage ?? 0,
    toleratedFailureCount: run.toleratedFailureCount ?? 0,
    itemCounts: counts(run, items, map?.['ResultWriter'] !== undefined),
    executionCounts: counts(run, () => 1, map?.['ResultWriter'] !== undefined),
    redriveCount: redrives.length,
    ...(redrives.length === 0 ? {} : { redriveDate: seconds(redrives.at(-1)!.timestamp) }),
  };
};

/**
 * UpdateMapRun: new limits for a running Map Run, taken at once (more or fewer children start, the
 * tolerated failures count from then on). A run that ended is refused (ValidationException).
 */
export const updateMapRun: Operation = (context, body) => {
  const { run } = existingMapRun(context, requiredString(body, 'mapRunArn', MAP_RUN_ARN));
  const maxConcurrency = optionalInteger(body, 'maxConcurrency', 0, 2_147_483_647);
  const toleratedFailurePercentage = optionalNumber(body, 'toleratedFailurePercentage', 0, 100);
  const toleratedFailureCount = optionalInteger(body, 'toleratedFailureCount', 0, Number.MAX_SAFE_INTEGER);
  if (run.status !== 'RUNNING')
    throw errors.validation(`Map Run is ${run.status} and cannot be updated: '${run.mapRunArn}'`);
  updateRun(run, {
    ...(maxConcurrency === undefined ? {} : { maxConcurrency }),
    ...(toleratedFailurePercentage === undefined ? {} : { toleratedFailurePercentage }),
    ...(toleratedFailureCount === undefined ? {} : { toleratedFailureCount }),
  });
  return {};
};

type Counts = Record<
  | 'pending'
  | 'running'
  | 'succeeded'
  | 'failed'
  | 'timedOut'
  | 'aborted'
  | 'total'
  | 'resultsWritten'
  | 'failuresNotRedrivable'
  | 'pendingRedrive',
  number
>;

/** itemCounts (weight: the items of a child) or executionCounts (weight 1), with AWS's derived counts. */
function counts(run: MapRun, weight: (child: MapRunChild) => number, written: boolean): Counts {
  const result: Counts = {
    pending: 0,
    running: 0,
    succeeded: 0,
    failed: 0,
    timedOut: 0,
    aborted: 0,
    total: 0,
    resultsWritten: 0,
    failuresNotRedrivable: 0,
    pendingRedrive: 0,
  };
  for (const child of run.children) {
    const n = weight(child);
    result[COUNT_KEYS[child.status]] += n;
    result.total += n;
    // The ResultWriter exports every ended child once the run ends.
    if (written && run.status !== 'RUNNING' && child.status !== 'PENDING' && child.status !== 'RUNNING')
      result.resultsWritten += n;
  }
  // A run that succeeded despite failures (tolerated) can never run them again.
  if (run.status === 'SUCCEEDED') result.failuresNotRedrivable = result.failed + result.timedOut + result.aborted;
  return result;
}

/** The Map state's definition of `run`, from the definition its service execution started with. */
export function mapStateOf(context: OperationContext, root: string, run: MapRun): Record<string, unknown> | undefined {
  const record = context.store.getExecution(root);
  return record ? mapState(JSON.parse(record.definition) as unknown, run.stateName) : undefined;
}

/** The items a child of `map` ran: a batch's `Items` with an ItemBatcher, else one. */
export const itemWeight =
  (map: Record<string, unknown> | undefined) =>
  (child: MapRunChild): number => {
    const items = (child.input as { Items?: unknown } | null)?.Items;
    return map?.['ItemBatcher'] !== undefined && Array.isArray(items) ? items.length : 1;
  };

/** The MapRunRedriven events of `mapRunArn` in a history. */
const mapRunRedrives = (events: readonly HistoryEvent[], mapRunArn: string): HistoryEvent[] =>
  events.filter(
    (event) =>
      event.type === 'MapRunRedriven' &&
      (event as { mapRunRedrivenEventDetails?: { mapRunArn?: string } }).mapRunRedrivenEventDetails?.mapRunArn ===
        mapRunArn,
  );

/** The definition of the Map state `name`, searched through every nested States block. */
function mapState(node: unknown, name: string): Record<string, unknown> | undefined {
  if (node === null || typeof node !== 'object') return undefined;
  const object = node as Record<string, unknown>;
  const states = object['States'] as Record<string, unknown> | undefined;
  const own = states?.[name] as Record<string, unknown> | undefined;
  if (own?.['Type'] === 'Map') return own;
  for (const value of Object.values(object)) {
    const found = mapState(value, name);
    if (found) return found;
  }
  return undefined;
}
