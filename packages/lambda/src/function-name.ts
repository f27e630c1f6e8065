/**
 * Lambda's `FunctionName` forms: a name (`charge`, `charge:live`), a partial ARN
 * (`123456789012:function:charge`) or a full ARN (`arn:aws:lambda:us-east-1:123456789012:function:charge:7`).
 */

/** The parts of a FunctionName that Lambda itself would resolve. */
export interface FunctionRef {
  name: string;
  /** Version or alias, from the name or the invocation's `Qualifier`. */
  qualifier?: string;
  region?: string;
  accountId?: string;
}

const FULL_ARN = /^arn:[^:]+:lambda:([^:]*):([^:]*):function:([^:]+)(?::([^:]+))?$/;
const PARTIAL_ARN = /^(\d{12}):function:([^:]+)(?::([^:]+))?$/;
const NAME = /^([^:]+)(?::([^:]+))?$/;

/** Splits a FunctionName; `undefined` when it is none of Lambda's forms. */
export function parseFunctionName(functionName: string, qualifier?: string): FunctionRef | undefined {
  const full = FULL_ARN.exec(functionName);
  const partial = full ? undefined : PARTIAL_ARN.exec(functionName);
  const plain = full || partial ? undefined : NAME.exec(functionName);
  const ref: FunctionRef | undefined = full
    ? { name: full[3]!, qualifier: full[4], region: full[1] || undefined, accountId: full[2] || undefined }
    : partial
      ? { name: partial[2]!, qualifier: partial[3], accountId: partial[1] }
      : plain
        ? { name: plain[1]!, qualifier: plain[2] }
        : undefined;
  if (ref && qualifier !== undefined) ref.qualifier = qualifier;
  if (ref && ref.qualifier === undefined) delete ref.qualifier;
  return ref;
}

/** The key local handlers are registered under: `name` or `name:qualifier`. */
export const functionKey = (ref: FunctionRef): string =>
  ref.qualifier === undefined ? ref.name : `${ref.name}:${ref.qualifier}`;

/** The ARN Lambda reports as `invokedFunctionArn`: with the qualifier when one was used. */
export const functionArn = (ref: FunctionRef, region: string, accountId: string): string =>
  `arn:aws:lambda:${ref.region ?? region}:${ref.accountId ?? accountId}:function:${functionKey(ref)}`;
