/** Fail: fails its scope with `Error`/`Cause` (or their path forms), exactly as given. */
import { StatesError, runtimeError } from '../errors/states-error.js';
import type { Json } from '../json.js';
import { invalidPathCause, type FieldValue } from '../dataflow/pipeline.js';
import type { CompiledFail } from '../runtime/compiled-state.js';
import type { StateExecutor } from './executor.js';

export const executeFail: StateExecutor<CompiledFail> = async (_input, run) => {
  const error = text(await run.state.flow.field('Error', run.raw, run.env), 'ErrorPath');
  const cause = text(await run.state.flow.field('Cause', run.raw, run.env), 'CausePath');
  throw new StatesError(error, cause);
};

function text(field: FieldValue | undefined, name: string): string | undefined {
  if (field === undefined) return undefined;
  if (!field.found) {
    throw runtimeError(invalidPathCause(field.path, field.miss));
  }
  const value: Json = field.value;
  if (typeof value === 'string') return value;
  // AWS records no message for a non-string ErrorPath/CausePath value (unverified wording).
  throw runtimeError(`The ${name} field refers to value ${JSON.stringify(value)} which is not a valid string`);
}
