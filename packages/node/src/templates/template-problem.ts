/**
 * What goes wrong in a template, said where it is: every problem names its file, line and
 * column, and the intrinsic or field involved. A template that cannot give a definition throws
 * one `TemplateError` holding every problem found, never a silent empty string in the machine.
 */
import { ErrorCode, UsageError } from '@aslkit/core';

/** One problem of a template, at a place in a file. */
export interface TemplateProblem {
  /** The file as shown to the user (relative to the working directory when inside it). */
  file: string;
  line?: number;
  column?: number;
  message: string;
}

/** `file:line:col: message`, as compilers print it. */
export const formatTemplateProblem = (problem: TemplateProblem): string =>
  `${problem.file}${problem.line === undefined ? '' : `:${problem.line}:${problem.column ?? 1}`}: ${problem.message}`;

/**
 * A template that cannot give a state machine: code `ASLKIT_INVALID_TEMPLATE`, one line per problem.
 * @example
 * try { loadTemplateMachines('template.yaml'); }
 * catch (error) { if (error instanceof TemplateError) for (const p of error.problems) console.error(p.line, p.message); }
 */
export class TemplateError extends UsageError {
  readonly problems: readonly TemplateProblem[];
  constructor(problems: readonly TemplateProblem[]) {
    super(ErrorCode.InvalidTemplate, problems.map(formatTemplateProblem).join('\n'));
    this.problems = problems;
  }
}
