/**
 * The one definition file that `aslkit run` and `aslkit view` take, and the machine it compiles
 * to, with the definition's diagnostics printed like a compiler's when it does not.
 */
import { DefinitionError, ErrorCode, StateMachine, UsageError, type StateMachineOptions } from '@aslkit/core';
import type { CliIo } from './command.js';
import { formatDiagnostic } from './format.js';
import type { DefinitionInput } from '@aslkit/node';

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

/**
 * The compiled machine, or undefined after writing the definition's diagnostics to stderr
 * (its errors; its warnings only when there is no error to show).
 */
export function machineOrDiagnostics(
  input: DefinitionInput,
  file: string,
  io: CliIo,
  options: StateMachineOptions = {},
): StateMachine | undefined {
  try {
    return StateMachine.from(input.source, options);
  } catch (error) {
    if (!(error instanceof DefinitionError)) throw error;
    const diagnostics = input.locate(error.diagnostics);
    const errors = diagnostics.filter((d) => d.severity === 'ERROR');
    for (const diagnostic of errors.length > 0 ? errors : diagnostics)
      io.stderr.write(formatDiagnostic(file, diagnostic));
    return undefined;
  }
}
