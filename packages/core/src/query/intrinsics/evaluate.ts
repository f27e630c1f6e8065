/**
 * Evaluates a parsed intrinsic call against the state's data.
 *
 * Error rule (all functions): every failure is `States.Runtime`, never the documented
 * `States.IntrinsicFailure`. Real AWS executions report States.Runtime for bad arguments
 * ("Invalid arguments in States.MathAdd", ".StringToJson", ".ArrayRange", ...) and for a
 * path argument that matches nothing. The cause names the whole expression as written,
 * even when a nested call failed (captured from AWS, us-east-1):
 *   The function 'States.Format('{}', $.nope)' had the following error: The JsonPath
 *   argument for the field '$.nope' could not be found in the input '{"other":1}'
 * The engine prefixes "An error occurred while executing the state ...".
 */
import type { Json } from '../../json.js';
import { ErrorName, StatesError } from '../../errors/states-error.js';
import type { PathData, CompiledPath } from '../jsonpath.js';
import type { Random } from '../../runtime/random.js';
import type { IntrinsicArg, IntrinsicCall } from './parse.js';
import { IntrinsicFailure, invalidArguments } from './intrinsic-function.js';
import { compactJson } from './java-text.js';
import { arityProblem, lookupIntrinsic } from './registry.js';

/** What an intrinsic can read: the state's data (`$`, `$$`, variables) and the execution's randomness. */
export interface IntrinsicEnv {
  data: PathData;
  random: Random;
}

/**
 * Evaluates `call`; throws `StatesError` (States.Runtime) with AWS's cause on any failure.
 * @example evaluateIntrinsic(parseIntrinsic('States.MathAdd($.n, 1)'), { data: { input: { n: 1 }, context: {} }, random })
 */
export function evaluateIntrinsic(call: IntrinsicCall, env: IntrinsicEnv): Json {
  try {
    return evaluateCall(call, env);
  } catch (error) {
    // RangeError: a value nested deeper than the JS stack allows; still an argument AWS would refuse.
    const detail =
      error instanceof IntrinsicFailure
        ? error.detail
        : error instanceof RangeError
          ? invalidArguments(call.name).detail
          : undefined;
    if (detail === undefined) throw error;
    throw new StatesError(ErrorName.Runtime, `The function '${call.source}' had the following error: ${detail}`);
  }
}

function evaluateCall(call: IntrinsicCall, env: IntrinsicEnv): Json {
  const fn = lookupIntrinsic(call.name);
  if (!fn || arityProblem(call.name, call.args.length)) throw invalidArguments(call.name);
  const args = call.args.map((arg) => evaluateArgument(arg, env));
  return fn.evaluate(args, { nodes: call.args, random: env.random });
}

function evaluateArgument(arg: IntrinsicArg, env: IntrinsicEnv): Json {
  if (arg.kind === 'literal') return arg.value;
  if (arg.kind === 'call') return evaluateCall(arg.call, env);
  const found = arg.path.read(env.data);
  if (found.found) return found.value;
  throw new IntrinsicFailure(
    `The JsonPath argument for the field '${fieldName(arg.path)}' could not be found in the input '${compactJson(env.data.input)}'`,
  );
}

/**
 * Step Functions Local (and AWS, per Floci's captures) name a missing `$$.X` argument as
 * `$.X` and quote the state input, not the context object.
 */
const fieldName = (path: CompiledPath): string => (path.root === 'context' ? `$${path.source.slice(2)}` : path.source);
