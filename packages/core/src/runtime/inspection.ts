/**
 * Stages in every run (`inspect: true`): for each attempt of each state, the value after each
 * data-processing stage, as TestState reports them for one state. Off by default; when off the
 * run loop builds none of this and each pipeline stage costs one property check.
 */
import type { Json } from '../json.js';
import type { StageName, StageSink } from '../dataflow/pipeline.js';

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
    if (stage === 'afterItemSelector') (this.stages.afterItemSelector ??= [])[index ?? 0] = value;
    else this.stages[stage] = value;
    this.last = stage;
  };

  constructor(
    private readonly state: string,
    private readonly enteredEventId: number,
    private readonly attempt: number,
    input: Json,
  ) {
    this.stages = { input };
  }

  set(stage: 'result' | 'output', value: Json): void {
    this.stages[stage] = value;
    this.last = stage;
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
