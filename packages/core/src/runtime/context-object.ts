/**
 * The context object (`$$`), built per state attempt: execution and state machine facts are
 * shared, the State part is this entry's, `Task.Token` appears for callback tasks and
 * `Map.Item` only while a Map computes an iteration's input.
 */
import type { Json, JsonObject } from '../json.js';
import type { ExecutionEnv } from './fiber.js';

export interface StateContextFacts {
  name: string;
  enteredTime: string;
  /** Present for states that can retry (Task, Parallel, Map). */
  retryCount?: number;
  taskToken?: string;
}

export function contextObject(env: ExecutionEnv, facts: StateContextFacts): JsonObject {
  const State: JsonObject = { EnteredTime: facts.enteredTime, Name: facts.name };
  if (facts.retryCount !== undefined) State['RetryCount'] = facts.retryCount;
  const context: JsonObject = {
    Execution: env.contextBase.Execution,
    State,
    StateMachine: env.contextBase.StateMachine,
  };
  if (facts.taskToken !== undefined) context['Task'] = { Token: facts.taskToken };
  return context;
}

/** The same context with `Map.Item` for one iteration's ItemSelector. */
export function withMapItem(context: Json, index: number, value: Json, key?: string): JsonObject {
  const base = context as JsonObject;
  const item: JsonObject = {
    Execution: base['Execution']!,
    State: base['State']!,
    StateMachine: base['StateMachine']!,
    // A distributed Map over a JSON object also names the item's key.
    Map: { Item: key === undefined ? { Index: index, Value: value } : { Index: index, Key: key, Value: value } },
  };
  if (base['Task'] !== undefined) item['Task'] = base['Task'];
  return item;
}
