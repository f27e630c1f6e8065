/**
 * The context object (`$$`) of a TestState call: the request's own, checked as AWS checks it
 * (only the fields a real context has; no `Map`), or one made like AWS's: an express execution
 * of a machine made for the call, the state always named `StateName`.
 */
import { isJsonObject, type Json, type JsonObject, parseJson } from '../json.js';
import { invalidRequest } from './refusal.js';

/** The fields AWS accepts in a mocked context object, by section. */
const ALLOWED: Record<string, readonly string[]> = {
  Execution: ['Id', 'Input', 'Name', 'RoleArn', 'StartTime', 'RedriveCount', 'RedriveTime'],
  State: ['EnteredTime', 'Name', 'RetryCount'],
  StateMachine: ['Id', 'Name'],
  Task: ['Token'],
};

const contextError = (detail: string) => invalidRequest(`Invalid Context object provided: ${detail}`);

/** Parses and checks the request's `context`: JSON text, as AWS takes it, or (aslkit) a value. */
export function parseContext(context: unknown): JsonObject {
  let value: Json;
  try {
    value = typeof context === 'string' ? parseJson(context) : (context as Json);
  } catch {
    // Unverified wording: AWS's text for a context that is not JSON is not recorded.
    throw contextError('Context object must be valid JSON');
  }
  if (!isJsonObject(value)) throw contextError('Context object must be a JSON object');
  if ('Map' in value) throw contextError("'Map' field is not supported when mocking a Context object");
  for (const [section, fields] of Object.entries(value)) {
    const allowed = ALLOWED[section];
    if (!allowed) throw contextError(`Field '${section}' is not allowed`);
    if (!isJsonObject(fields)) throw contextError(`Field '${section}' must be an object`);
    for (const field of Object.keys(fields))
      if (!allowed.includes(field)) throw contextError(`Field '${field}' is not allowed`);
  }
  return value;
}

export interface MadeContextFacts {
  input: Json;
  region: string;
  accountId: string;
  roleArn: string | undefined;
  machineName: string;
  executionName: string;
  startTime: string;
  /** Task, Parallel and Map carry `State.RetryCount`. */
  retryCount: number | undefined;
  taskToken: string | undefined;
}

/** The context AWS makes when the request has none. */
export function makeContext(facts: MadeContextFacts): JsonObject {
  const machineArn = `arn:aws:states:${facts.region}:${facts.accountId}:stateMachine:${facts.machineName}`;
  const State: JsonObject = { Name: 'StateName', EnteredTime: facts.startTime };
  if (facts.retryCount !== undefined) State['RetryCount'] = facts.retryCount;
  const context: JsonObject = {
    Execution: {
      Id: `arn:aws:states:${facts.region}:${facts.accountId}:express:${facts.machineName}:${facts.executionName}`,
      Input: facts.input,
      Name: facts.executionName,
      RoleArn: facts.roleArn ?? null,
      StartTime: facts.startTime,
    },
    StateMachine: { Id: machineArn, Name: facts.machineName },
    State,
  };
  if (facts.taskToken !== undefined) context['Task'] = { Token: facts.taskToken };
  return context;
}
