/**
 * What a loader finds: state machines, each with the definition it deploys (built on demand,
 * since one broken machine must not hide the others), the resources of its template (so mocks
 * and handlers may name them by logical id) and the Lambda functions it could call.
 */
import type { FilePlace } from './traced-text.js';
import type { DefinitionInput } from '../definitions/definition-input.js';

/** The kinds of file a machine can come from. */
export type SourceKind = 'cloudformation' | 'sam' | 'cdk' | 'serverless' | 'terraform' | 'definition';

/** A resource of the machine's template, with the strings that stand for it in a definition. */
export interface TemplateResource {
  /** Logical id (CloudFormation, SAM, CDK), function or machine key (Serverless), address (Terraform). */
  id: string;
  /** Other names mocks and handlers may use: a CDK construct path (`Stack/OrdersTable`) and its last part. */
  aliases?: string[];
  type: string;
  /** The values a definition may hold for it: its Ref, its ARN, its URL or name. The first is its ARN when it has one. */
  values: string[];
}

/** A Lambda function of the template, as `--handlers auto` runs it. */
export interface TemplateFunction {
  id: string;
  /** Other names handlers may use (see TemplateResource.aliases). */
  aliases?: string[];
  /** The function name its placeholder ARN ends in. */
  name: string;
  arn: string;
  runtime?: string;
  /** `file.export` (Node.js, Python), relative to `codeDir`. */
  handler?: string;
  /** The directory holding the code, absolute. */
  codeDir?: string;
  timeoutSeconds?: number;
  memoryLimitInMB?: number;
  environment: Record<string, string>;
  place: FilePlace;
  /** Why it cannot run locally, when it cannot (code in S3, a container image, …). */
  unavailable?: string;
}

/** A state machine found in a file. */
export interface TemplateMachine {
  /** How references name it: logical id, Serverless key, Terraform address. */
  id: string;
  /** The CDK construct path (`Stack/Flow`), when the template has one. */
  path?: string;
  /** The stack it is in (cdk.out, nested stacks). */
  stack?: string;
  /** The state machine's name, as its ARN ends. */
  name: string;
  arn: string;
  type?: 'STANDARD' | 'EXPRESS';
  roleArn?: string;
  /** Where the machine is declared. */
  place: FilePlace;
  /** Builds the definition as deployed, with diagnostics located in the files it comes from. */
  definition(): DefinitionInput;
  /** The resources of its template, for names by logical id. */
  resources: readonly TemplateResource[];
  /** The Lambda functions of its template (all stacks of a cdk.out). */
  functions: readonly TemplateFunction[];
}

/** Every machine of one file, with what kind of file it is. */
export interface MachineSet {
  kind: SourceKind;
  /** The file as given (relative to the working directory when inside it). */
  file: string;
  machines: TemplateMachine[];
  /** Machines the file declares but a deployment would not create (a false `Condition`), by logical id. */
  notCreated?: NotCreated[];
}

/** A machine a deployment would not create, and why. */
export interface NotCreated {
  id: string;
  reason: string;
}
