/**
 * aws-local-stepfunctions (the peer) behind the bench's `Engine` interface, set up as its
 * README documents: Tasks overridden with `taskResourceLocalHandlers`, the definition
 * validated on construction unless `validate` is off (its `noValidate` option).
 */
import type { Engine, EngineOptions, EngineRun, PreparedMachine } from './engine.js';

/** Installs the peer's Node 20 polyfill, imports the peer and returns it as an engine. */
export async function loadPeerEngine(): Promise<Engine> {
  const { installPromiseWithResolvers } = await import('./promise-with-resolvers.cjs');
  installPromiseWithResolvers();
  const { StateMachine } = await import('aws-local-stepfunctions');
  type Definition = ConstructorParameters<typeof StateMachine>[0];
  type RunOptions = NonNullable<Parameters<InstanceType<typeof StateMachine>['run']>[1]>;
  type Handlers = NonNullable<NonNullable<RunOptions['overrides']>['taskResourceLocalHandlers']>;

  return {
    name: 'peer',
    prepare(definition: object, options: EngineOptions): PreparedMachine {
      const machine = new StateMachine(
        definition as Definition,
        options.validate ? undefined : { validationOptions: { noValidate: true } },
      );
      const runOptions: RunOptions = { overrides: { taskResourceLocalHandlers: options.tasks as Handlers } };
      return {
        async run(input: unknown): Promise<EngineRun> {
          const execution = machine.run(input as Parameters<typeof machine.run>[0], runOptions);
          if (!options.drainEvents) {
            // Its events still queue inside the execution: the peer has no way to turn them off.
            const output = await execution.result;
            return {
              output,
              countEvents: () => ({ events: undefined, statesEntered: undefined }),
              retained: execution,
            };
          }
          const events: { type: string }[] = [];
          const drained = (async () => {
            for await (const event of execution.eventLogs) events.push(event);
          })();
          const output = await execution.result;
          await drained;
          return {
            output,
            countEvents: () => ({
              events: events.length,
              statesEntered: events.filter((event) => event.type === 'StateEntered').length,
            }),
            retained: events,
          };
        },
      };
    },
  };
}
