/**
 * Stages in every run (`inspect: true`): for each attempt of each state, the value after each
 * data-processing stage, as TestState reports them for one state. Off by default; when off the
 * run loop builds none of this and each pipeline stage costs one property check.
 */
import type { Json } from '../json.js';
import type { StageName, StageSink } from '../dataflow/pipeline.js';
import type { CompiledState } from './compiled-state.js';

/** The stages of one attempt, in AWS's TestState names; a stage the state does not reach is absent. */
export interface AttemptStages {
  input: Json;
  afterInputPath?: Json;
  afterParameters?: Json;
  afterArguments?: Json;
  /** Distributed Map: the items the ItemReader's `ReaderConfig.ItemsPointer` selected. */
  afterItemsPointer?: Json;
  afterItemsPath?: Json;
  /** Map: each iteration's input after ItemSelector, by item index. */
  afterItemSelector?: Json[];
  /** Distributed Map: the child inputs the ItemBatcher made, `{"BatchInput"?, "Items"}` each. */
  afterItemBatcher?: Json;
  result?: Json;
  afterResultSelector?: Json;
  afterResultPath?: Json;
  output?: Json;
  /** The variables the state assigned (its own Assign, a Choice rule's or a Catcher's). */
  variables?: Record<string, Json>;
}

/** Every stage of `AttemptStages`, in the order the pipeline passes them (a state passes some of them). */
export const ATTEMPT_STAGE_NAMES: readonly (keyof AttemptStages)[] = [
  'input',
  'afterInputPath',
  'afterParameters',
  'afterArguments',
  'afterItemsPointer',
  'afterItemsPath',
  'afterItemSelector',
  'afterItemBatcher',
  'result',
  'afterResultSelector',
  'afterResultPath',
  'output',
  'variables',
];

type Stage = keyof AttemptStages;

const JSONPATH_FULL: ReadonlySet<Stage> = new Set([
  'afterInputPath',
  'afterParameters',
  'result',
  'afterResultSelector',
  'afterResultPath',
]);
const JSONATA_FULL: ReadonlySet<Stage> = new Set(['afterArguments', 'result']);
const ITEMS: readonly Stage[] = ['afterItemsPointer', 'afterItemsPath', 'afterItemSelector', 'afterItemBatcher'];
const JSONPATH_MAP: ReadonlySet<Stage> = new Set([...JSONPATH_FULL, ...ITEMS]);
const JSONATA_MAP: ReadonlySet<Stage> = new Set([...JSONATA_FULL, ...ITEMS]);
const INPUT_PATH: ReadonlySet<Stage> = new Set(['afterInputPath']);
const NONE: ReadonlySet<Stage> = new Set();

/**
 * The stages `state` has, besides `input`, `output` and `variables`: the pipeline passes every
 * state through all of them, but a Choice has no Parameters and a Wait no ResultPath, so only
 * the ones its type has (as TestState reports them: a Fail's InputPath, a Pass's ResultSelector)
 * are kept. An error's `afterStage` still names the last stage the pipeline passed, kept or not,
 * so that the stage after it is where the error arose (a Choice's rules run after its Parameters
 * pass-through; a JSONata Pass's Output after its result).
 */
export function inspectedStages(state: CompiledState): ReadonlySet<Stage> {
  const jsonPath = state.queryLanguage !== 'JSONata';
  switch (state.type) {
    case 'Task':
    case 'Parallel':
      return jsonPath ? JSONPATH_FULL : JSONATA_FULL;
    case 'Map':
      return jsonPath ? JSONPATH_MAP : JSONATA_MAP;
    case 'Pass':
      return jsonPath ? JSONPATH_FULL : NONE;
    default:
      // Choice, Wait, Succeed, Fail: InputPath (and OutputPath, which a Fail lacks) only.
      return jsonPath ? INPUT_PATH : NONE;
  }
}

/** One attempt of one state. */
export interface StateInspection {
  /** The state's name. */
  state: string;
  /** The id of the state's Entered event: attempts of one visit share it. */
  enteredEventId: number;
  /** 0 for the first attempt, then 1, 2, ... for each retry. */
  attempt: number;
  stages: AttemptStages;
  /** How the attempt ended. */
  outcome: 'succeeded' | 'retried' | 'caught' | 'failed';
  /**
   * The attempt's error, and the last stage reached before it arose. `stage`: where it arose,
   * when the run knows (`variables`: the state's Assign); else the first stage after `afterStage`.
   */
  error?: { error: string | null; cause: string | null; afterStage: keyof AttemptStages; stage?: 'variables' };
}

export type InspectionListener = (inspection: StateInspection) => void;

/** Collects one attempt's stages; the run loop finishes it exactly once. */
export class AttemptInspection {
  readonly stages: AttemptStages;
  private last: keyof AttemptStages = 'input';
  private inAssign = false;
  readonly sink: StageSink = (stage: StageName | 'assignFailed', value: Json, index?: number): void => {
    if (stage === 'assignFailed') {
      this.inAssign = true;
      return;
    }
    this.last = stage;
    if (this.kept && !this.kept.has(stage)) return;
    if (stage === 'afterItemSelector') (this.stages.afterItemSelector ??= [])[index ?? 0] = value;
    else this.stages[stage] = value;
  };

  constructor(
    private readonly state: string,
    private readonly enteredEventId: number,
    private readonly attempt: number,
    input: Json,
    /** The stages to keep (`inspectedStages`); all when absent. */
    private readonly kept?: ReadonlySet<Stage>,
  ) {
    this.stages = { input };
  }

  set(stage: 'result' | 'output', value: Json): void {
    this.last = stage;
    if (stage === 'result' && this.kept && !this.kept.has(stage)) return;
    this.stages[stage] = value;
  }

  assigned(variables: Record<string, Json> | undefined): void {
    if (variables) this.stages.variables = variables;
  }

  finish(outcome: StateInspection['outcome'], failure?: { error?: string; causeText?: string }): StateInspection {
    return {
      state: this.state,
      enteredEventId: this.enteredEventId,
      attempt: this.attempt,
      stages: this.stages,
      outcome,
      ...(failure
        ? {
            error: {
              error: failure.error ?? null,
              cause: failure.causeText ?? null,
              afterStage: this.last,
              ...(this.inAssign ? { stage: 'variables' as const } : {}),
            },
          }
        : {}),
    };
  }
}
