/**
 * `aslkit validate`: checks definitions the way CreateStateMachine would and prints every
 * problem like a compiler, `file:line:col CODE message`, or one JSON document for tools.
 */
import { ErrorCode, UsageError, awsLocation, validate, type Diagnostic, type ValidateOptions } from '@aslkit/core';
import {
  loadMachineSet,
  machineLabel,
  parseMachineReference,
  selectMachine,
  type TemplateMachine,
  type TemplateOptions,
} from '@aslkit/node';
import { ExitCode, type CliIo, type Command, type FlagValues } from '../command.js';
import { formatDiagnostic, formatJson } from '../format.js';
import { typeFlag } from '../execution-flags.js';
import { TEMPLATE_FLAGS, TEMPLATE_USAGE, templateOptions } from '../template-flags.js';

const usage = `Usage: aslkit validate <definition | template[#Machine] | cdk.out ...> [options]

Checks state machine definitions as AWS would before creating them, and prints every
problem with its file, line and column, a stable code and a message. Definitions
may be JSON or YAML (.yaml, .yml); a template (CloudFormation, SAM, serverless.yml,
Terraform JSON) or a cdk.out directory means every machine in it, and
template#Machine one of them. Problems in a template's definitions are shown at the
template's lines.

Options:
  --format <text|json>        text (default): 'file:line:col CODE message', warnings
                              marked, then a summary line; json: one document listing
                              every file and its diagnostics
  --type <STANDARD|EXPRESS>   The machine type (default: STANDARD, or the template's);
                              EXPRESS adds the rules of express machines
${TEMPLATE_USAGE}
  -h, --help                  Show this help

Codes are documented in docs/reference/diagnostics.md.

Exit codes: 0 every definition valid (warnings allowed); 1 any error; 2 usage error or
unreadable file.
`;

export const validateCommand: Command = {
  name: 'validate',
  summary: 'Check definitions as AWS would and report every problem',
  usage,
  options: {
    format: { type: 'string' },
    type: { type: 'string' },
    ...TEMPLATE_FLAGS,
  },
  execute: validateFiles,
};

/** What one file came to: its diagnostics, or why it could not be read. */
interface FileReport {
  file: string;
  diagnostics: Diagnostic[];
  unreadable?: string;
}

async function validateFiles(positionals: string[], flags: FlagValues, io: CliIo): Promise<ExitCode> {
  if (positionals.length === 0) throw new UsageError(ErrorCode.CliUsage, 'validate needs at least one definition file');
  const format = flags.format ?? 'text';
  if (format !== 'text' && format !== 'json') {
    throw new UsageError(ErrorCode.CliUsage, `--format must be text or json, got '${String(format)}'`);
  }
  const type = typeFlag(flags);
  const template = templateOptions(flags, io.cwd);

  const reports: FileReport[] = [];
  for (const file of positionals) reports.push(...validateReference(file, type, template));

  if (format === 'json') io.stdout.write(formatJson(jsonDocument(reports)));
  else {
    for (const report of reports) {
      if (report.unreadable !== undefined) io.stderr.write(`aslkit validate: ${report.unreadable}\n`);
      for (const diagnostic of byPosition(report.diagnostics))
        io.stdout.write(formatMarked((diagnostic as { file?: string }).file ?? report.file, diagnostic));
    }
    io.stdout.write(summaryLine(reports));
  }
  // A file that could not be read is the caller's mistake, and outranks an invalid one.
  if (reports.some((report) => report.unreadable !== undefined)) return ExitCode.Usage;
  // 1 is the shared "did not pass" code; for `run` it means a failed execution.
  return reports.some((report) => errorCount(report) > 0) ? ExitCode.ExecutionFailed : ExitCode.Success;
}

/**
 * Validates what a reference names: one machine, or every machine of a template or cdk.out. A file
 * or machine that cannot be read is reported, not thrown, so the others still get checked.
 */
function validateReference(reference: string, type: ValidateOptions['type'], template: TemplateOptions): FileReport[] {
  const unreadable = (file: string, error: unknown): FileReport => {
    if (!(error instanceof UsageError)) throw error;
    return { file, diagnostics: [], unreadable: error.message };
  };
  let machines: TemplateMachine[];
  let file = reference;
  let single: boolean;
  try {
    const parsed = parseMachineReference(reference, template.cwd);
    const set = loadMachineSet(parsed.file, template);
    file = set.file;
    single = set.kind === 'definition';
    machines = parsed.name === undefined ? set.machines : [selectMachine(set, parsed.name)];
  } catch (error) {
    return [unreadable(reference, error)];
  }
  return machines.map((machine) => {
    const shown = single ? reference : `${file}#${machineLabel(machine)}`;
    try {
      const input = machine.definition();
      const machineType = type ?? machine.type;
      return {
        file: shown,
        diagnostics: input.locate(validate(input.source, machineType ? { type: machineType } : {})),
      };
    } catch (error) {
      return unreadable(shown, error);
    }
  });
}

/** Top to bottom, as a compiler lists them; whole-definition problems (no location) first. */
function byPosition(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0));
}

/** formatDiagnostic's line, with `warning` before the code of a warning so that it cannot pass for an error. */
function formatMarked(file: string, diagnostic: Diagnostic): string {
  if (diagnostic.severity === 'ERROR') return formatDiagnostic(file, diagnostic);
  return formatDiagnostic(file, { ...diagnostic, code: `warning ${diagnostic.code}` });
}

const errorCount = (report: FileReport): number => report.diagnostics.filter((d) => d.severity === 'ERROR').length;
const warningCount = (report: FileReport): number => report.diagnostics.length - errorCount(report);
const plural = (count: number, noun: string): string => `${count} ${noun}${count === 1 ? '' : 's'}`;
const sum = (reports: readonly FileReport[], count: (report: FileReport) => number): number =>
  reports.reduce((total, report) => total + count(report), 0);

/** e.g. `3 files checked: 1 invalid, 2 errors, 1 warning`, or `1 file checked: valid`. */
function summaryLine(reports: readonly FileReport[]): string {
  const invalid = reports.filter((report) => report.unreadable === undefined && errorCount(report) > 0).length;
  const unreadable = reports.filter((report) => report.unreadable !== undefined).length;
  const errors = sum(reports, errorCount);
  const warnings = sum(reports, warningCount);
  const parts: string[] = [];
  if (invalid > 0) parts.push(`${invalid} invalid`);
  if (unreadable > 0) parts.push(`${unreadable} unreadable`);
  if (parts.length === 0) parts.push(reports.length === 1 ? 'valid' : 'all valid');
  if (errors > 0) parts.push(plural(errors, 'error'));
  if (warnings > 0) parts.push(plural(warnings, 'warning'));
  return `${plural(reports.length, 'file')} checked: ${parts.join(', ')}\n`;
}

/**
 * The `--format json` document. `location` is the path as AWS's ValidateStateMachineDefinition
 * writes it (`/States/C/Choices[0]/Next`), absent where AWS gives none.
 */
function jsonDocument(reports: readonly FileReport[]): unknown {
  const files = reports.map((report) => ({
    file: report.file,
    valid: report.unreadable === undefined && errorCount(report) === 0,
    ...(report.unreadable === undefined ? {} : { unreadable: report.unreadable }),
    errorCount: errorCount(report),
    warningCount: warningCount(report),
    diagnostics: report.diagnostics.map((diagnostic) => {
      const location = awsLocation(diagnostic.path);
      return location === undefined ? diagnostic : { ...diagnostic, location };
    }),
  }));
  return {
    valid: files.every((file) => file.valid),
    errorCount: sum(reports, errorCount),
    warningCount: sum(reports, warningCount),
    files,
  };
}
