/**
 * The JSONPath query language, in AWS's order: InputPath, Parameters (ItemSelector for Map),
 * the executor, ResultSelector, ResultPath, OutputPath; Assign sees the selected result and
 * takes effect after the state exits.
 */
import { isJsonObject, asText, type Json, type JsonObject } from '../json.js';
import { isDistributedMap } from '../definition/state-fields.js';
import { keyedItems } from '../distributed/keyed-items.js';
import type { Catcher, ChoiceRule, State } from '../definition/types.js';
import { DiagnosticCode, type Diagnostic } from '../definition/diagnostics.js';
import {
  compilePath,
  PathSyntaxError,
  type CompiledPath,
  type PathData,
  type VariableReader,
} from '../query/jsonpath.js';
import { runtimeError } from '../errors/states-error.js';
import { compileChoiceRule, type ChoiceCondition } from '../states/choice-rules.js';
import { DefinitionError } from '../errors/aslkit-error.js';
import { applyResultPath } from './result-path.js';
import {
  compileExpression,
  compileTemplate,
  type CompiledExpression,
  type CompiledTemplate,
} from './payload-template.js';
import {
  invalidPathCause,
  compileFieldReaders,
  mapTemplateSources,
  STATE_FIELD_NAMES,
  type FieldName,
  type MapTemplateName,
  type FieldValue,
  type StateDataFlow,
  type StepEnv,
  type StepOutcome,
} from './pipeline.js';

type Fields = Partial<Record<string, Json | undefined>>;

export function compileJsonPathFlow(state: State, pointer: string, diagnostics: Diagnostic[]): StateDataFlow {
  const fields = state as unknown as Fields;
  const path = (name: string, options: { reference?: boolean } = {}): CompiledPath | null | undefined => {
    const value = fields[name];
    if (value === undefined || value === null) return value;
    return compilePathField(value, `${pointer}/${name}`, diagnostics, options.reference ?? false);
  };
  const template = (name: string): CompiledTemplate | undefined =>
    fields[name] === undefined ? undefined : compileTemplate(fields[name], `${pointer}/${name}`, diagnostics);

  const inputPath = path('InputPath');
  const outputPath = path('OutputPath');
  const resultPath = path('ResultPath', { reference: true });
  const isMap = state.Type === 'Map';
  const parameters = isMap ? undefined : template('Parameters');
  const itemSelector = isMap ? (template('ItemSelector') ?? template('Parameters')) : undefined;
  const itemsPath = isMap ? path('ItemsPath') : undefined;
  // AWS-recorded (test_state__state_map_context_object__ALL): an inline Map refuses an object.
  const objectItems = isMap && isDistributedMap(fields);
  const mapTemplates = new Map<MapTemplateName, CompiledTemplate>();
  for (const source of mapTemplateSources(fields, pointer, 'Parameters'))
    mapTemplates.set(source.name, compileTemplate(source.value, source.pointer, diagnostics));
  const resultSelector = template('ResultSelector');
  const assign = template('Assign');
  const catchers = ((fields['Catch'] as unknown as Catcher[] | undefined) ?? []).map((catcher, i) => ({
    resultPath:
      catcher.ResultPath === undefined || catcher.ResultPath === null
        ? catcher.ResultPath
        : compilePathField(catcher.ResultPath, `${pointer}/Catch/${i}/ResultPath`, diagnostics, true),
    assign:
      catcher.Assign === undefined
        ? undefined
        : compileTemplate(catcher.Assign, `${pointer}/Catch/${i}/Assign`, diagnostics),
  }));
  const rules = state.Type === 'Choice' ? compileRules(state.Choices, pointer, diagnostics) : [];
  const fieldReaders = compileFields(fields, pointer, diagnostics);

  const data = (input: Json, env: StepEnv): PathData => new StepPathData(input, env);
  const read = (compiled: CompiledPath | null | undefined, value: Json, env: StepEnv): Json => {
    if (compiled === undefined) return value;
    if (compiled === null) return {};
    const pathData = data(value, env);
    const found = compiled.read(pathData);
    if (!found.found) throw runtimeError(invalidPathCause(compiled.source, compiled.miss(pathData)));
    return found.value;
  };
  const assignments = (
    compiled: CompiledTemplate | undefined,
    value: Json,
    env: StepEnv,
  ): Record<string, Json> | undefined =>
    compiled === undefined ? undefined : (compiled({ data: data(value, env), random: env.random }) as JsonObject);

  return {
    input(raw, env) {
      const effective = read(inputPath, raw, env);
      env.stages?.('afterInputPath', effective);
      const taskInput = parameters
        ? parameters({ data: data(effective, env), random: env.random, nullInputFails: true })
        : effective;
      env.stages?.('afterParameters', taskInput);
      return { effective, taskInput };
    },
    output(raw, result, env, source): StepOutcome {
      const selected = resultSelector ? resultSelector({ data: data(result, env), random: env.random }) : result;
      env.stages?.('afterResultSelector', selected);
      const ruleAssign = source?.kind === 'rule' ? rules[source.index]?.assign : undefined;
      let assigned: Record<string, Json> | undefined;
      try {
        assigned = assignments(ruleAssign ?? assign, selected, env);
      } catch (error) {
        env.stages?.('assignFailed', null);
        throw error;
      }
      const combined = applyResultPath(raw, selected, resultPath);
      env.stages?.('afterResultPath', combined);
      return { output: read(outputPath, combined, env), assigned };
    },
    catchOutput(index, raw, errorOutput, env): StepOutcome {
      const catcher = catchers[index]!;
      const assigned = assignments(catcher.assign, errorOutput, env);
      return { output: applyResultPath(raw, errorOutput, catcher.resultPath), assigned };
    },
    items(effective, env) {
      const items = itemsPath === undefined ? effective : read(itemsPath, effective, env);
      // AWS-observed (conformance test_state__state_map_context_object__ALL: ItemsPath `$$` gives "$"):
      // the path as read from its root, the context object's `$$` written `$`.
      if (objectItems && isJsonObject(items)) {
        env.stages?.('afterItemsPath', items);
        return keyedItems(items);
      }
      if (!Array.isArray(items))
        throw runtimeError(`Reference path "${itemsPath ? rootRelative(itemsPath.source) : '$'}" must point to array.`);
      env.stages?.('afterItemsPath', items);
      return items;
    },
    itemInput(effective, item, env) {
      const selected = itemSelector ? itemSelector({ data: data(effective, env), random: env.random }) : item;
      env.stages?.('afterItemSelector', selected);
      return selected;
    },
    mapTemplate(name, effective, env) {
      return mapTemplates.get(name)?.({ data: data(effective, env), random: env.random });
    },
    field(name, effective, env): FieldValue | undefined {
      const reader = fieldReaders.get(name);
      return reader?.(effective, env);
    },
    choose(effective, env) {
      const pathData = data(effective, env);
      for (let i = 0; i < rules.length; i++) if (rules[i]!.condition(pathData)) return i;
      return -1;
    },
  };
}

/** `$$.a` → `$.a`: a context path as read from the context object. */
const rootRelative = (path: string): string => (path.startsWith('$$') ? path.slice(1) : path);

/**
 * Path data whose context object is built only when a path reads `$$`: most states never
 * do, and building it for every Choice or Parameters costs allocations on every transition.
 */
class StepPathData implements PathData {
  constructor(
    readonly input: Json,
    private readonly env: StepEnv,
  ) {}

  get context(): Json {
    return this.env.context;
  }

  get variables(): VariableReader {
    return this.env.variables;
  }
}

function compilePathField(
  value: Json,
  pointer: string,
  diagnostics: Diagnostic[],
  reference: boolean,
): CompiledPath | undefined {
  if (typeof value !== 'string') {
    diagnostics.push({
      code: DiagnosticCode.SchemaValidationFailed,
      severity: 'ERROR',
      message: 'Expected a JSONPath string',
      path: pointer,
    });
    return undefined;
  }
  try {
    const compiled = compilePath(value);
    if (reference && (compiled.segments === undefined || compiled.root !== 'input')) {
      diagnostics.push({
        code: DiagnosticCode.InvalidJsonPath,
        severity: 'ERROR',
        message: `The value '${value}' is not a valid reference path`,
        path: pointer,
      });
      return undefined;
    }
    return compiled;
  } catch (error) {
    if (!(error instanceof PathSyntaxError)) throw error;
    diagnostics.push({
      code: DiagnosticCode.InvalidJsonPath,
      severity: 'ERROR',
      message: error.message,
      path: pointer,
    });
    return undefined;
  }
}

interface CompiledRule {
  condition: ChoiceCondition;
  assign?: CompiledTemplate;
}

function compileRules(rules: ChoiceRule[] | undefined, pointer: string, diagnostics: Diagnostic[]): CompiledRule[] {
  if (!Array.isArray(rules)) return [];
  return rules.map((rule, i) => {
    const at = `${pointer}/Choices/${i}`;
    let condition: ChoiceCondition = () => false;
    try {
      condition = compileChoiceRule(rule, at);
    } catch (error) {
      if (!(error instanceof DefinitionError)) throw error;
      diagnostics.push(...error.diagnostics);
    }
    const assign = rule.Assign === undefined ? undefined : compileTemplate(rule.Assign, `${at}/Assign`, diagnostics);
    return { condition, assign };
  });
}

type FieldReader = (effective: Json, env: StepEnv) => FieldValue;

/**
 * The state's own fields, then the distributed Map's nested ones (ItemReader.ReaderConfig, ItemBatcher):
 * `X` literal or `XPath`; Fail's `ErrorPath`/`CausePath` may also be intrinsic calls.
 */
function compileFields(fields: Fields, pointer: string, diagnostics: Diagnostic[]): Map<FieldName, FieldReader> {
  return compileFieldReaders(fields, pointer, STATE_FIELD_NAMES, (source, name, at) =>
    compileField(source, name, at, diagnostics),
  );
}

function compileField(
  fields: Fields,
  name: FieldName,
  pointer: string,
  diagnostics: Diagnostic[],
): FieldReader | undefined {
  const literal = fields[name];
  const pathSource = fields[`${name}Path`];
  if (pathSource === undefined) return literal === undefined ? undefined : () => ({ found: true, value: literal });
  const at = `${pointer}/${name}Path`;
  if (name === 'Error' || name === 'Cause') {
    const expression: CompiledExpression = compileExpression(pathSource, `${name}Path`, at, diagnostics);
    return (effective, env) => ({
      found: true,
      value: expression(
        { data: { input: effective, context: env.context, variables: env.variables }, random: env.random },
        `${name}Path`,
      ),
      path: asText(pathSource),
    });
  }
  const compiled = compilePathField(pathSource, at, diagnostics, false);
  if (!compiled) return undefined;
  return (effective, env) => {
    const pathData: PathData = { input: effective, context: env.context, variables: env.variables };
    const found = compiled.read(pathData);
    return found.found
      ? { found: true, value: found.value, path: compiled.source }
      : { found: false, path: compiled.source, miss: compiled.miss(pathData) };
  };
}
