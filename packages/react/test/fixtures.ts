// The shared fixtures the browser tests load, as Vite imports them (JSON modules).
import orderPipeline from '../../../fixtures/examples/order-pipeline.asl.json';
import orderMocks from '../../../fixtures/examples/order-pipeline.mocks.json';
import orderInput from '../../../fixtures/examples/order-pipeline.input.json';
import parallelMap from '../../../fixtures/states/parallel-map.asl.json';
import waitAndChoice from '../../../fixtures/states/wait-and-choice.asl.json';
import distributedMap from '../../../fixtures/states/distributed-map-failures.asl.json';
import distributedMapCases from '../../../fixtures/states/distributed-map-failures.test.json';
import type { Json, MockScript, StartOptions, StateMachineDefinition } from '@aslkit/core';

export const order = {
  definition: orderPipeline as unknown as StateMachineDefinition,
  input: orderInput as Json,
  start: {
    mocks: orderMocks as unknown as MockScript,
    seed: 7,
    startTime: '2026-01-01T00:00:00Z',
  } satisfies StartOptions,
};
export const parallelMapDefinition = parallelMap as unknown as StateMachineDefinition;
export const waitAndChoiceDefinition = waitAndChoice as unknown as StateMachineDefinition;
/** A distributed Map of six items whose Map Run tolerates the two that fail (Fail state `Reject`). */
export const distributed = {
  definition: distributedMap as unknown as StateMachineDefinition,
  input: distributedMapCases.cases[0]!.input as Json,
};
export const deterministic: StartOptions = { seed: 1, startTime: '2026-01-01T00:00:00Z' };

/** Where screenshots go: /work/main/out (gitignored), relative to this folder. */
export const shot = (name: string) => `../../../out/${name}.png`;

const STEP_NAMES = [
  'ValidateCustomerAddress',
  'LookUpLoyaltyTier',
  'ReserveWarehouseStock',
  'CalculateShippingCost',
  'ApplyDiscountCodes',
  'AuthorizePayment',
  'CheckFraudScore',
  'CapturePayment',
  'CreateInvoice',
  'SendConfirmationEmail',
];

/**
 * A long top-level machine, as real order workflows grow: `count` states in one chain with a
 * Choice every fifth state (its Default goes on, its rule skips one state) and a Fail handler.
 */
export function longMachine(count: number): StateMachineDefinition {
  const names = Array.from(
    { length: count },
    (_, i) => `${STEP_NAMES[i % STEP_NAMES.length]}${Math.floor(i / 10) + 1}`,
  );
  const states: Record<string, unknown> = {};
  names.forEach((name, i) => {
    const next = names[i + 1];
    if (i % 5 === 4 && next !== undefined && names[i + 2] !== undefined)
      states[name] = {
        Type: 'Choice',
        Choices: [{ Variable: '$.skip', BooleanEquals: true, Next: names[i + 2] }],
        Default: next,
      };
    else
      states[name] = {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'OrderFailed' }],
        ...(next === undefined ? { End: true } : { Next: next }),
      };
  });
  states.OrderFailed = { Type: 'Fail', Error: 'OrderFailed' };
  return { StartAt: names[0]!, States: states } as unknown as StateMachineDefinition;
}

/** A Parallel whose four branches have different lengths (1, 3, 2, 4 states), named by position. */
export function fourBranchParallel(): StateMachineDefinition {
  const branch = (index: number, length: number) => {
    const names = Array.from({ length }, (_, i) => `Branch${index + 1}Step${i + 1}`);
    return {
      StartAt: names[0]!,
      States: Object.fromEntries(
        names.map((name, i) => [name, { Type: 'Pass', ...(names[i + 1] ? { Next: names[i + 1] } : { End: true }) }]),
      ),
    };
  };
  return {
    StartAt: 'FanOut',
    States: {
      FanOut: { Type: 'Parallel', Branches: [1, 3, 2, 4].map((length, i) => branch(i, length)), Next: 'Join' },
      Join: { Type: 'Pass', End: true },
    },
  } as unknown as StateMachineDefinition;
}
