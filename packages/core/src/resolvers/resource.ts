/**
 * What a Task's `Resource` ARN means for history and routing: the event family
 * (LambdaFunction*, Activity* or Task*), AWS's `resourceType`/`resource` split, and the
 * integration pattern (request-response, `.sync`, `.waitForTaskToken`).
 */
export type IntegrationPattern = 'request-response' | 'sync' | 'waitForTaskToken';

export interface ParsedResource {
  arn: string;
  /** `lambda-function`: direct function ARN; `activity`; `service`: `arn:aws:states:::svc:api`. */
  kind: 'lambda-function' | 'activity' | 'service';
  /** History `resourceType`, e.g. `lambda`, `sqs`, `aws-sdk:s3`. */
  resourceType: string;
  /** History `resource`, e.g. `invoke`, `sendMessage.waitForTaskToken`. */
  resource: string;
  pattern: IntegrationPattern;
  /** The ARN without `.sync`/`.sync:2`/`.waitForTaskToken`. */
  baseArn: string;
  region: string;
}

const SERVICE = /^arn:[^:]+:states:([^:]*):([^:]*):(.+)$/;
const LAMBDA = /^arn:[^:]+:lambda:([^:]*):([^:]*):function:(.+)$/;
const ACTIVITY = /^arn:[^:]+:states:([^:]*):([^:]*):activity:(.+)$/;

export function parseResource(arn: string, defaultRegion: string): ParsedResource {
  const lambda = LAMBDA.exec(arn);
  if (lambda) {
    return {
      arn,
      kind: 'lambda-function',
      resourceType: 'lambda',
      resource: lambda[3]!,
      pattern: 'request-response',
      baseArn: arn,
      region: lambda[1] || defaultRegion,
    };
  }
  const activity = ACTIVITY.exec(arn);
  if (activity) {
    return {
      arn,
      kind: 'activity',
      resourceType: 'activity',
      resource: activity[3]!,
      pattern: 'waitForTaskToken',
      baseArn: arn,
      region: activity[1] || defaultRegion,
    };
  }
  const service = SERVICE.exec(arn);
  const tail = service ? service[3]! : arn;
  const pattern: IntegrationPattern = /\.waitForTaskToken$/.test(tail)
    ? 'waitForTaskToken'
    : /\.sync(:\d+)?$/.test(tail)
      ? 'sync'
      : 'request-response';
  const cut = tail.lastIndexOf(
    ':',
    tail.search(/\.(sync|waitForTaskToken)/) >= 0 ? tail.search(/\.(sync|waitForTaskToken)/) : tail.length,
  );
  const resourceType = cut > 0 ? tail.slice(0, cut) : tail;
  const resource = cut > 0 ? tail.slice(cut + 1) : tail;
  const baseArn = arn.replace(/\.(sync(:\d+)?|waitForTaskToken)$/, '');
  return { arn, kind: 'service', resourceType, resource, pattern, baseArn, region: service?.[1] || defaultRegion };
}
