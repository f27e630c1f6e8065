/**
 * Standard and Express executions: what differs at run time is the execution ARN and how long
 * an execution may run. (The validator refuses what Express machines cannot use:
 * definition/rules/resources.ts and map-config.ts.)
 */
import type { Random } from './random.js';

/** A state machine's type, as CreateStateMachine takes it. */
export type ExecutionType = 'STANDARD' | 'EXPRESS';

/**
 * AWS's maximum execution time per type (Step Functions quotas): five minutes for Express, one
 * year for Standard. AWS does not say how many days its year has; aslkit takes 366 days, the
 * year AWS uses for other limits (ASL's `MaxDelaySeconds` stops at 31,622,401).
 */
export const MAX_EXECUTION_SECONDS: Readonly<Record<ExecutionType, number>> = {
  STANDARD: 31_622_400,
  EXPRESS: 300,
};

/**
 * An execution's ARN. Express executions have AWS's express form, whose last part is a fresh
 * id per execution (AWS reuses names across Express executions), drawn from the seeded source:
 * `arn:aws:states:REGION:ACCOUNT:express:MACHINE:NAME:UUID`.
 */
export function executionArn(machineArn: string, name: string, type: ExecutionType, random: Random): string {
  if (type === 'EXPRESS') return `${machineArn.replace(':stateMachine:', ':express:')}:${name}:${random.uuid()}`;
  return `${machineArn.replace(':stateMachine:', ':execution:')}:${name}`;
}
