/**
 * `aslkit list`: the state machines a file holds (a template, a cdk.out, a serverless.yml,
 * Terraform's JSON, or a definition), each with the reference that names it, so that
 * `aslkit run <reference>` can be copied from the output.
 */
import { ErrorCode, UsageError } from '@aslkit/core';
import { loadMachineSet, machineLabel, type MachineSet } from '@aslkit/node';
import { ExitCode, type CliIo, type Command, type FlagValues } from '../command.js';
import { formatJson } from '../format.js';
import { TEMPLATE_FLAGS, TEMPLATE_USAGE, templateOptions } from '../template-flags.js';

const usage = `Usage: aslkit list <template | cdk.out | serverless.yml | terraform.json ...> [options]

Prints the state machines each file holds, one per line: the reference that names it
(file#Name, for 'aslkit run', 'validate', 'test' and 'view'), its name (the end of its
ARN), its type and where it is declared.

Options:
  --format <text|json>   text (default), or one JSON document
${TEMPLATE_USAGE}
  -h, --help             Show this help

Exit codes: 0 listed; 2 usage error or unreadable file.
`;

const KIND_NAMES: Record<MachineSet['kind'], string> = {
  cloudformation: 'CloudFormation template',
  sam: 'SAM template',
  cdk: 'cloud assembly',
  serverless: 'Serverless service',
  terraform: 'Terraform JSON',
  definition: 'definition',
};

export const listCommand: Command = {
  name: 'list',
  summary: 'List the state machines of a template, cdk.out, serverless.yml or Terraform JSON',
  usage,
  options: { format: { type: 'string' }, ...TEMPLATE_FLAGS },
  execute: list,
};

async function list(positionals: string[], flags: FlagValues, io: CliIo): Promise<ExitCode> {
  if (positionals.length === 0) throw new UsageError(ErrorCode.CliUsage, 'list needs at least one file');
  const format = flags.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UsageError(ErrorCode.CliUsage, `--format must be text or json, got '${String(format)}'`);
  const options = templateOptions(flags, io.cwd);
  const sets = positionals.map((file) => loadMachineSet(file, options));
  const rows = sets.flatMap((set) =>
    set.machines.map((machine) => ({
      reference: set.kind === 'definition' ? set.file : `${set.file}#${machineLabel(machine)}`,
      id: machine.id,
      ...(machine.path === undefined ? {} : { path: machine.path }),
      name: machine.name,
      arn: machine.arn,
      type: machine.type ?? 'STANDARD',
      kind: set.kind,
      at: `${machine.place.file}${machine.place.line === undefined ? '' : `:${machine.place.line}:${machine.place.column ?? 1}`}`,
    })),
  );
  if (format === 'json') {
    const notCreated = sets.flatMap((set) => (set.notCreated ?? []).map((skipped) => ({ file: set.file, ...skipped })));
    io.stdout.write(formatJson({ machines: rows, ...(notCreated.length > 0 ? { notCreated } : {}) }));
    return ExitCode.Success;
  }
  for (const set of sets) {
    const count = set.machines.length;
    io.stdout.write(`${set.file} (${KIND_NAMES[set.kind]}): ${count} state machine${count === 1 ? '' : 's'}\n`);
    const own = rows.filter((row) => set.machines.some((m) => m.id === row.id && row.kind === set.kind));
    const width = Math.max(0, ...own.map((row) => row.reference.length));
    const nameWidth = Math.max(0, ...own.map((row) => row.name.length));
    for (const row of own)
      io.stdout.write(
        `  ${row.reference.padEnd(width)}  ${row.name.padEnd(nameWidth)}  ${row.type.padEnd(8)}  ${row.at}\n`,
      );
    for (const skipped of set.notCreated ?? [])
      io.stdout.write(`  (${set.file}#${skipped.id}: not created, ${skipped.reason})\n`);
  }
  return ExitCode.Success;
}
