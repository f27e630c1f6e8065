/**
 * Static checks of one intrinsic function call, shared by the rules that accept one
 * (`.$` template fields, Fail's `ErrorPath`/`CausePath`). Syntax, unknown names and nesting
 * deeper than 10 are errors. A wrong argument count is only a warning: AWS accepts
 * `States.Hash('a')` at create time and fails it at run time (query/intrinsics/parse.ts).
 */
import { isIntrinsicCall, parseIntrinsic } from '../../query/intrinsics/parse.js';

/** True when the text starts like a call (`States.Name(`), valid or not. */
export const looksLikeIntrinsicCall = (text: string): boolean => isIntrinsicCall(text);

/** True when the call parses (names and nesting included); argument counts are not checked. */
export function isIntrinsicCallValid(text: string): boolean {
  try {
    parseIntrinsic(text);
    return true;
  } catch {
    return false;
  }
}

/** For a call that parses: why its argument counts are wrong, or `undefined`. */
export function intrinsicArityProblem(text: string): string | undefined {
  try {
    parseIntrinsic(text, { strictArity: true });
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
