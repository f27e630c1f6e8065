/**
 * What `Ref` and `Fn::GetAtt` give for a template's own resources, which do not exist until
 * deployed: deterministic placeholders built from the resource's name (its name property when the
 * template sets one, else its logical id) and type, shaped as AWS shapes them (a function's ARN, a
 * queue's URL, a table's name). The table is documented in docs/guide/templates.md.
 */
import type { PseudoParameters } from './pseudo-parameters.js';

type Make = (name: string, p: PseudoParameters) => string;

interface ResourceKind {
  /** The property that names the resource (`FunctionName`); absent: the logical id is the name. */
  nameProperty?: string;
  /** What `Ref` returns. */
  ref: Make;
  /** `Fn::GetAtt` attributes; `Arn` is the common one. */
  attributes: Record<string, Make>;
}

const arn = (service: string, resource: (name: string) => string, regional = true, withAccount = true): Make => {
  return (name, p) =>
    `arn:${p.partition}:${service}:${regional ? p.region : ''}:${withAccount ? p.accountId : ''}:${resource(name)}`;
};
const named = (name: string): string => name;
const lambdaArn = arn('lambda', (name) => `function:${name}`);
const machineArn = arn('states', (name) => `stateMachine:${name}`);
const queueUrl: Make = (name, p) => `https://sqs.${p.region}.${p.urlSuffix}/${p.accountId}/${name}`;
const tableArn = arn('dynamodb', (name) => `table/${name}`);

const lambda: ResourceKind = { nameProperty: 'FunctionName', ref: named, attributes: { Arn: lambdaArn } };
const stateMachine = (nameProperty: string): ResourceKind => ({
  nameProperty,
  ref: machineArn,
  attributes: { Arn: machineArn, Name: named, StateMachineRevisionId: (name) => `${name}-revision-1` },
});
const table: ResourceKind = {
  nameProperty: 'TableName',
  ref: named,
  attributes: {
    Arn: tableArn,
    StreamArn: (name, p) => `${tableArn(name, p)}/stream/2026-01-01T00:00:00.000`,
  },
};

/** Common resource types; others get the logical id for `Ref` and a generic ARN for `Arn`. */
const KINDS: Record<string, ResourceKind> = {
  'AWS::Lambda::Function': lambda,
  'AWS::Serverless::Function': lambda,
  'AWS::StepFunctions::StateMachine': stateMachine('StateMachineName'),
  'AWS::Serverless::StateMachine': stateMachine('Name'),
  'AWS::StepFunctions::Activity': {
    nameProperty: 'Name',
    ref: arn('states', (name) => `activity:${name}`),
    attributes: { Name: named },
  },
  'AWS::SQS::Queue': {
    nameProperty: 'QueueName',
    ref: queueUrl,
    attributes: { Arn: arn('sqs', named), QueueName: named, QueueUrl: queueUrl },
  },
  'AWS::SNS::Topic': {
    nameProperty: 'TopicName',
    ref: arn('sns', named),
    attributes: { TopicArn: arn('sns', named), TopicName: named },
  },
  'AWS::DynamoDB::Table': table,
  'AWS::DynamoDB::GlobalTable': table,
  'AWS::Serverless::SimpleTable': table,
  'AWS::S3::Bucket': {
    nameProperty: 'BucketName',
    ref: named,
    attributes: {
      Arn: arn('s3', named, false, false),
      DomainName: (name) => `${name}.s3.amazonaws.com`,
      RegionalDomainName: (name, p) => `${name}.s3.${p.region}.${p.urlSuffix}`,
    },
  },
  'AWS::Events::EventBus': {
    nameProperty: 'Name',
    ref: named,
    attributes: { Arn: arn('events', (name) => `event-bus/${name}`), Name: named },
  },
  'AWS::Events::Rule': {
    nameProperty: 'Name',
    ref: named,
    attributes: { Arn: arn('events', (name) => `rule/${name}`) },
  },
  'AWS::IAM::Role': {
    nameProperty: 'RoleName',
    ref: named,
    attributes: { Arn: arn('iam', (name) => `role/${name}`, false), RoleId: (name) => `AROA${name.toUpperCase()}` },
  },
  'AWS::Logs::LogGroup': {
    nameProperty: 'LogGroupName',
    ref: named,
    attributes: { Arn: arn('logs', (name) => `log-group:${name}:*`) },
  },
  'AWS::Kinesis::Stream': {
    nameProperty: 'Name',
    ref: named,
    attributes: { Arn: arn('kinesis', (n) => `stream/${n}`) },
  },
  'AWS::ECS::Cluster': {
    nameProperty: 'ClusterName',
    ref: named,
    attributes: { Arn: arn('ecs', (n) => `cluster/${n}`) },
  },
  'AWS::ECS::TaskDefinition': {
    nameProperty: 'Family',
    ref: arn('ecs', (name) => `task-definition/${name}:1`),
    attributes: { TaskDefinitionArn: arn('ecs', (name) => `task-definition/${name}:1`) },
  },
  'AWS::Batch::JobQueue': { nameProperty: 'JobQueueName', ref: arn('batch', (n) => `job-queue/${n}`), attributes: {} },
  'AWS::Batch::JobDefinition': {
    nameProperty: 'JobDefinitionName',
    ref: arn('batch', (n) => `job-definition/${n}:1`),
    attributes: {},
  },
  'AWS::Glue::Job': { nameProperty: 'Name', ref: named, attributes: {} },
  'AWS::SecretsManager::Secret': {
    nameProperty: 'Name',
    ref: arn('secretsmanager', (n) => `secret:${n}`),
    attributes: {},
  },
  'AWS::SSM::Parameter': { nameProperty: 'Name', ref: named, attributes: {} },
  'AWS::ApiGateway::RestApi': { nameProperty: 'Name', ref: named, attributes: { RootResourceId: (n) => `${n}-root` } },
  'AWS::Lambda::LayerVersion': { nameProperty: 'LayerName', ref: arn('lambda', (n) => `layer:${n}:1`), attributes: {} },
};

export interface Placeholder {
  /** What `Ref` gives. */
  ref: string;
  /** What `Fn::GetAtt` gives for an attribute; undefined for one aslkit has no placeholder for. */
  attribute(name: string): string | undefined;
  /** The attributes it has a placeholder for. */
  attributes: readonly string[];
}

/** The property that names resources of `type`, if the type is in the table. */
export const nameProperty = (type: string): string | undefined => KINDS[type]?.nameProperty;

/** The placeholder values of a resource named `name` (its name property, else its logical id). */
export function placeholderFor(type: string, name: string, pseudo: PseudoParameters): Placeholder {
  const kind = KINDS[type];
  if (kind) {
    return {
      ref: kind.ref(name, pseudo),
      attribute: (attribute) => {
        const make = Object.prototype.hasOwnProperty.call(kind.attributes, attribute)
          ? kind.attributes[attribute]
          : undefined;
        return make?.(name, pseudo);
      },
      attributes: Object.keys(kind.attributes),
    };
  }
  // AWS::<Service>::<Kind>: a physical id for Ref, a plausible ARN for Arn; other attributes are unknown.
  const [, service = 'unknown', resource = 'resource'] = /^AWS::([^:]+)::([^:]+)$/.exec(type) ?? [];
  return {
    ref: name,
    attribute: (attribute) =>
      attribute === 'Arn'
        ? `arn:${pseudo.partition}:${service.toLowerCase()}:${pseudo.region}:${pseudo.accountId}:${resource.toLowerCase()}/${name}`
        : undefined,
    attributes: ['Arn'],
  };
}
