/**
 * A source over one child execution of a Map Run, as a viewer opens it from the Map Run panel:
 * the child's history replayed on the ItemProcessor drawn as a machine. Its own queries (a
 * distributed Map inside the processor) go to the parent source, which holds every run.
 */
import type { ChildExecutionView } from '../graph/map-run-view.js';
import { errorOf, replaySource } from './history-source.js';
import type { ExecutionOutcome, ViewerSource } from './protocol.js';

/**
 * The child `view` (a `childExecution` query's answer) as a source of its own.
 * @example
 * const view = await source.query!({ type: 'childExecution', executionArn });
 * <ExecutionViewer source={createChildSource(source, view)} />
 */
export function createChildSource(parent: ViewerSource, view: ChildExecutionView): ViewerSource {
  const { child } = view;
  const ended = child.status !== 'PENDING' && child.status !== 'RUNNING';
  return replaySource({
    definition: view.definition,
    events: view.events ?? [],
    title: `${view.stateName} · item ${child.index} · ${child.name}`,
    runs: () => view.mapRuns,
    query: parent.query?.bind(parent),
    outcome: ended ? { status: child.status as ExecutionOutcome['status'], ...errorOf(child) } : undefined,
  });
}
