/**
 * Loads a state machine from a file, a `file:` URL, a definition object or a compiled
 * machine. Files are compiled once per test worker and reloaded only when they change, so
 * running one machine in a hundred tests costs one parse.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AslkitError,
  DefinitionError,
  ErrorCode,
  StateMachine,
  UsageError,
  definitionFingerprint,
  type StateMachineDefinition,
  type StateMachineOptions,
} from '@aslkit/core';
import { displayPath } from '../files/display-path.js';
import { readDefinitionFile } from './definition-input.js';

/** A path (relative to the working directory), a `file:` URL, a definition object or a compiled machine. */
export type MachineSource = string | URL | StateMachine | object;

export interface LoadedMachine {
  machine: StateMachine;
  definition: StateMachineDefinition;
  /** The path relative to the working directory, or a name for machines not from a file. */
  label: string;
}

const files = new Map<string, { mtimeMs: number; size: number; machine: StateMachine }>();
const objects = new WeakMap<object, StateMachine>();

/**
 * Resolves a source to a compiled machine with its definition and coverage label.
 * @throws UsageError `ASLKIT_FILE_NOT_FOUND` for a missing file; DefinitionError (message prefixed with the file) for an invalid one.
 */
export function loadMachine(source: MachineSource, options: StateMachineOptions = {}, label?: string): LoadedMachine {
  if (source instanceof StateMachine)
    return { machine: source, definition: source.definition, label: label ?? source.name };
  if (typeof source === 'string' || source instanceof URL) {
    const path = typeof source === 'string' ? resolve(source) : fileURLToPath(source);
    const shown = label ?? displayPath(path);
    const machine = loadFile(path, options, shown);
    return { machine, definition: machine.definition, label: shown };
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

function loadFile(path: string, options: StateMachineOptions, shown: string): StateMachine {
  let stats: { mtimeMs: number; size: number };
  try {
    stats = statSync(path);
  } catch {
    throw new UsageError(ErrorCode.FileNotFound, `definition not found: ${shown}`);
  }
  const shared = Object.keys(options).length === 0;
  const cached = shared ? files.get(path) : undefined;
  if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return cached.machine;
  // A YAML syntax error already names the file, with its line and column.
  const input = readDefinitionFile(path, shown);
  let machine: StateMachine;
  try {
    machine = StateMachine.from(input.source, options);
  } catch (error) {
    const located = error instanceof DefinitionError ? new DefinitionError(input.locate(error.diagnostics)) : error;
    // Line and column mean little without the file they are in.
    if (located instanceof AslkitError) located.message = `${shown}: ${located.message}`;
    throw located;
  }
  if (shared) files.set(path, { mtimeMs: stats.mtimeMs, size: stats.size, machine });
  return machine;
}
