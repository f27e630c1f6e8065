/** The viewer's source over a finished history: @aslkit/core's, with the send this package always had. */
import { createHistorySource as createCoreHistorySource } from '@aslkit/core/debug';
import type { HistorySourceOptions, ViewerSource } from '@aslkit/core/debug';

/**
 * Shows `events` over `definition`, e.g. an AWS history passed through `importAwsHistory`.
 * The viewer replays it by moving its position and sends it no commands; unlike core's source,
 * which refuses them, this one has always accepted and ignored them, and still does.
 * @example
 * <ExecutionViewer source={createHistorySource({ definition, events: importAwsHistory(json) })} />
 */
export function createHistorySource(options: HistorySourceOptions): ViewerSource {
  const { connect, query } = createCoreHistorySource(options);
  return { connect, send: () => Promise.resolve(), ...(query ? { query } : {}) };
}
