/**
 * One attempt's data flow as a viewer shows it: the ordered stages of the state's type and query
 * language, each with its AWS field name, its value, what it changed from the stage before, and
 * the stage where the attempt's error arose. Framework-free, so any UI can draw the same pipeline.
 *
 * The run records the value after each stage of the state's type (runtime/inspection.ts), and an
 * error's `error.afterStage` names the last stage the pipeline passed, kept or not (a Choice's
 * Parameters pass-through); only the stages a state of its type can have are listed. The error
 * arose in the first stage of that list after `error.afterStage`: a ResultPath that fails leaves `afterResultSelector` as the last
 * stage reached, so `afterResultPath` is marked, with no value. An Assign that fails is known
 * (`error.stage`): its stage, `variables` (labelled Assign), is marked instead.
 */
import { isJsonObject, type Json } from '../json.js';
import type { QueryLanguage, State } from '../definition/types.js';
import { ATTEMPT_STAGE_NAMES, type AttemptStages, type StateInspection } from '../runtime/inspection.js';
import { jsonPathDiff, type JsonPathDiff } from './json-path-diff.js';

export type InspectedStageName = keyof AttemptStages;

/** One stage of one attempt. */
export interface InspectedStage {
  name: InspectedStageName;
  /** The AWS field that produces it (`InputPath`, `Parameters`, `ResultPath`, ...), or what it is (`Task result`). */
  label: string;
  /** False for the stage an error stopped: it has no value. */
  reached: boolean;
  value?: Json;
  /**
   * What this stage changed in the value of the stage before it (the last reached one). Absent
   * for the input, for the assigned variables (a side output, not a step of the data) and for a
   * stage not reached.
   */
  changed?: JsonPathDiff;
  /** The attempt's error, on the stage where it arose. */
  error?: { error: string | null; cause: string | null };
}

/** The state's facts the stage list depends on: its `Type`, `Result` for a Pass, a distributed Map's reader and batcher. */
export type StageState = Pick<State, 'Type'> & {
  Result?: unknown;
  QueryLanguage?: QueryLanguage;
  ItemReader?: unknown;
  ItemBatcher?: unknown;
};

/** How a stage is shown: always, or only when it is where the error arose (an executor without a result of its own). */
type Shown = 'always' | 'on-error';

/** The stages a state of each type can have, besides `input` and `variables` (shown when present). */
function stagesOf(state: StageState, language: QueryLanguage): Partial<Record<InspectedStageName, Shown>> {
  const type = state.Type;
  const result: Shown =
    ['Task', 'Parallel', 'Map'].includes(type) || (type === 'Pass' && state.Result !== undefined)
      ? 'always'
      : 'on-error';
  if (type === 'Map') {
    const items: Partial<Record<InspectedStageName, Shown>> = {
      ...(hasItemsPointer(state.ItemReader) ? { afterItemsPointer: 'always' } : {}),
      afterItemsPath: 'always',
      afterItemSelector: 'always',
      ...(state.ItemBatcher !== undefined ? { afterItemBatcher: 'always' } : {}),
      result,
    };
    return language === 'JSONata'
      ? { ...items, output: 'always' }
      : {
          afterInputPath: 'always',
          ...items,
          afterResultSelector: 'always',
          afterResultPath: 'always',
          output: 'always',
        };
  }
  if (language === 'JSONata') {
    switch (type) {
      case 'Task':
      case 'Parallel':
        return { afterArguments: 'always', result, output: 'always' };
      case 'Fail':
        return { result };
      default:
        return { result, output: 'always' };
    }
  }
  switch (type) {
    case 'Task':
    case 'Parallel':
      return {
        afterInputPath: 'always',
        afterParameters: 'always',
        result,
        afterResultSelector: 'always',
        afterResultPath: 'always',
        output: 'always',
      };
    case 'Pass':
      return {
        afterInputPath: 'always',
        afterParameters: 'always',
        result,
        afterResultPath: 'always',
        output: 'always',
      };
    case 'Fail':
      return { result };
    default:
      // Choice, Wait, Succeed: their "result" is their input, shown only when the state failed there.
      return { afterInputPath: 'always', result, output: 'always' };
  }
}

const FIELD_LABELS: Record<QueryLanguage, Partial<Record<InspectedStageName, string>>> = {
  JSONPath: {
    input: 'Input',
    afterInputPath: 'InputPath',
    afterParameters: 'Parameters',
    afterItemsPointer: 'ItemsPointer',
    afterItemsPath: 'ItemsPath',
    afterItemSelector: 'ItemSelector',
    afterItemBatcher: 'ItemBatcher',
    afterResultSelector: 'ResultSelector',
    afterResultPath: 'ResultPath',
    output: 'OutputPath',
    variables: 'Assign',
  },
  JSONata: {
    input: 'Input',
    afterArguments: 'Arguments',
    afterItemsPointer: 'ItemsPointer',
    afterItemsPath: 'Items',
    afterItemSelector: 'ItemSelector',
    afterItemBatcher: 'ItemBatcher',
    output: 'Output',
    variables: 'Assign',
  },
};

const RESULT_LABELS: Record<string, string> = {
  Task: 'Task result',
  Pass: 'Result',
  Parallel: 'Branch results',
  Map: 'Iteration results',
  Choice: 'Choice rules',
  Wait: 'Wait',
  Succeed: 'Succeed',
  Fail: 'Fail',
};

/**
 * The stages of one attempt, in pipeline order. `queryLanguage` is the machine's (the state's own
 * `QueryLanguage` wins); JSONPath when neither says.
 * @example
 * const node = model.nodes.find((n) => n.stateName === inspection.state)!;
 * for (const stage of inspectionStages(inspection, node.state!, definition.QueryLanguage))
 *   console.log(stage.label, stage.changed?.changes.length ?? 0, stage.error?.error ?? '');
 */
export function inspectionStages(
  inspection: StateInspection,
  state: StageState,
  queryLanguage?: QueryLanguage,
): InspectedStage[] {
  const language: QueryLanguage = (state.QueryLanguage ?? queryLanguage) === 'JSONata' ? 'JSONata' : 'JSONPath';
  const shown = stagesOf(state, language);
  const { stages, error } = inspection;
  const listed = (name: InspectedStageName): boolean =>
    name === 'input' || name === 'variables' || shown[name] !== undefined;
  const errorStage = error ? (error.stage ?? whereErrorArose(listed, error.afterStage)) : undefined;

  const list: InspectedStage[] = [];
  let previous: Json | undefined;
  for (const name of ATTEMPT_STAGE_NAMES) {
    const value = stages[name];
    const isError = name === errorStage;
    if (!listed(name) || (!isError && (value === undefined || shown[name] === 'on-error'))) continue;
    const stage: InspectedStage = { name, label: labelOf(name, state.Type, language), reached: value !== undefined };
    if (value !== undefined) {
      stage.value = value;
      if (name !== 'input' && name !== 'variables' && previous !== undefined)
        stage.changed = jsonPathDiff(previous, value);
      if (name !== 'variables') previous = value;
    }
    if (isError) stage.error = { error: error!.error, cause: error!.cause };
    list.push(stage);
  }
  return list;
}

/** The first listed stage after `afterStage` in pipeline order; `afterStage` itself when it was the last (an output over the size limit). */
function whereErrorArose(
  listed: (name: InspectedStageName) => boolean,
  afterStage: InspectedStageName,
): InspectedStageName {
  const order = ATTEMPT_STAGE_NAMES;
  for (let i = order.indexOf(afterStage) + 1; i < order.length; i++) {
    const name = order[i]!;
    if (name !== 'variables' && listed(name)) return name;
  }
  return afterStage;
}

/** A reader whose `ReaderConfig.ItemsPointer` picks the items out of the object read. */
function hasItemsPointer(reader: unknown): boolean {
  const config = isJsonObject(reader) ? reader['ReaderConfig'] : undefined;
  return isJsonObject(config) && config['ItemsPointer'] !== undefined;
}

function labelOf(name: InspectedStageName, type: string, language: QueryLanguage): string {
  if (name === 'result') return RESULT_LABELS[type] ?? 'Result';
  return FIELD_LABELS[language][name] ?? name;
}
