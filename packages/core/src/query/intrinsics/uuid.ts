/**
 * States.UUID: a v4 UUID from the execution's seeded `Random`, so runs replay exactly.
 */
import type { IntrinsicTable } from './intrinsic-function.js';

/** States.UUID. */
export const uuidFunctions = {
  'States.UUID': { minArgs: 0, maxArgs: 0, evaluate: (_args, { random }) => random.uuid() },
} satisfies IntrinsicTable;
