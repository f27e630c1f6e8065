import { StateMachine, type ExecutionResult, type StartOptions, type Json } from '../src/index.js';

export const START = '2026-01-01T00:00:00.000Z';

/** Runs a definition with a fixed seed and start time. */
export function run(definition: object, input: Json = {}, options: StartOptions = {}): Promise<ExecutionResult> {
  return StateMachine.from(definition).run(input, { seed: 1, startTime: START, ...options });
}

export const types = (result: ExecutionResult): string[] => result.history.map((e) => e.type);

export const pass = (extra: object = {}) => ({ Type: 'Pass', End: true, ...extra });
