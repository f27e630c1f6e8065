/**
 * TestState: one state tested offline through core's `testState`, with AWS's request and response
 * and AWS's refusals (`ValidationException`, `InvalidDefinition`) as service errors. The request is
 * passed on as the client sent it: `testState` checks every member itself, with AWS's messages.
 */
import { testState, TestStateRefusal, type TestStateRequest } from '@aslkit/core';
import { ServiceError } from '../api/service-error.js';
import type { Operation } from './context.js';

export const testStateOperation: Operation = async (_context, body) => {
  try {
    return await testState(body as unknown as TestStateRequest);
  } catch (error) {
    if (error instanceof TestStateRefusal) throw new ServiceError(error.code, error.message);
    throw error;
  }
};
