/**
 * The "limit": the work of a workload hand-written in plain JavaScript (the object each state
 * builds, the arithmetic, one function call per Task), with no engine around it. It shows how
 * far each engine is from what V8 can do. Only workloads with a program here can run it.
 */
import type { Engine, EngineOptions, EngineRun, PreparedMachine, TaskHandler } from './engine.js';

interface Counter {
  i: number;
  n: number;
}

type Program = (input: unknown, tasks: Record<string, TaskHandler>) => unknown;

const counter = (input: unknown): Counter => input as Counter;

/** Workload id → the same work as its definition, in plain JavaScript. */
export const LIMIT_PROGRAMS: Readonly<Record<string, Program>> = {
  // Pass (Parameters: a new object, MathAdd) -> Choice (i < n) until done.
  W1: (input) => {
    let state = counter(input);
    for (;;) {
      state = { i: state.i + 1, n: state.n };
      if (!(state.i < state.n)) return state;
    }
  },
  // Task (one call, ResultPath $.i: a copy with i replaced) -> Choice (i < n) until done.
  W4: (input, tasks) => {
    const increment = tasks.Increment!;
    let state = counter(input);
    for (;;) {
      state = { ...state, i: increment(state) as number };
      if (!(state.i < state.n)) return state;
    }
  },
  // Pass (Parameters) -> Task (ResultPath $.i) -> Choice (i <= n) -> Succeed, else Fail.
  W8: (input, tasks) => {
    const { order, i, n } = input as Counter & { order: string };
    const shaped = { order, i, n };
    const state = { ...shaped, i: tasks.Increment!(shaped) as number };
    if (state.i <= state.n) return state;
    throw new Error('TooMany: i passed n');
  },
};

/** The limit engine: runs the workload's hand-written program. */
export function loadLimitEngine(): Engine {
  return {
    name: 'limit',
    prepare(_definition: object, options: EngineOptions): PreparedMachine {
      const program = LIMIT_PROGRAMS[options.workloadId];
      if (!program) throw new Error(`No limit program for ${options.workloadId}`);
      const none = { events: undefined, statesEntered: undefined };
      return {
        // Async like the engines' run, so the measurement loop awaits the same way.
        async run(input: unknown): Promise<EngineRun> {
          const output = program(input, options.tasks);
          return { output, countEvents: () => none, retained: output };
        },
      };
    },
  };
}
