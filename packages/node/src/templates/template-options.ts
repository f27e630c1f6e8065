/**
 * The options every loader takes: where the template is pretended to be deployed, the values
 * of its parameters, and the values only AWS would know (exports of other stacks, `${Name}`
 * substitutions for plain definition files).
 */
import type { AccountOptions } from './pseudo-parameters.js';

export interface TemplateOptions extends AccountOptions {
  /**
   * Template parameters by name (CloudFormation `Parameters`; Serverless `${param:…}` and
   * `${opt:…}`, e.g. `stage`); defaults from the template fill the rest.
   */
  parameters?: Readonly<Record<string, string | readonly string[]>>;
  /**
   * `${Name}` values for the definition: a plain definition file's placeholders (as Terraform's
   * `templatefile()` variables), or extra `DefinitionSubstitutions` for a template's machines
   * (these win over the template's own).
   */
  substitutions?: Readonly<Record<string, string | number | boolean>>;
  /** `Fn::ImportValue` values, by export name. */
  imports?: Readonly<Record<string, string>>;
  /** Environment for Serverless `${env:NAME}` (default: `process.env`). */
  env?: Readonly<Record<string, string | undefined>>;
  /** Where relative paths start (default: the working directory). */
  cwd?: string;
}
