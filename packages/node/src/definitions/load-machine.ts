/**
 * Loads a state machine from a file, a `file:` URL, a machine reference (`template.yaml#OrderFlow`,
 * `cdk.out#Stack/Flow`: see templates/machine-reference.ts), a definition object or a compiled
 * machine. Files are compiled once per test worker and reloaded only when they change, so
 * running one machine in a hundred tests costs one parse.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ErrorCode,
  StateMachine,
  UsageError,
  definitionFingerprint,
  type StateMachineDefinition,
  type StateMachineOptions,
} from '@aslkit/core';
import { displayPath } from '../files/display-path.js';
import { loadMachineSet, parseMachineReference, selectMachine } from '../templates/machine-reference.js';
import { compileTemplateMachine } from '../templates/template-run.js';
import type { MachineSet, TemplateMachine } from '../templates/template-machine.js';
import type { TemplateOptions } from '../templates/template-options.js';

/**
 * A path or machine reference (relative to the working directory), a `file:` URL, a definition
 * object or a compiled machine.
 */
export type MachineSource = string | URL | StateMachine | object;

export interface LoadedMachine {
  machine: StateMachine;
  definition: StateMachineDefinition;
  /** The path relative to the working directory (with `#Name` for a template's machine), or a name for machines not from a file. */
  label: string;
  /** The machine as its file declares it (resources, functions), for machines loaded from a file. */
  template?: TemplateMachine;
  /** Every machine of its file, for nested executions. */
  set?: MachineSet;
}

interface Cached {
  mtimeMs: number;
  size: number;
  loaded: Omit<LoadedMachine, 'label'>;
}
const files = new Map<string, Cached>();
const objects = new WeakMap<object, StateMachine>();

/**
 * Resolves a source to a compiled machine with its definition and coverage label. A reference
 * names one machine of a template (`template.yaml#OrderFlow`); `template` fills its parameters and
 * `${Name}` substitutions.
 * @throws UsageError `ASLKIT_FILE_NOT_FOUND` for a missing file, `ASLKIT_MACHINE_NOT_FOUND` for a name the file lacks;
 * TemplateError for a template problem; DefinitionError (message prefixed with the file) for an invalid definition.
 */
export function loadMachine(
  source: MachineSource,
  options: StateMachineOptions = {},
  label?: string,
  template: TemplateOptions = {},
): LoadedMachine {
  if (source instanceof StateMachine)
    return { machine: source, definition: source.definition, label: label ?? source.name };
  if (typeof source === 'string' || source instanceof URL) {
    const cwd = template.cwd ?? process.cwd();
    const reference = source instanceof URL ? { file: fileURLToPath(source) } : parseMachineReference(source, cwd);
    const path = resolve(cwd, reference.file);
    const shown = label ?? `${displayPath(path, cwd)}${reference.name === undefined ? '' : `#${reference.name}`}`;
    return { ...loadReference(path, reference.name, options, { ...template, cwd }, shown), label: shown };
  }
  // Options change ARNs and names, so only option-free compilations are shared.
  const shared = Object.keys(options).length === 0;
  let machine = shared ? objects.get(source) : undefined;
  if (!machine) {
    machine = StateMachine.from(source, options);
    if (shared) objects.set(source, machine);
  }
  return { machine, definition: machine.definition, label: label ?? `inline machine ${definitionFingerprint(source)}` };
}

function loadReference(
  path: string,
  name: string | undefined,
  options: StateMachineOptions,
  template: TemplateOptions,
  shown: string,
): Omit<LoadedMachine, 'label'> {
  let stats: { mtimeMs: number; size: number };
  try {
    // A cdk.out changes when its manifest does.
    stats = statSync(path).isDirectory() ? statSync(resolve(path, 'manifest.json')) : statSync(path);
  } catch {
    throw new UsageError(ErrorCode.FileNotFound, `definition not found: ${displayPath(path, template.cwd)}`);
  }
  const key = `${path}#${name ?? ''}#${JSON.stringify(template)}`;
  const shared = Object.keys(options).length === 0;
  const cached = shared ? files.get(key) : undefined;
  if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return cached.loaded;
  const set = loadMachineSet(path, template);
  const chosen = selectMachine(set, name);
  // Line and column mean little without the file they are in: the message starts with it.
  const machine = compileTemplateMachine(
    chosen,
    options,
    set.kind === 'definition' ? shown.replace(/#[^#]*$/, '') : set.file,
  );
  const loaded = {
    machine,
    definition: machine.definition,
    ...(set.kind === 'definition' ? {} : { template: chosen, set }),
  };
  if (shared) files.set(key, { mtimeMs: stats.mtimeMs, size: stats.size, loaded });
  return loaded;
}
