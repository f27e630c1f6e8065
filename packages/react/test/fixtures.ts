// The shared fixtures the browser tests load, as Vite imports them (JSON modules).
import orderPipeline from '../../../fixtures/examples/order-pipeline.asl.json';
import orderMocks from '../../../fixtures/examples/order-pipeline.mocks.json';
import orderInput from '../../../fixtures/examples/order-pipeline.input.json';
import parallelMap from '../../../fixtures/states/parallel-map.asl.json';
import waitAndChoice from '../../../fixtures/states/wait-and-choice.asl.json';
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
export const deterministic: StartOptions = { seed: 1, startTime: '2026-01-01T00:00:00Z' };

/** Where screenshots go: /work/main/out (gitignored), relative to this folder. */
export const shot = (name: string) => `../../../out/${name}.png`;
