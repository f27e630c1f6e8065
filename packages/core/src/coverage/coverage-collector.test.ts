import { describe, expect, it } from 'vitest';
import { StateMachine } from '../runtime/state-machine.js';
import { CoverageCollector } from './coverage-collector.js';

describe('CoverageCollector and a distributed Map', () => {
  const definition = {
    StartAt: 'M',
    States: {
      M: {
        Type: 'Map',
        ItemProcessor: {
          ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' },
          StartAt: 'A',
          States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } },
        },
        End: true,
      },
    },
  };
  const hits = (collector: CoverageCollector) =>
    Object.fromEntries(collector.report().machines[0]!.items.map((item) => [item.id, item.hits]));

  it("counts the children's states from the histories of the Map Run's children", async () => {
    const execution = StateMachine.from(definition).start([1, 2], {
      seed: 1,
      startTime: 0,
      mapRuns: { childHistories: 'all' },
    });
    const result = await execution.result;
    const collector = new CoverageCollector();
    await collector.record(definition, result.history, 'dmap', execution.mapRuns);
    expect(hits(collector)).toEqual({
      'state:M': 1,
      'branch:M#processor': 2,
      'state:A': 2,
      'state:B': 2,
      'transition:A->B': 2,
    });
    expect(collector.report().machines[0]!.executions).toBe(1);
  });

  it('counts the processor as run, but not its states, for children whose history was not kept', async () => {
    const execution = StateMachine.from(definition).start([1], {
      seed: 1,
      startTime: 0,
      mapRuns: { childHistories: 'none' },
    });
    const result = await execution.result;
    const collector = new CoverageCollector();
    await collector.record(definition, result.history, 'dmap', execution.mapRuns);
    expect(hits(collector)).toMatchObject({ 'branch:M#processor': 1, 'state:A': 0 });
  });
});
