/**
 * ARNs in AWS's forms and the name rules of CreateStateMachine, StartExecution and
 * CreateActivity: 1 to 80 characters, no whitespace, brackets, wildcards, the special characters
 * `" # % \ ^ | ~ \` $ & , ; : /`, or control characters.
 */
import { errors } from './service-error.js';

/** Where the service says its resources live. */
export interface ServiceLocation {
  region: string;
  accountId: string;
}

const FORBIDDEN = /[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/u;

/** Throws InvalidName unless `name` is a valid resource name. */
export function checkName(name: string): void {
  if (name.length < 1 || name.length > 80 || FORBIDDEN.test(name)) throw errors.invalidName(name);
}

export const machineArn = ({ region, accountId }: ServiceLocation, name: string): string =>
  `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;

export const activityArn = ({ region, accountId }: ServiceLocation, name: string): string =>
  `arn:aws:states:${region}:${accountId}:activity:${name}`;

const MACHINE_ARN = /^arn:aws[\w-]*:states:[a-z0-9-]+:\d{12}:stateMachine:[^:#]+$/;
const EXECUTION_ARN = /^arn:aws[\w-]*:states:[a-z0-9-]+:\d{12}:(execution|express):[^:]+:[^:]+(:[^:]+)?$/;
const MAP_RUN_ARN = /^arn:aws[\w-]*:states:[a-z0-9-]+:\d{12}:mapRun:[^:]+\/[^:]+:[^:]+$/;
const ACTIVITY_ARN = /^arn:aws[\w-]*:states:[a-z0-9-]+:\d{12}:activity:[^:]+$/;

/**
 * A state machine ARN as StartExecution takes it: Step Functions Local picks the test case of a
 * mock config from what follows `#` (`arn:...:stateMachine:Orders#HappyPath`).
 */
export function parseMachineArn(arn: string): { arn: string; testCase?: string } {
  const hash = arn.indexOf('#');
  const base = hash < 0 ? arn : arn.slice(0, hash);
  if (!MACHINE_ARN.test(base) || hash === arn.length - 1) throw errors.invalidArn(arn);
  return hash < 0 ? { arn: base } : { arn: base, testCase: arn.slice(hash + 1) };
}

export function checkMachineArn(arn: string): string {
  if (!MACHINE_ARN.test(arn)) throw errors.invalidArn(arn);
  return arn;
}

export function checkExecutionArn(arn: string): string {
  if (!EXECUTION_ARN.test(arn)) throw errors.invalidArn(arn);
  return arn;
}

export function checkMapRunArn(arn: string): string {
  if (!MAP_RUN_ARN.test(arn)) throw errors.invalidArn(arn);
  return arn;
}

export function checkActivityArn(arn: string): string {
  if (!ACTIVITY_ARN.test(arn)) throw errors.invalidArn(arn);
  return arn;
}
