/**
 * aslkit behind the bench's `Engine` interface, from the built `@aslkit/core` (or its
 * source under Vitest). Loaded lazily so the peer's child process never imports it.
 */
import type { Engine, EngineOptions, EngineRun, PreparedMachine } from './engine.js';

/** Imports `@aslkit/core` and returns the aslkit engine. */
export async function loadAslkitEngine(): Promise<Engine> {
  const { StateMachine, AWS_HISTORY_LIMIT } = await import('@aslkit/core');
  type Json = import('@aslkit/core').Json;
  type ResolverRouter = import('@aslkit/core').ResolverRouter;
  type TaskResolver = import('@aslkit/core').TaskResolver;

  return {
    name: 'aslkit',
    prepare(definition: object, options: EngineOptions): PreparedMachine {
      const machine = StateMachine.from(definition);
      // Route by state name, as the peer's taskResourceLocalHandlers do.
      const resolvers: ResolverRouter = {
        find: (_resource, stateName) => options.tasks[stateName] as TaskResolver | undefined,
      };
      const startOptions = {
        resolvers,
        seed: 'bench',
        startTime: 0,
        history: { record: options.recordHistory, maxEvents: options.liftHistoryLimit ? Infinity : AWS_HISTORY_LIMIT },
        ...(options.liftPayloadLimit ? { limits: { payloadBytes: Infinity } } : {}),
      };
      return {
        async run(input: unknown): Promise<EngineRun> {
          const result = await machine.run(input as Json, startOptions);
          if (result.status !== 'SUCCEEDED')
            throw new Error(`aslkit execution ${result.status}: ${result.error ?? ''}: ${result.cause ?? ''}`);
          return {
            output: result.output,
            countEvents: () =>
              result.history.length === 0
                ? { events: undefined, statesEntered: undefined }
                : {
                    events: result.history.length,
                    statesEntered: result.history.filter((event) => event.type.endsWith('StateEntered')).length,
                  },
            retained: result,
          };
        },
      };
    },
  };
}
