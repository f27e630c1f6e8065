/**
 * The Map Runs of the service's executions, found by their ARN or a child's: the engine keeps each
 * run (`execution.mapRuns`) with its children, updated as they start and end; this index holds on
 * to those lists for the life of the process, so runs and children stay listable once their
 * execution has ended (the store keeps only executions and their events).
 */
import type { MapRun, MapRunChild } from '@aslkit/core';

/** A child execution and the Map Run it belongs to. */
export interface FoundChild {
  /** The service execution that holds the run. */
  root: string;
  run: MapRun;
  child: MapRunChild;
}

export class MapRunIndex {
  /** Per execution, the `mapRuns` list of each of its runs (start, then each redrive), oldest first. */
  private readonly byExecution = new Map<string, (readonly MapRun[])[]>();

  /** Follows the Map Runs `runs` (a live list) of `executionArn`; a redrive's list is added to the earlier ones. */
  watch(executionArn: string, runs: readonly MapRun[]): void {
    const lists = this.byExecution.get(executionArn);
    if (lists) lists.push(runs);
    else this.byExecution.set(executionArn, [runs]);
  }

  /**
   * The Map Runs `executionArn` started, nested ones of its children included (what a redrive of
   * it takes), in start order; a run a redrive took up (same ARN) is shown as the redrive left it.
   */
  tracked(executionArn: string): MapRun[] {
    const latest = new Map<string, MapRun>();
    for (const runs of this.byExecution.get(executionArn) ?? []) for (const run of runs) latest.set(run.mapRunArn, run);
    return [...latest.values()];
  }

  /** Every Map Run, with the execution the service started that holds it (its own, or a child's). */
  *all(): Generator<{ root: string; run: MapRun }> {
    for (const root of this.byExecution.keys()) for (const run of this.tracked(root)) yield { root, run };
  }

  /** The Map Runs the execution `executionArn` (a service execution or a child) started itself. */
  startedBy(executionArn: string): MapRun[] {
    return [...this.all()].filter(({ run }) => run.executionArn === executionArn).map(({ run }) => run);
  }

  get(mapRunArn: string): { root: string; run: MapRun } | undefined {
    for (const found of this.all()) if (found.run.mapRunArn === mapRunArn) return found;
    return undefined;
  }

  /** The child execution of `executionArn` that has started (a pending one is no execution yet). */
  child(executionArn: string): FoundChild | undefined {
    // `...:execution:Machine/Label:name`: only runs of that child machine can hold it.
    const machineArn = executionArn
      .split(':')
      .slice(0, 7)
      .join(':')
      .replace(/:(execution|express):/, ':stateMachine:');
    if (!machineArn.includes('/')) return undefined;
    for (const { root, run } of this.all()) {
      if (run.stateMachineArn !== machineArn) continue;
      const child = run.children.find((candidate) => candidate.executionArn === executionArn);
      if (child && child.status !== 'PENDING') return { root, run, child };
    }
    return undefined;
  }
}
