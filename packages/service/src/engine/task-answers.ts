/**
 * The Task answers of one execution, in the order they are tried: nested executions of this
 * service (`states:startExecution`, `aws-sdk:sfn:sendTask*`), the Step Functions Local mock config
 * test case named after `#` in the ARN given to StartExecution, the host's resolvers (local
 * handlers, real Lambda), activity workers, and last any `.waitForTaskToken` task, which waits for
 * SendTaskSuccess/Failure from a client, as it would on AWS once its message was sent.
 */
import {
  awaitCallback,
  sfnLocalMockResolvers,
  type ResolverRouter,
  type ResolversOption,
  type SfnLocalMockConfig,
  type TaskResolver,
} from '@aslkit/core';
import { errors } from '../api/service-error.js';
import { executionArnOf } from './activity-tasks.js';

export interface TaskAnswerSources {
  mockConfig?: SfnLocalMockConfig;
  resolvers?: ResolversOption;
  nested: ResolverRouter;
  activities: TaskResolver;
  /** Learns the token of a callback task, so SendTask* finds its execution at once. */
  onCallback(taskToken: string, executionArn: string): void;
}

export class TaskAnswers {
  private readonly testCases = new Map<string, ResolverRouter>();
  private readonly fallback: ResolverRouter;
  private readonly activityRouter: ResolverRouter;

  constructor(private readonly sources: TaskAnswerSources) {
    const waitForCallback: TaskResolver = (_input, context) => {
      sources.onCallback(context.taskToken!, executionArnOf(context));
      return awaitCallback();
    };
    this.activityRouter = { find: (resource) => (resource.kind === 'activity' ? sources.activities : undefined) };
    this.fallback = {
      find: (resource) => (resource.pattern === 'waitForTaskToken' ? waitForCallback : undefined),
    };
  }

  /**
   * The resolvers of an execution of `machineName`, with the mock config's `testCase` when one is
   * named. Throws InvalidArn-style errors for a test case the config does not hold.
   */
  for(machineName: string, testCase: string | undefined): ResolversOption {
    const routers: ResolversOption[] = [this.sources.nested];
    if (testCase !== undefined) routers.push(this.testCase(machineName, testCase));
    if (this.sources.resolvers !== undefined) routers.push(this.sources.resolvers);
    routers.push(this.activityRouter, this.fallback);
    return routers;
  }

  private testCase(machineName: string, testCase: string): ResolverRouter {
    const key = `${machineName}#${testCase}`;
    const cached = this.testCases.get(key);
    if (cached) return cached;
    const config = this.sources.mockConfig;
    if (!config)
      throw errors.validation(
        `The state machine ARN names test case '${testCase}', but the service was started without a mock config (--mock-config)`,
      );
    let router: ResolverRouter;
    try {
      router = sfnLocalMockResolvers(config, { stateMachine: machineName, testCase });
    } catch (error) {
      throw errors.validation(error instanceof Error ? error.message : String(error));
    }
    this.testCases.set(key, router);
    return router;
  }
}
