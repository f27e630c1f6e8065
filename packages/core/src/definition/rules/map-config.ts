/**
 * Map processor configuration. A DISTRIBUTED processor needs an `ExecutionType`, and an EXPRESS
 * machine cannot run one (child executions need a STANDARD parent; AWS wording not recorded); an
 * INLINE one takes no `ExecutionType` (AWS refuses it, reported by users; wording not recorded).
 * Fields that only a DISTRIBUTED Map uses are a warning on an INLINE one, not an error: AWS
 * accepts `ToleratedFailureCount` on an inline Map and ignores it
 * (conformance evaluate_jsonata__base_map_from_input-TOLERATED_FAILURE_COUNT__h).
 */
import { isJsonObject } from '../../json.js';
import { DiagnosticCode } from '../diagnostics.js';
import type { Fields, RuleContext } from './context.js';

const DISTRIBUTED_ONLY = [
  'ItemReader',
  'ItemBatcher',
  'ResultWriter',
  'Label',
  'ToleratedFailurePercentage',
  'ToleratedFailurePercentagePath',
  'ToleratedFailureCount',
  'ToleratedFailureCountPath',
];

/** Reports processor configuration problems and warns about distributed-only fields on inline Maps. */
export function checkMapConfig(context: RuleContext): void {
  for (const state of context.states) {
    if (state.type !== 'Map') continue;
    const field = state.fields['ItemProcessor'] !== undefined ? 'ItemProcessor' : 'Iterator';
    const processor = state.fields[field];
    const config = isJsonObject(processor) ? (processor as Fields)['ProcessorConfig'] : undefined;
    const mode = isJsonObject(config) ? (config as Fields)['Mode'] : undefined;
    const configPointer = `${state.pointer}/${field}/ProcessorConfig`;
    if (mode === 'DISTRIBUTED') {
      if ((config as Fields)['ExecutionType'] === undefined) {
        context.report({
          message: 'These fields are required: [ExecutionType]',
          path: configPointer,
          stateName: state.name,
        });
      }
      if (context.machineType === 'EXPRESS') {
        context.report({
          message: "The field 'Mode' with value 'DISTRIBUTED' is not supported inside 'EXPRESS' state machines",
          path: `${configPointer}/Mode`,
          stateName: state.name,
        });
      }
      continue;
    }
    // An INLINE Map runs its iterations in the execution: there is no child execution to type.
    if (isJsonObject(config) && (config as Fields)['ExecutionType'] !== undefined) {
      context.report({
        message: "The field 'ExecutionType' is only supported when the ProcessorConfig Mode is DISTRIBUTED",
        path: `${configPointer}/ExecutionType`,
        stateName: state.name,
      });
    }
    for (const name of DISTRIBUTED_ONLY) {
      if (state.fields[name] === undefined) continue;
      context.report({
        code: DiagnosticCode.DistributedOnlyField,
        severity: 'WARNING',
        message: `The field '${name}' only has an effect when the Map state's ProcessorConfig Mode is DISTRIBUTED`,
        path: `${state.pointer}/${name}`,
        stateName: state.name,
      });
    }
  }
}
