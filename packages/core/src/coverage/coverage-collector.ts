/**
 * Collects coverage over many executions of many machines, from their histories, in
 * memory; `report()` gives the JSON document to print, write or merge with other workers'.
 */
import type { StateMachineDefinition } from '../definition/types.js';
import type { HistoryEvent } from '../history/events.js';
import { coverageItems, itemId } from './coverage-items.js';
import type { CoverageItem, CoverageReport, MachineCoverage } from './coverage-report.js';
import { countHits } from './count-hits.js';
import { definitionFingerprint } from './fingerprint.js';
import { traceExecution } from './trace.js';
import type { MapRun } from '../distributed/map-run.js';
import { isJsonObject } from '../json.js';
import { indexDefinition } from './definition-index.js';

interface Entry {
  coverage: MachineCoverage;
  byId: Map<string, CoverageItem>;
}

/**
 * Records executions and reports coverage per machine.
 * @example
 * const coverage = new CoverageCollector();
 * const result = await machine.run(input);
 * await coverage.record(machine.definition, result.history, 'order.asl.json');
 * formatCoverageText(coverage.report());
 */
export class CoverageCollector {
  private readonly machines = new Map<string, Entry>();
  private readonly keys = new WeakMap<object, string>();

  /** Adds a machine with no executions yet, so a report lists it even when nothing ran it. */
  declare(definition: StateMachineDefinition | object, label = ''): MachineCoverage {
    let key = this.keys.get(definition);
    if (key === undefined) {
      key = definitionFingerprint(definition);
      this.keys.set(definition, key);
    }
    let entry = this.machines.get(key);
    if (!entry) {
      const items = coverageItems(definition);
      entry = {
        coverage: { key, label, executions: 0, items, definition },
        byId: new Map(items.map((item) => [item.id, item])),
      };
      this.machines.set(key, entry);
    } else if (!entry.coverage.label && label) entry.coverage.label = label;
    return entry.coverage;
  }

  /**
   * Records one execution (its history, in event order) of `definition`. A distributed Map's
   * children run in histories of their own: pass the execution's `mapRuns` so that each child
   * counts as a run of its Map's processor, and the states of each child whose history was kept
   * (`StartOptions.mapRuns.childHistories`) count as covered.
   */
  async record(
    definition: StateMachineDefinition | object,
    history: readonly HistoryEvent[],
    label = '',
    mapRuns: readonly MapRun[] = [],
  ): Promise<void> {
    const coverage = this.declare(definition, label);
    const entry = this.machines.get(coverage.key)!;
    const add = (id: string, count: number): void => {
      const item = entry.byId.get(id);
      // A transition the definition does not list cannot happen in a valid run; it is not invented here.
      if (item) item.hits += count;
    };
    for (const [id, count] of await countHits(definition, traceExecution(history, definition))) add(id, count);
    for (const run of mapRuns) {
      // A child's history runs the processor as a machine of its own: read it against that scope.
      const processor = processorOf(definition, run.stateName) ?? definition;
      for (const child of run.children) {
        if (child.status === 'PENDING') continue;
        add(itemId.branch(run.stateName, 'processor'), 1);
        if (!child.history) continue;
        for (const [id, count] of await countHits(definition, traceExecution(child.history, processor))) add(id, count);
      }
    }
    coverage.executions++;
  }

  /** A snapshot of everything recorded so far, machines sorted by label. */
  report(): CoverageReport {
    const machines = [...this.machines.values()].map(({ coverage }) => ({
      ...coverage,
      items: coverage.items.map((item) => ({ ...item })),
    }));
    machines.sort((a, b) => a.label.localeCompare(b.label) || a.key.localeCompare(b.key));
    return { version: 1, machines };
  }
}

/** The processor the engine runs for the Map state `mapName` (`ItemProcessor`, else `Iterator`), wherever it is nested. */
function processorOf(definition: StateMachineDefinition | object, mapName: string): StateMachineDefinition | undefined {
  const map = indexDefinition(definition).states.get(mapName)?.state as { ItemProcessor?: unknown; Iterator?: unknown };
  const processor = map?.ItemProcessor ?? map?.Iterator;
  return isJsonObject(processor) ? (processor as unknown as StateMachineDefinition) : undefined;
}
