/**
 * Runs the recorded AWS cases shared/conformance/cases/intrinsic_functions__* through the
 * intrinsic evaluator alone. Every JSONPath case has one shape: a single Pass state whose
 * `Parameters` hold `.$` fields (one case adds ResultPath/OutputPath), so this file applies
 * those three steps itself. Skipped: the JSONata cases (`$partition`, `$range`, `$parse`,
 * `$randomSeeded` in a JSONata `Output`), which need the JSONata engine, not intrinsics.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { isJsonObject, jsonEquals, setOwn, type Json, type JsonObject } from '../../json.js';
import { createRandom } from '../../runtime/random.js';
import { compilePath, type PathData } from '../jsonpath.js';
import { evaluateIntrinsic } from './evaluate.js';
import { isIntrinsicCall, parseIntrinsic } from './parse.js';

const casesDir = join(import.meta.dirname, '..', '..', '..', '..', '..', '..', 'shared', 'conformance', 'cases');
const caseNames = existsSync(casesDir)
  ? readdirSync(casesDir)
      .filter((name) => name.startsWith('intrinsic_functions__'))
      .sort()
  : [];
const read = (name: string, file: string): Json => JSON.parse(readFileSync(join(casesDir, name, file), 'utf8')) as Json;

const V4_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface PassState {
  Parameters: JsonObject;
  ResultPath?: string;
  OutputPath?: string;
}

/** The single JSONPath Pass state with Parameters, or why the case is out of scope here. */
function passState(definition: JsonObject): PassState | string {
  const states = Object.values(definition['States'] as JsonObject);
  const state = states[0];
  if (states.length !== 1 || !isJsonObject(state) || state['Type'] !== 'Pass') return 'not a single Pass state';
  if (state['QueryLanguage'] === 'JSONata' || definition['QueryLanguage'] === 'JSONata')
    return 'JSONata Output: needs the JSONata engine';
  if (!isJsonObject(state['Parameters'])) return 'no Parameters';
  return state as unknown as PassState;
}

function applyTemplate(template: Json, data: PathData, seed: string): Json {
  if (Array.isArray(template)) return template.map((item) => applyTemplate(item, data, seed));
  if (!isJsonObject(template)) return template;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(template)) {
    if (!key.endsWith('.$')) setOwn(out, key, applyTemplate(value, data, seed));
    else if (typeof value === 'string' && isIntrinsicCall(value)) {
      setOwn(out, key.slice(0, -2), evaluateIntrinsic(parseIntrinsic(value), { data, random: createRandom(seed) }));
    } else {
      const found = compilePath(String(value)).read(data);
      if (!found.found) throw new Error(`path ${String(value)} not found`);
      setOwn(out, key.slice(0, -2), found.value);
    }
  }
  return out;
}

/** ResultPath for a definite `$.a.b` path: a copy of `input` with `result` placed there. */
function placeResult(input: Json, resultPath: string, result: Json): Json {
  const segments = compilePath(resultPath).segments ?? [];
  if (segments.length === 0) return result;
  const root: JsonObject = isJsonObject(input) ? { ...input } : {};
  let node = root;
  segments.forEach((segment, i) => {
    const key = String(segment);
    if (i === segments.length - 1) setOwn(node, key, result);
    else {
      const next: JsonObject = isJsonObject(node[key]) ? { ...(node[key] as JsonObject) } : {};
      setOwn(node, key, next);
      node = next;
    }
  });
  return root;
}

function runCase(state: PassState, input: Json, name: string): Json {
  const context: Json = {
    Execution: {
      Id: `arn:aws:states:us-east-1:111111111111:execution:sm:${name}`,
      Input: input,
      Name: name,
      StartTime: '2024-01-01T00:00:00Z',
    },
    StateMachine: { Id: 'arn:aws:states:us-east-1:111111111111:stateMachine:sm', Name: 'sm' },
    State: { Name: 'State_0', EnteredTime: '2024-01-01T00:00:00Z' },
  };
  const result = applyTemplate(state.Parameters, { input, context }, name);
  const placed = state.ResultPath === undefined ? result : placeResult(input, state.ResultPath, result);
  if (state.OutputPath === undefined) return placed;
  const found = compilePath(state.OutputPath).read({ input: placed, context });
  if (!found.found) throw new Error(`OutputPath ${state.OutputPath} not found`);
  return found.value;
}

/** AWS outputs the recording replaced with placeholders: check the real value's shape instead. */
function checkPlaceholder(actual: Json, expected: Json, input: Json): boolean {
  if (!isJsonObject(expected) || !isJsonObject(actual)) return false;
  const value = actual['FunctionResult'];
  if (expected['FunctionResult'] === 'generated-uuid') {
    expect(value).toMatch(V4_UUID);
    return true;
  }
  if (expected['FunctionResult'] === 'RandomNumberGenerated') {
    const bounds = (input as { FunctionInput: { fst: number; snd: number } }).FunctionInput;
    expect(Number.isInteger(value)).toBe(true);
    expect(value as number).toBeGreaterThanOrEqual(Math.trunc(bounds.fst));
    expect(value as number).toBeLessThan(Math.trunc(bounds.snd));
    return true;
  }
  return false;
}

const shapes = caseNames.map((name) => ({ name, state: passState(read(name, 'definition.json') as JsonObject) }));

describe.skipIf(caseNames.length === 0)('conformance: intrinsic_functions__*', () => {
  it('covers all 120 recorded cases: 94 evaluated here, 26 JSONata cases skipped', () => {
    expect(shapes).toHaveLength(120);
    const skipped = shapes.filter((shape) => typeof shape.state === 'string');
    expect(skipped.map((shape) => shape.state)).toEqual(Array(26).fill('JSONata Output: needs the JSONata engine'));
  });

  for (const { name, state } of shapes) {
    it.skipIf(typeof state === 'string')(name, () => {
      const input = read(name, 'input.json');
      const expected = read(name, 'expected.json') as JsonObject;
      expect(expected['status']).toBe('SUCCEEDED');
      const actual = runCase(state as PassState, input, name);
      if (checkPlaceholder(actual, expected['output']!, input)) return;
      // jsonEquals ignores key order and treats 1 and 1.0 alike, as the corpus README asks.
      expect(jsonEquals(actual, expected['output']) ? expected['output'] : actual).toEqual(expected['output']);
    });
  }
});
