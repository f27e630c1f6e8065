/**
 * AWS's refusals of a TestState request (HTTP 400): `ValidationException` for the request,
 * `InvalidDefinition` for the definition, each with AWS's message as recorded.
 */
import { AslkitError } from '../errors/aslkit-error.js';
import { ErrorCode } from '../errors/error-codes.js';

export type TestStateRefusalCode = typeof ErrorCode.ValidationException | typeof ErrorCode.AwsInvalidDefinition;

/** TestState refused the request; `code` is AWS's error code, `message` AWS's text. */
export class TestStateRefusal extends AslkitError {
  declare readonly code: TestStateRefusalCode;
  constructor(code: TestStateRefusalCode, message: string) {
    super(code, message);
  }
}

export const invalidRequest = (message: string): TestStateRefusal =>
  new TestStateRefusal(ErrorCode.ValidationException, message);

export const invalidDefinition = (message: string): TestStateRefusal =>
  new TestStateRefusal(ErrorCode.AwsInvalidDefinition, message);
