/**
 * @aslkit/lambda: AWS Lambda task resolvers for aslkit, in Node. Real invocations through
 * `@aws-sdk/client-lambda` and local Node handlers with a Lambda-like context, both with the
 * results and error names Step Functions gives.
 * @module
 */
export { lambdaResolvers } from './lambda-resolvers.js';
export type { LambdaResolversOptions } from './lambda-resolvers.js';
export type { RealLambdaOptions } from './real-lambda.js';
export type { LocalFunction, LocalHandlers } from './local-handlers.js';
export type { LambdaCallback, LambdaContext, LambdaHandler } from './lambda-context.js';
export { loadHandlers } from './handler-module.js';
export { unmatchedHandlerKeys } from './handler-keys.js';
export type { HandlerSpec } from './handler-module.js';
export { parseFunctionName } from './function-name.js';
export type { FunctionRef } from './function-name.js';
