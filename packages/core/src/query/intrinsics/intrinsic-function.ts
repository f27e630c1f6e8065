/**
 * The contract every intrinsic implements, and the one failure they raise. Families
 * (array.ts, format.ts, ...) export a table of these; registry.ts joins the tables.
 */
import type { Json } from '../../json.js';
import type { Random } from '../../runtime/random.js';
import type { IntrinsicArg } from './parse.js';

/** What an implementation gets besides its evaluated arguments. */
export interface InvocationContext {
  /** The parsed arguments, for functions that need more than their values (Format's escapes). */
  readonly nodes: readonly IntrinsicArg[];
  readonly random: Random;
}

/** One `States.*` function: its arity and its evaluation. */
export interface IntrinsicFunction {
  readonly minArgs: number;
  /** `Infinity` when the function is variadic. */
  readonly maxArgs: number;
  readonly evaluate: (args: readonly Json[], context: InvocationContext) => Json;
}

/** A family's functions by name (`States.Hash`). */
export type IntrinsicTable = Readonly<Record<string, IntrinsicFunction>>;

/**
 * An intrinsic failed. evaluate.ts turns it into AWS's `States.Runtime` cause
 * "The function '<expression>' had the following error: <detail>".
 */
export class IntrinsicFailure extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'IntrinsicFailure';
  }
}

/**
 * AWS's detail for a bad argument of any kind (wrong type, out of range, wrong count):
 * real histories show "Invalid arguments in States.MathAdd" (and .StringToJson, .ArrayRange, ...).
 */
export const invalidArguments = (name: string): IntrinsicFailure =>
  new IntrinsicFailure(`Invalid arguments in ${name}`);
