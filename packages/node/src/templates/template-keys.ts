/**
 * Mocks and handlers that name a template's resources by logical id (`ChargeFunction`) instead
 * of the placeholder ARN the definition holds. Each Task state is matched to the resource its
 * `Resource`, `Parameters` or `Arguments` name (a function ARN, a queue URL, a table name); a mock
 * keyed by that resource's id then answers the state, after mocks keyed by state name or ARN and
 * before other resolvers. Handler keys become the function's placeholder name.
 */
import { mockResolvers, type MockScript, type ResolverRouter } from '@aslkit/core';
import type { TemplateFunction, TemplateMachine, TemplateResource } from './template-machine.js';
import { isFields, type Fields } from './fields.js';

interface TaskState {
  name: string;
  fields: Fields;
}

/** Every Task of a definition, nested scopes included. */
function taskStates(definition: unknown): TaskState[] {
  const tasks: TaskState[] = [];
  const scopes: unknown[] = [definition];
  while (scopes.length > 0) {
    const scope = scopes.pop();
    const states = isFields(scope) && isFields(scope['States']) ? scope['States'] : {};
    for (const name of Object.keys(states)) {
      const state = states[name];
      if (!isFields(state)) continue;
      if (state['Type'] === 'Task') tasks.push({ name, fields: state });
      if (Array.isArray(state['Branches'])) scopes.push(...(state['Branches'] as unknown[]));
      scopes.push(state['ItemProcessor'], state['Iterator']);
    }
  }
  return tasks;
}

/** The strings of a value, in document order. */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  return isFields(value) ? Object.values(value).flatMap(strings) : [];
}

/** Which resource each Task state uses, by the first of its strings that names one. */
export function stateResources(definition: unknown, resources: readonly TemplateResource[]): Map<string, string> {
  const byValue = new Map<string, string>();
  for (const resource of resources)
    for (const value of resource.values) if (!byValue.has(value)) byValue.set(value, resource.id);
  const found = new Map<string, string>();
  for (const task of taskStates(definition)) {
    const candidates = [task.fields['Resource'], task.fields['Parameters'], task.fields['Arguments']].flatMap(strings);
    for (const text of candidates) {
      // `arn:…:function:Charge:live` and `…:function:Charge` both name Charge.
      const id = byValue.get(text) ?? byValue.get(text.replace(/:[^:/]+$/, ''));
      if (id !== undefined) {
        found.set(task.name, id);
        break;
      }
    }
  }
  return found;
}

export interface TemplateMocks {
  /** The mocks keyed by state name or ARN, for the engine's `mocks` option. */
  mocks?: MockScript;
  /** A router answering states from the mocks keyed by resource id (put first among resolvers). */
  router?: ResolverRouter;
  /** Resource-id keys that no state of the machine uses, for warnings. */
  unused: string[];
}

/** Each name of the resources (id and aliases) → its id; an alias two resources share names neither. */
export function resourceNames(resources: readonly { id: string; aliases?: string[] }[]): Map<string, string> {
  const names = new Map<string, string>();
  const shared = new Set<string>();
  for (const resource of resources) names.set(resource.id, resource.id);
  for (const resource of resources)
    for (const alias of resource.aliases ?? []) {
      if (names.has(alias) && names.get(alias) !== resource.id) shared.add(alias);
      else names.set(alias, resource.id);
    }
  for (const alias of shared) if (!resources.some((r) => r.id === alias)) names.delete(alias);
  return names;
}

/** Splits a mock script into the engine's keys and the keys naming template resources. */
export function templateMocks(
  script: MockScript,
  machine: Pick<TemplateMachine, 'resources'>,
  definition: unknown,
): TemplateMocks {
  const ids = resourceNames(machine.resources);
  const states = new Set(taskStates(definition).map((task) => task.name));
  const own = (key: string) => script[key]!;
  const engineKeys = Object.keys(script).filter((key) => !ids.has(key) || states.has(key));
  const resourceKeys = Object.keys(script).filter((key) => ids.has(key) && !states.has(key));
  if (resourceKeys.length === 0) return { mocks: script, unused: [] };
  const byState = stateResources(definition, machine.resources);
  const used = new Set(byState.values());
  const resourceScript: MockScript = {};
  for (const key of resourceKeys)
    Object.defineProperty(resourceScript, ids.get(key)!, {
      value: own(key),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  const inner = mockResolvers(resourceScript);
  const mocks: MockScript = {};
  for (const key of engineKeys)
    Object.defineProperty(mocks, key, { value: own(key), enumerable: true, writable: true, configurable: true });
  return {
    ...(engineKeys.length > 0 ? { mocks } : {}),
    router: {
      // The keyed part looks entries up by the name it is given: here, the resource's id.
      find: (resource, stateName) => {
        const id = byState.get(stateName);
        return id === undefined ? undefined : inner.keyed.find(resource, id);
      },
    },
    unused: resourceKeys.filter((key) => !used.has(ids.get(key)!)),
  };
}

/** Handler keys that are function ids become the function's name, which is what Lambda calls match. */
export function templateHandlerKeys<T>(
  handlers: Readonly<Record<string, T>>,
  functions: readonly TemplateFunction[],
): Record<string, T> {
  const result: Record<string, T> = {};
  const names = resourceNames(functions);
  for (const key of Object.keys(handlers)) {
    const fn = functions.find((candidate) => candidate.id === names.get(key));
    Object.defineProperty(result, fn ? fn.name : key, {
      value: handlers[key],
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}
