/**
 * The definition model: Amazon States Language in AWS's own spelling, so the JSON and the
 * types match one to one. Fields a query language forbids are still typed here; which
 * combinations are legal is the validator's job, not the type system's.
 */
import type { Json, JsonObject } from '../json.js';

export type QueryLanguage = 'JSONPath' | 'JSONata';

export type StateType = 'Task' | 'Pass' | 'Choice' | 'Wait' | 'Succeed' | 'Fail' | 'Parallel' | 'Map';

export const STATE_TYPES: readonly StateType[] = [
  'Task',
  'Wait',
  'Pass',
  'Succeed',
  'Fail',
  'Choice',
  'Parallel',
  'Map',
];

/** A payload template (Parameters, ResultSelector, ItemSelector, Arguments, Assign...). */
export type PayloadTemplate = Json;

/** Top level of a machine; also the shape of a Parallel branch and a Map processor. */
export interface StateMachineDefinition {
  StartAt: string;
  States: Record<string, State>;
  Comment?: string;
  Version?: string;
  TimeoutSeconds?: number;
  QueryLanguage?: QueryLanguage;
}

export interface ProcessorConfig {
  Mode?: 'INLINE' | 'DISTRIBUTED';
  ExecutionType?: 'STANDARD' | 'EXPRESS';
}

export interface ItemProcessor {
  StartAt: string;
  States: Record<string, State>;
  Comment?: string;
  ProcessorConfig?: ProcessorConfig;
}

export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
  Comment?: string;
}

export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
  Output?: Json;
  Assign?: JsonObject;
  Comment?: string;
}

/** Fields every state may carry. */
interface StateBase {
  Type: StateType;
  Comment?: string;
  QueryLanguage?: QueryLanguage;
}

/** `Next` xor `End: true`. */
interface Transition {
  Next?: string;
  End?: boolean;
}

interface JsonPathIO {
  InputPath?: string | null;
  OutputPath?: string | null;
}

interface JsonataIO {
  Output?: Json;
  Assign?: JsonObject;
}

export interface PassState extends StateBase, Transition, JsonPathIO, JsonataIO {
  Type: 'Pass';
  Parameters?: PayloadTemplate;
  Result?: Json;
  ResultPath?: string | null;
}

export interface TaskState extends StateBase, Transition, JsonPathIO, JsonataIO {
  Type: 'Task';
  Resource: string;
  Parameters?: PayloadTemplate;
  Arguments?: Json;
  ResultSelector?: PayloadTemplate;
  ResultPath?: string | null;
  Retry?: Retrier[];
  Catch?: Catcher[];
  TimeoutSeconds?: number | string;
  TimeoutSecondsPath?: string;
  HeartbeatSeconds?: number | string;
  HeartbeatSecondsPath?: string;
  Credentials?: JsonObject;
}

/** A Choice rule: a comparison (`Variable` + one operator), a boolean combinator, or a JSONata `Condition`. */
export interface ChoiceRule {
  Variable?: string;
  And?: ChoiceRule[];
  Or?: ChoiceRule[];
  Not?: ChoiceRule;
  Condition?: boolean | string;
  Next?: string;
  Assign?: JsonObject;
  Output?: Json;
  Comment?: string;
  /** Comparison operators (`StringEquals`, `NumericLessThanPath`, `IsPresent`, ...). */
  [operator: string]: Json | ChoiceRule | ChoiceRule[] | undefined;
}

export interface ChoiceState extends StateBase, JsonPathIO, JsonataIO {
  Type: 'Choice';
  Choices: ChoiceRule[];
  Default?: string;
}

export interface WaitState extends StateBase, Transition, JsonPathIO, JsonataIO {
  Type: 'Wait';
  Seconds?: number | string;
  SecondsPath?: string;
  Timestamp?: string;
  TimestampPath?: string;
}

export interface SucceedState extends StateBase, JsonPathIO, JsonataIO {
  Type: 'Succeed';
}

export interface FailState extends StateBase {
  Type: 'Fail';
  Error?: string;
  ErrorPath?: string;
  Cause?: string;
  CausePath?: string;
}

export interface ParallelState extends StateBase, Transition, JsonPathIO, JsonataIO {
  Type: 'Parallel';
  Branches: StateMachineDefinition[];
  Parameters?: PayloadTemplate;
  Arguments?: Json;
  ResultSelector?: PayloadTemplate;
  ResultPath?: string | null;
  Retry?: Retrier[];
  Catch?: Catcher[];
}

export interface MapState extends StateBase, Transition, JsonPathIO, JsonataIO {
  Type: 'Map';
  ItemProcessor?: ItemProcessor;
  /** Legacy synonym of `ItemProcessor`. */
  Iterator?: ItemProcessor;
  ItemsPath?: string | null;
  Items?: Json;
  ItemSelector?: PayloadTemplate;
  /** Legacy synonym of `ItemSelector`. */
  Parameters?: PayloadTemplate;
  ResultSelector?: PayloadTemplate;
  ResultPath?: string | null;
  MaxConcurrency?: number | string;
  MaxConcurrencyPath?: string;
  ToleratedFailurePercentage?: number | string;
  ToleratedFailurePercentagePath?: string;
  ToleratedFailureCount?: number | string;
  ToleratedFailureCountPath?: string;
  ItemReader?: JsonObject;
  ItemBatcher?: JsonObject;
  ResultWriter?: JsonObject;
  Label?: string;
  Retry?: Retrier[];
  Catch?: Catcher[];
}

export type State =
  PassState | TaskState | ChoiceState | WaitState | SucceedState | FailState | ParallelState | MapState;

export type StateOfType<T extends StateType> = Extract<State, { Type: T }>;
