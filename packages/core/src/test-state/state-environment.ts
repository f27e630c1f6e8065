/**
 * The execution environment one TestState attempt runs in: the executors of Pass, Choice, Wait,
 * Succeed and Fail (and a Task answered by resolvers) expect a fiber of an execution. This one
 * records nothing and runs on a virtual clock from the given start.
 */
import type { JsonObject } from '../json.js';
import { HistoryRecorder } from '../history/recorder.js';
import { createResolverRouter, type ResolversOption } from '../resolvers/resolver.js';
import type { CompiledState } from '../runtime/compiled-state.js';
import { isoTimestamp } from '../runtime/clock.js';
import { Fiber, type EveryField, type ExecutionEnv } from '../runtime/fiber.js';
import type { Random } from '../runtime/random.js';
import { DEFAULT_LIMITS } from '../runtime/state-machine.js';
import { TaskTokens } from '../runtime/task-tokens.js';
import { VirtualClock } from '../runtime/virtual-clock.js';
import type { VariableScope } from '../runtime/variables.js';

export interface StateEnvironmentInit {
  state: CompiledState;
  startMs: number;
  random: Random;
  region: string;
  context: JsonObject;
  resolvers: ResolversOption | undefined;
}

export function stateEnvironment(init: StateEnvironmentInit) {
  const clock = new VirtualClock(init.startMs);
  const section = (name: string): JsonObject => {
    const value = init.context[name];
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? value : {};
  };
  // Every field named (EveryField): TestState runs one attempt, with no gate, start points or map runs of its own.
  const env: EveryField<ExecutionEnv> = {
    machine: {
      root: { startAt: init.state.name, states: new Map([[init.state.name, init.state]]) },
      queryLanguage: init.state.queryLanguage,
      allStates: new Map([[init.state.name, init.state]]),
    },
    clock,
    random: init.random,
    recorder: new HistoryRecorder(() => isoTimestamp(clock.now()), { record: false, maxEvents: Infinity }),
    resolvers: createResolverRouter(init.resolvers),
    tokens: new TaskTokens(),
    limits: DEFAULT_LIMITS,
    region: init.region,
    contextBase: { Execution: section('Execution'), StateMachine: section('StateMachine') },
    transitions: 0,
    mapRuns: [],
    missingResolverMessage: undefined,
    gate: undefined,
    startAt: undefined,
    inspect: undefined,
    objectStore: undefined,
    mapRunOptions: undefined,
  };
  const controller = new AbortController();
  return {
    clock,
    fiber: (variables: VariableScope): Fiber => new Fiber(env, variables, controller.signal),
  };
}
