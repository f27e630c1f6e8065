/**
 * aslkit behind the bench's `Engine` interface, from the built `@aslkit/core` (or its
 * source under Vitest). Loaded lazily so the peer's child process never imports it.
 */
import type { Engine, EngineOptions, EngineRun, PreparedMachine, WaitingExecutions } from './engine.js';

/** Imports `@aslkit/core` and returns the aslkit engine. */
export async function loadAslkitEngine(): Promise<Engine> {
  const { StateMachine, AWS_HISTORY_LIMIT, awaitCallback } = await import('@aslkit/core');
  type Json = import('@aslkit/core').Json;
  type ResolverRouter = import('@aslkit/core').ResolverRouter;
  type TaskResolver = import('@aslkit/core').TaskResolver;
  type ExecutionResult = import('@aslkit/core').ExecutionResult;

  const succeeded = (result: ExecutionResult): EngineRun => {
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
  };

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
          return succeeded(await machine.run(input as Json, startOptions));
        },
        async startWaiting(inputs: readonly unknown[]): Promise<WaitingExecutions> {
          // One resolver for all, as a host's queue consumer would be: it keeps each token by execution.
          const tokens = new Map<string, string>();
          let allWaiting!: () => void;
          const ready = new Promise<void>((resolve) => (allWaiting = resolve));
          const waitingResolvers: ResolverRouter = {
            find: () => (_input, context) => {
              const executionId = (context.contextObject as { Execution: { Id: string } }).Execution.Id;
              tokens.set(executionId, context.taskToken!);
              if (tokens.size === inputs.length) allWaiting();
              return awaitCallback();
            },
          };
          const executions = inputs.map((input, index) =>
            machine.start(input as Json, { ...startOptions, resolvers: waitingResolvers, name: `bench-${index}` }),
          );
          await ready;
          // Let each execution settle into its wait (the resolver's return is handled on a later turn).
          await new Promise((resolve) => setImmediate(resolve));
          return {
            async answerAll(): Promise<EngineRun> {
              for (const execution of executions)
                execution.sendTaskSuccess(tokens.get(execution.executionArn)!, { answered: true });
              const results = await Promise.all(executions.map((execution) => execution.result));
              return succeeded(results[results.length - 1]!);
            },
          };
        },
      };
    },
  };
}
