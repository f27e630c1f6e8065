/**
 * An execution of the service as a viewer source (@aslkit/core/debug's protocol): the events so
 * far, then each new one while it runs, then how it ended. The service runs in real time, so the
 * viewer only watches; `abort` stops the execution (StopExecution), other commands are refused.
 * While the execution is in memory, its distributed Maps' runs are sent too, and their children
 * (and the histories kept of them) answer the viewer's queries.
 */
import { ErrorCode, UsageError, type Execution, type StateMachineDefinition } from '@aslkit/core';
import { MapRunUpdates, mapRunQueries, runViews } from '@aslkit/core/debug';
import type { ExecutionOutcome, ViewerMessage, ViewerSource } from '@aslkit/core/debug';
import type { ExecutionRecord, ServiceStore } from '../store/service-store.js';

export interface ExecutionSourceOptions {
  record: ExecutionRecord;
  store: ServiceStore;
  /** The running execution, when it still runs. */
  execution?: Execution;
}

export function executionSource({ record, store, execution }: ExecutionSourceOptions): ViewerSource {
  const definition = JSON.parse(record.definition) as StateMachineDefinition;
  const title = `${record.name} (${record.machineArn.split(':')[6]})`;
  return {
    connect(onMessage) {
      onMessage({ type: 'init', mode: 'live', definition, title });
      const sent = store.events(record.arn).length;
      onMessage({ type: 'events', events: [...store.events(record.arn)] });
      const runs = new MapRunUpdates(() => (execution ? runViews(execution.mapRuns, execution.executionArn) : []));
      const sendRuns = () => {
        const changed = runs.changed();
        if (changed) onMessage({ type: 'mapRuns', mapRuns: changed });
      };
      sendRuns();
      const current = store.getExecution(record.arn) ?? record;
      if (!execution || current.status !== 'RUNNING') {
        onMessage(done(current));
        return () => {};
      }
      onMessage({ type: 'session', session: { state: 'running' } });
      // Events recorded between the replay above and now are picked up from the store, in order.
      let next = sent;
      let scheduled = false;
      let closed = false;
      const flush = () => {
        scheduled = false;
        if (closed) return;
        const all = store.events(record.arn);
        if (all.length > next) onMessage({ type: 'events', events: all.slice(next) });
        next = all.length;
        sendRuns();
      };
      const unsubscribe = execution.subscribe(() => {
        if (scheduled) return;
        scheduled = true;
        setImmediate(flush);
      });
      void execution.result.then(() =>
        setImmediate(() => {
          flush();
          if (!closed) onMessage(done(store.getExecution(record.arn) ?? record));
        }),
      );
      return () => {
        closed = true;
        unsubscribe();
      };
    },
    send(command) {
      if (command.type === 'abort' && execution) {
        execution.stop();
        return Promise.resolve();
      }
      return Promise.reject(
        new UsageError(
          ErrorCode.CommandRefused,
          `'${command.type}' is not available: executions of aslkit serve run in real time; the viewer watches them`,
        ),
      );
    },
    ...(execution ? { query: mapRunQueries(definition, () => execution.mapRuns) } : {}),
  };
}

function done(record: ExecutionRecord): ViewerMessage {
  if (record.status === 'RUNNING') return { type: 'session', session: { state: 'running' } };
  const result: ExecutionOutcome = {
    status: record.status,
    ...(record.error === undefined ? {} : { error: record.error }),
    ...(record.cause === undefined ? {} : { cause: record.cause }),
  };
  return { type: 'session', session: { state: 'done', result } };
}
