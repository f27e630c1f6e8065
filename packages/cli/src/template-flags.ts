/**
 * The flags that say how to read a machine from where it is kept: template parameters
 * (`--parameter Stage=prod`), `${Name}` values for a definition's placeholders (`--substitute
 * Name=Value`, `--substitutions file`) and exports of other stacks (`--import Name=Value`).
 * `run`, `validate`, `test`, `view` and `list` share them.
 */
import { resolve } from 'node:path';
import { ErrorCode, UsageError } from '@aslkit/core';
import { readDataFile, type TemplateOptions } from '@aslkit/node';
import type { FlagValues } from './command.js';

/** parseArgs declarations. */
export const TEMPLATE_FLAGS = {
  parameter: { type: 'string', multiple: true },
  substitute: { type: 'string', multiple: true },
  substitutions: { type: 'string' },
  import: { type: 'string', multiple: true },
} as const;

/** The usage lines of the template flags, for each command's help. */
export const TEMPLATE_USAGE = `  --parameter <Name=Value>  A template parameter (repeatable); defaults fill the rest.
                           For serverless.yml: stage=prod, region=…, and \${param:…}
  --substitute <Name=Value> A \${Name} value for the definition (repeatable): a plain
                           definition's placeholders (as DefinitionSubstitutions or
                           templatefile() fill them), or extra DefinitionSubstitutions
  --substitutions <file>   \${Name} values from a JSON or YAML file ({"Name": "value"})
  --import <Name=Value>    The value of Fn::ImportValue Name (repeatable)`;

function pairs(flags: FlagValues, name: string): Record<string, string> {
  const values = flags[name] as unknown;
  const list = Array.isArray(values) ? (values as string[]) : typeof values === 'string' ? [values] : [];
  const result: Record<string, string> = {};
  for (const item of list) {
    const equals = item.indexOf('=');
    if (equals <= 0) throw new UsageError(ErrorCode.CliUsage, `--${name} takes Name=Value, got '${item}'`);
    Object.defineProperty(result, item.slice(0, equals), {
      value: item.slice(equals + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

/** TemplateOptions from the flags, paths from `cwd`. */
export function templateOptions(flags: FlagValues, cwd: string): TemplateOptions {
  const substitutions: Record<string, string | number | boolean> = {};
  const file = typeof flags['substitutions'] === 'string' ? flags['substitutions'] : undefined;
  if (file !== undefined) {
    const values = readDataFile(resolve(cwd, file), '--substitutions file', cwd);
    if (typeof values !== 'object' || values === null || Array.isArray(values))
      throw new UsageError(ErrorCode.CliUsage, `--substitutions file ${file} must map names to values`);
    for (const [key, value] of Object.entries(values)) {
      if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
        throw new UsageError(
          ErrorCode.CliUsage,
          `--substitutions file ${file}: "${key}" must be a string, number or boolean`,
        );
      substitutions[key] = value;
    }
  }
  Object.assign(substitutions, pairs(flags, 'substitute'));
  const parameters = pairs(flags, 'parameter');
  const imports = pairs(flags, 'import');
  return {
    cwd,
    ...(Object.keys(parameters).length > 0 ? { parameters } : {}),
    ...(Object.keys(substitutions).length > 0 ? { substitutions } : {}),
    ...(Object.keys(imports).length > 0 ? { imports } : {}),
  };
}
