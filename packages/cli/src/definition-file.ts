/**
 * The one machine that `aslkit run` and `aslkit view` take: a definition file or a machine of a
 * template (`template.yaml#OrderFlow`, `cdk.out#Stack/Flow`), compiled, with the definition's
 * diagnostics printed like a compiler's (in the template's lines) when it does not compile.
 */
import { DefinitionError, ErrorCode, UsageError, type StateMachine, type StateMachineOptions } from '@aslkit/core';
import {
  compileTemplateMachine,
  loadMachineSet,
  parseMachineReference,
  selectMachine,
  type MachineSet,
  type TemplateMachine,
  type TemplateOptions,
} from '@aslkit/node';
import type { CliIo } from './command.js';
import { formatDiagnostic } from './format.js';

/** The single positional argument of `command`, or a usage error naming what is wrong. */
export function oneDefinitionFile(positionals: readonly string[], command: string): string {
  const [file, ...extra] = positionals;
  if (file === undefined) throw new UsageError(ErrorCode.CliUsage, `${command} needs a definition file`);
  if (extra.length > 0)
    throw new UsageError(
      ErrorCode.CliUsage,
      `${command} takes one definition file, got extra arguments: ${extra.join(' ')}`,
    );
  return file;
}

/** A machine as a command runs it, with the template it came from. */
export interface ReferencedMachine {
  machine: StateMachine;
  template: TemplateMachine;
  set: MachineSet;
}

/**
 * The machine a reference names, compiled; undefined after writing the definition's diagnostics
 * to stderr (its errors; its warnings only when there is no error to show).
 */
export function referencedMachine(
  reference: string,
  io: CliIo,
  template: TemplateOptions,
  options: StateMachineOptions = {},
): ReferencedMachine | undefined {
  const { file, name } = parseMachineReference(reference, io.cwd);
  const set = loadMachineSet(file, { ...template, cwd: io.cwd });
  const chosen = selectMachine(set, name);
  const input = chosen.definition();
  try {
    // Flags (--type) win over the template's own settings.
    const flagged = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
    return { machine: compileTemplateMachine(chosen, flagged), template: chosen, set };
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    const diagnostics = input.locate(error.diagnostics);
    const errors = diagnostics.filter((d) => d.severity === 'ERROR');
    for (const diagnostic of errors.length > 0 ? errors : diagnostics)
      io.stderr.write(formatDiagnostic((diagnostic as { file?: string }).file ?? set.file, diagnostic));
    return undefined;
  }
}
