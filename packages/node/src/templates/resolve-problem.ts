/**
 * A problem found while resolving a template value, at a JSON pointer of one document. The
 * loaders turn it into a located `TemplateProblem` (file, line, column).
 */
import { closestName } from '@aslkit/core';
import type { SourceDocument } from './source-document.js';
import { TemplateError, type TemplateProblem } from './template-problem.js';

export class ResolveProblem extends Error {
  constructor(
    readonly document: SourceDocument,
    readonly pointer: string,
    message: string,
  ) {
    super(message);
  }

  /** The located problem: the file, and the line and column of the value at the pointer. */
  toProblem(): TemplateProblem {
    const position = this.document.position(this.pointer);
    return {
      file: this.document.file,
      ...(position ? { line: position.line, column: position.column } : {}),
      message: this.message,
    };
  }
}

/** ` (did you mean 'X'?)` when one of `names` is near `name`. */
export function didYouMean(name: string, names: Iterable<string>): string {
  const suggestion = closestName(name, names);
  return suggestion === undefined ? '' : ` (did you mean '${suggestion}'?)`;
}

/** Escapes one JSON-pointer segment (RFC 6901). */
export const segment = (key: string | number): string => String(key).replace(/~/g, '~0').replace(/\//g, '~1');

/** Runs `load`, turning a resolution problem into a TemplateError at its place. */
export function guarded<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    if (error instanceof ResolveProblem) throw new TemplateError([error.toProblem()]);
    throw error;
  }
}
