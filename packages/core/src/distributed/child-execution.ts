/**
 * One child execution of a Map Run: an execution of the Map's ItemProcessor with its own ARN,
 * history (and its own 25,000-event limit when STANDARD), `$$.Execution` and `$$.StateMachine`,
 * sharing the parent's clock, randomness, resolvers, task tokens and object store.
 */
import { asText, type Json } from '../json.js';
import type { CompiledMachine, CompiledScope } from '../runtime/compiled-state.js';
import type { EveryField, ExecutionEnv } from '../runtime/fiber.js';
import { Execution, type ExecutionInit } from '../runtime/execution.js';
import { executionArn, MAX_EXECUTION_SECONDS, type ExecutionType } from '../runtime/execution-type.js';
import { HistoryRecorder } from '../history/recorder.js';
import { isoTimestamp } from '../runtime/clock.js';
import { payloadText } from '../runtime/payload-limits.js';
import type { MapRunChild, MapRunRecord } from './map-run.js';
import type { HistoryEvent } from '../history/events.js';
import { redrivePlan } from '../redrive/redrive-plan.js';
import type { GraphModel } from '../graph/model.js';
import type { Abortable } from '../runtime/abort-listeners.js';

/** AWS's per-execution history limit (Standard); Express children have none. */
const STANDARD_HISTORY_LIMIT = 25_000;

export interface ChildPlan {
  readonly run: MapRunRecord;
  readonly processor: CompiledScope;
  readonly type: ExecutionType;
  /** `$$.StateMachine.Name` of the children: the parent machine's name and the run's label. */
  readonly machineName: string;
}

/** The execution of each child while it runs: its history is reachable before it ends. */
const runningChildren = new WeakMap<MapRunChild, Execution>();

/**
 * The events a Map Run child has recorded so far: while it runs, its live history (none with
 * `childHistories: 'none'`); once it ended, the history its Map Run kept, if any.
 */
export function childHistory(child: MapRunChild): readonly HistoryEvent[] | undefined {
  return runningChildren.get(child)?.history ?? child.history;
}

/** A child's record before it starts (its name and ARN are drawn from the seeded source). */
export function plannedChild(env: ExecutionEnv, plan: ChildPlan, index: number, input: Json): MapRunChild {
  const name = env.random.uuid();
  return {
    index,
    name,
    executionArn: executionArn(plan.run.stateMachineArn, name, plan.type, env.random),
    status: 'PENDING',
    input,
  };
}

/** A child a Map Run's redrive runs again: a STANDARD child with its history is redriven itself. */
export interface ChildRedrive {
  readonly history: readonly HistoryEvent[];
  /** The graph model of the processor, which places each state of the history. */
  readonly model: GraphModel;
  readonly startDate: string;
  readonly redriveCount: number;
}

/**
 * Runs `child` to its end and records how it ended; stopping `signal` aborts it. With `redrive`
 * (a Map Run's redrive of a STANDARD child), its history goes on after ExecutionRedriven.
 */
export async function runChild(
  env: ExecutionEnv,
  plan: ChildPlan,
  child: MapRunChild,
  signal: Abortable,
  redrive?: ChildRedrive,
): Promise<void> {
  const keep = env.mapRunOptions?.childHistories ?? 'failed';
  const clock = env.clock;
  const recorder = new HistoryRecorder(() => isoTimestamp(clock.now()), {
    record: keep !== 'none',
    maxEvents: plan.type === 'EXPRESS' ? Infinity : STANDARD_HISTORY_LIMIT,
    ...(redrive ? { prior: redrive.history } : {}),
  });
  const machine: CompiledMachine = {
    root: plan.processor,
    queryLanguage: env.machine.queryLanguage,
    allStates: env.machine.allStates,
  };
  const roleArn = asText(env.contextBase.Execution['RoleArn']);
  const now = isoTimestamp(clock.now());
  const startDate = redrive?.startDate ?? now;
  child.status = 'RUNNING';
  child.startDate = startDate;
  if (redrive) child.redriveCount = redrive.redriveCount;
  // Every field named (EveryField): what a child inherits from its parent is decided here, one by one.
  const childEnv: EveryField<ExecutionInit['env']> = {
    machine,
    clock,
    random: env.random,
    resolvers: env.resolvers,
    missingResolverMessage: env.missingResolverMessage,
    limits: env.limits,
    region: env.region,
    objectStore: env.objectStore,
    mapRunOptions: env.mapRunOptions,
    // A child runs to its end on its own: no debugger gate, no start points, no inspection.
    gate: undefined,
    startAt: undefined,
    inspect: undefined,
    contextBase: {
      Execution: {
        Id: child.executionArn,
        Input: child.input,
        StartTime: startDate,
        Name: child.name,
        RoleArn: roleArn,
        RedriveCount: redrive?.redriveCount ?? 0,
        ...(redrive ? { RedriveTime: now } : {}),
      },
      StateMachine: { Id: plan.run.stateMachineArn, Name: plan.machineName },
    },
  };
  const execution = new Execution({
    env: childEnv,
    recorder,
    inputText: payloadText(child.input, env.limits.payloadBytes, 'input', plan.run.stateName),
    input: child.input,
    executionArn: child.executionArn,
    name: child.name,
    roleArn,
    maxDurationSeconds: MAX_EXECUTION_SECONDS[plan.type],
    parent: { tokens: env.tokens, mapRuns: env.mapRuns, signal },
    deadline: plan.type === 'EXPRESS',
    ...(redrive
      ? {
          redrive: {
            count: redrive.redriveCount,
            startDate,
            date: now,
            plan: redrivePlan(plan.processor, redrive.history, { model: redrive.model }),
          },
        }
      : {}),
  });
  runningChildren.set(child, execution);
  // No `.finally`: an extra microtask here would shift how concurrent children's events interleave.
  const result = await execution.result;
  runningChildren.delete(child);
  child.status = result.status;
  child.stopDate = result.stopDate;
  if (result.status === 'SUCCEEDED') child.output = result.output ?? null;
  if (result.error !== undefined) child.error = result.error;
  if (result.cause !== undefined) child.cause = result.cause;
  if (keep === 'all' || (keep === 'failed' && result.status !== 'SUCCEEDED')) child.history = result.history;
}
