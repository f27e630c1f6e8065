/**
 * SDK and service failures named as Step Functions names them, so Retry rules written for AWS
 * (`Lambda.ServiceException`, `Lambda.AWSLambdaException`, `Lambda.SdkClientException`,
 * `Lambda.TooManyRequestsException`, ...) work unchanged. Step Functions calls Lambda with the
 * Java SDK v1, so the names and causes are that client's (runtime-errors.md §13).
 */
import { TaskError } from '@aslkit/core';
import { LambdaServiceException } from '@aws-sdk/client-lambda';

interface SdkMetadata {
  httpStatusCode?: number;
  requestId?: string;
}

const metadataOf = (error: unknown): SdkMetadata =>
  (error !== null && typeof error === 'object' && '$metadata' in error
    ? (error as { $metadata?: SdkMetadata }).$metadata
    : undefined) ?? {};

/** v1's cause: the service message, then the response facts (snapshot: test_task_service_lambda::test_no_such_function). */
const serviceCause = (message: string, status: number, code: string, requestId: string | undefined): string =>
  `${message} (Service: AWSLambda; Status Code: ${status}; Error Code: ${code}; Request ID: ${requestId ?? 'null'}; Proxy: null)`;

/**
 * Maps what `LambdaClient.send` threw:
 * - an error the Lambda API models (`ResourceNotFoundException`, `TooManyRequestsException`,
 *   `ServiceException`, ...) → `Lambda.<that name>`;
 * - any other HTTP error response (unmodeled code, unparsable body) → `Lambda.AWSLambdaException`;
 * - no response at all (refused, reset, timed out, no region or credentials) → `Lambda.SdkClientException`.
 */
export function lambdaServiceFailure(error: unknown): TaskError {
  const metadata = metadataOf(error);
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof LambdaServiceException) {
    const modeled = error.constructor !== LambdaServiceException;
    return new TaskError(
      modeled ? `Lambda.${error.name}` : 'Lambda.AWSLambdaException',
      serviceCause(message, metadata.httpStatusCode ?? 500, error.name, metadata.requestId),
    );
  }
  if (metadata.httpStatusCode !== undefined) {
    // A response without a readable error code, e.g. a proxy's HTML 502.
    return new TaskError(
      'Lambda.AWSLambdaException',
      serviceCause('null', metadata.httpStatusCode, 'null', metadata.requestId),
    );
  }
  const code =
    error !== null && typeof error === 'object' && 'code' in error ? (error as { code?: unknown }).code : undefined;
  const network =
    typeof code === 'string' ||
    (error instanceof Error && /timeout|socket|network|ECONN/i.test(`${error.name} ${message}`));
  return new TaskError('Lambda.SdkClientException', network ? `Unable to execute HTTP request: ${message}` : message);
}
