/**
 * The errors of the Step Functions API as the AWS JSON 1.0 protocol sends them: a `__type`
 * naming the modeled error (what the SDKs turn into their exception classes), a `message`, and
 * the HTTP status AWS uses (400 for client errors, 500 for the service's own failures).
 */
import { ErrorCode } from '@aslkit/core';

export class ServiceError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = type;
  }

  /** The response body. */
  toJSON(): { __type: string; message: string } {
    return { __type: this.type, message: this.message };
  }
}

/**
 * Constructors for the errors the operations throw, with AWS's messages. Where aslkit's own error
 * catalogue already names an AWS error (ErrorCode.InvalidToken, ...), its constant is used.
 */
export const errors = {
  serialization: (message: string) => new ServiceError('SerializationException', message),
  unknownOperation: (target: string) =>
    new ServiceError('UnknownOperationException', `The operation ${target || '(none)'} is not supported.`),
  validation: (message: string) => new ServiceError(ErrorCode.ValidationException, message),
  missing: (name: string) => new ServiceError('MissingRequiredParameter', `Missing required parameter: ${name}`),
  invalidArn: (arn: string) => new ServiceError('InvalidArn', `Invalid Arn: '${arn}'`),
  invalidName: (name: string) => new ServiceError('InvalidName', `Invalid Name: '${name}'`),
  invalidDefinition: (message: string) => new ServiceError(ErrorCode.AwsInvalidDefinition, message),
  invalidExecutionInput: (message: string) => new ServiceError(ErrorCode.InvalidExecutionInput, message),
  invalidOutput: (message: string) => new ServiceError(ErrorCode.InvalidOutput, message),
  invalidToken: (token: string) => new ServiceError(ErrorCode.InvalidToken, `Invalid Token: '${token}'`),
  taskDoesNotExist: () => new ServiceError(ErrorCode.TaskDoesNotExist, 'Task Does Not Exist'),
  taskTimedOut: (token: string) => new ServiceError('TaskTimedOut', `Task Timed Out: '${token}'`),
  machineDoesNotExist: (arn: string) =>
    new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`),
  machineExists: (arn: string) =>
    new ServiceError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`),
  machineDeleting: (arn: string) =>
    new ServiceError('StateMachineDeleting', `State Machine is being deleted: '${arn}'`),
  typeNotSupported: (message: string) => new ServiceError('StateMachineTypeNotSupported', message),
  executionDoesNotExist: (arn: string) =>
    new ServiceError(ErrorCode.ExecutionDoesNotExist, `Execution Does Not Exist: '${arn}'`),
  /** RedriveExecution refused; the message is DescribeExecution's redriveStatusReason. */
  executionNotRedrivable: (message: string) => new ServiceError(ErrorCode.ExecutionNotRedrivable, message),
  executionExists: (arn: string) =>
    new ServiceError(ErrorCode.ExecutionAlreadyExists, `Execution Already Exists: '${arn}'`),
  activityDoesNotExist: (arn: string) => new ServiceError('ActivityDoesNotExist', `Activity Does Not Exist: '${arn}'`),
  activityExists: (arn: string) => new ServiceError('ActivityAlreadyExists', `Activity Already Exists: '${arn}'`),
  resourceNotFound: (arn: string) => new ServiceError('ResourceNotFound', `Resource not found: '${arn}'`),
  tooManyTags: (arn: string) => new ServiceError('TooManyTags', `Too many tags on resource: '${arn}'`),
  internal: (message: string) => new ServiceError('InternalFailure', message, 500),
  forbiddenHost: (host: string) =>
    new ServiceError(
      'AccessDeniedException',
      `Requests must be addressed to a loopback name (127.0.0.1, localhost, [::1]), not '${host}'; start the service with --allow-remote to take others`,
      403,
    ),
} as const;
