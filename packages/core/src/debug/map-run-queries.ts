/**
 * The Map Run side of a viewer source: answers `ViewerQuery`s from a pool of Map Runs (an
 * execution's `mapRuns`, which holds nested runs too) and the machine's definition, and says
 * which runs an execution started. Used by the session source, the history source and, across
 * the wire, by `aslkit view`, so all three answer alike.
 */
import type { StateMachineDefinition } from '../definition/types.js';
import type { MapRun } from '../distributed/map-run.js';
import { UsageError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';
import {
  childView,
  findChild,
  mapRunView,
  pageOfChildren,
  processorDefinition,
  runsStartedBy,
  type ChildExecutionView,
  type MapRunView,
} from '../graph/map-run-view.js';
import type { ViewerAnswer, ViewerQuery, ViewerSource } from './protocol.js';

/** A source's `query`. */
export type ViewerQueryHandler = NonNullable<ViewerSource['query']>;

/**
 * Answers queries over the runs `pool()` returns at the time of asking (a live run's records
 * change as children start and end).
 */
export function mapRunQueries(definition: StateMachineDefinition, pool: () => readonly MapRun[]): ViewerQueryHandler {
  const answer = (query: ViewerQuery): ViewerAnswer<ViewerQuery> => {
    const runs = pool();
    if (query.type === 'mapRunChildren') {
      const run = runs.find((candidate) => candidate.mapRunArn === query.mapRunArn);
      if (!run) throw refused(`no Map Run ${query.mapRunArn}`);
      return pageOfChildren(run, query);
    }
    const found = findChild(runs, query.executionArn);
    if (!found) throw refused(`no child execution ${query.executionArn}`);
    const { run, child } = found;
    const machine = processorDefinition(definition, run.stateName);
    if (!machine) throw refused(`the definition has no Map state '${run.stateName}' with an ItemProcessor`);
    const view: ChildExecutionView = {
      mapRunArn: run.mapRunArn,
      stateName: run.stateName,
      child: childView(child),
      definition: machine,
      mapRuns: runViews(runs, child.executionArn),
      ...(child.history === undefined ? {} : { events: [...child.history] }),
    };
    return view;
  };
  return <Q extends ViewerQuery>(query: Q) => {
    try {
      return Promise.resolve(answer(query) as ViewerAnswer<Q>);
    } catch (error) {
      return Promise.reject(error);
    }
  };
}

/** The views of the runs `executionArn` started. */
export function runViews(pool: readonly MapRun[], executionArn: string): MapRunView[] {
  return runsStartedBy(pool, executionArn).map(mapRunView);
}

/**
 * What a streaming source sends of the Map Runs: the runs `read()` gives, only when they changed.
 * No run is no message, so machines without a distributed Map send what they always sent.
 */
export class MapRunUpdates {
  private key = '[]';
  private sent: MapRunView[] = [];

  constructor(private readonly read: () => MapRunView[]) {}

  /** The runs when they changed since the last call, else undefined. */
  changed(): MapRunView[] | undefined {
    const runs = this.read();
    const key = JSON.stringify(runs);
    if (key === this.key) return undefined;
    this.key = key;
    this.sent = runs;
    return runs;
  }

  /** The runs as last sent (none before the first change), for a page that connects later. */
  get last(): MapRunView[] {
    return this.sent;
  }
}

const refused = (why: string) => new UsageError(ErrorCode.CommandRefused, why);
