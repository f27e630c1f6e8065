/**
 * What TestState shows of the data flow. The pipeline tells every stage it computes to the same
 * recorder an inspecting run uses (runtime/inspection.ts); AWS shows a fixed subset per state type
 * and query language, as JSON text. The subsets are those AWS returned in the recorded cases
 * (shared/conformance/test-state.md).
 */
import type { StageName } from '../dataflow/pipeline.js';
import type { CompiledState } from '../runtime/compiled-state.js';
import type { AttemptStages } from '../runtime/inspection.js';
import type { InspectionData } from './types.js';

/** A stage AWS reports: one the pipeline tells, or the executor's `result`. */
export type RecordedStage = StageName | 'result';

const JSONPATH_IO: readonly RecordedStage[] = ['afterInputPath', 'afterParameters'];
const JSONPATH_RESULT: readonly RecordedStage[] = ['afterResultSelector', 'afterResultPath'];

/**
 * A distributed Map's reader and batcher stages: AWS's API reference lists them with no query
 * language caveat (unlike `afterItemsPath`); none of the recorded cases has either field. They
 * have values only when the state has an `ItemsPointer` or an `ItemBatcher`.
 */
const DISTRIBUTED_ITEMS: readonly RecordedStage[] = ['afterItemsPointer', 'afterItemBatcher'];

/** The stages AWS reports for `state`, besides `input`. */
export function reportedStages(state: CompiledState): readonly RecordedStage[] {
  if (state.queryLanguage === 'JSONata') {
    if (state.type === 'Map') return DISTRIBUTED_ITEMS;
    return state.type === 'Task' ? ['afterArguments', 'result'] : [];
  }
  switch (state.type) {
    case 'Task':
      return [...JSONPATH_IO, 'result', ...JSONPATH_RESULT];
    case 'Pass':
      // A Pass with `Result` reports its result, not its input processing.
      return state.definition.Result === undefined
        ? [...JSONPATH_IO, ...JSONPATH_RESULT]
        : ['result', ...JSONPATH_RESULT];
    case 'Parallel':
      return JSONPATH_RESULT;
    case 'Map':
      return ['afterInputPath', 'afterItemsPath', 'afterItemSelector', ...DISTRIBUTED_ITEMS, ...JSONPATH_RESULT];
    default:
      return ['afterInputPath'];
  }
}

/** `inspectionData` for the stages reached; numbers and error details are added by the caller. */
export function inspectionData(state: CompiledState, stages: AttemptStages): InspectionData {
  const data: Record<string, string> = { input: JSON.stringify(stages.input) };
  for (const stage of reportedStages(state)) {
    const value = stages[stage];
    if (value !== undefined) data[stage] = JSON.stringify(value);
  }
  return data;
}
