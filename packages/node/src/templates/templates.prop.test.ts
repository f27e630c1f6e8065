// A definition written into a template in each supported form, loaded back, equals the original:
// Definition objects (CloudFormation and SAM), DefinitionString (plain, Fn::Join parts, Fn::Sub with
// variables), DefinitionSubstitutions, DefinitionUri/DefinitionS3Location files, Serverless inline
// and ${file()}, Terraform show -json (state and plan), and Terraform templatefile() with its variables.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { loadMachineSet, selectMachine } from './machine-reference.js';
import type { TemplateOptions } from './template-options.js';

const dir = mkdtempSync(join(tmpdir(), 'aslkit-templates-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// Text a template would read as something else: placeholders of any kind, and keys that are intrinsics.
const plain = (text: string): boolean => !/[$%#]\{/.test(text);
const plainKey = (key: string): boolean =>
  plain(key) && key !== 'Ref' && key !== 'Condition' && !key.startsWith('Fn::');

function sanitize(value: unknown): Json {
  if (typeof value === 'string') return plain(value) ? value : value.replace(/[$%#]\{/g, '_');
  if (Array.isArray(value)) return value.map(sanitize);
  if (value !== null && typeof value === 'object') {
    const result: Record<string, Json> = {};
    for (const [key, item] of Object.entries(value)) if (plainKey(key)) result[key] = sanitize(item);
    return result;
  }
  return value as Json;
}

/** Pass states in a chain, each with an arbitrary Result (what JSON text can carry: no -0). */
const definitions = fc.array(fc.jsonValue({ maxDepth: 3 }), { minLength: 1, maxLength: 4 }).map((results) => {
  const states: Record<string, Json> = {};
  results.forEach((result, i) => {
    states[`S${i}`] = {
      Type: 'Pass',
      Result: sanitize(result),
      ...(i === results.length - 1 ? { End: true } : { Next: `S${i + 1}` }),
    };
  });
  return JSON.parse(JSON.stringify({ Comment: 'generated', StartAt: 'S0', States: states })) as Record<string, Json>;
});

let counter = 0;
const write = (name: string, text: string): string => {
  const path = join(dir, `${counter++}-${name}`);
  writeFileSync(path, text);
  return path;
};

/** Loads the one machine of a file and returns its definition as the engine would get it. */
function loadBack(path: string, options: TemplateOptions = {}, name?: string): unknown {
  const input = selectMachine(loadMachineSet(path, { cwd: dir, ...options }), name).definition();
  return typeof input.source === 'string' ? JSON.parse(input.source) : input.source;
}

const resource = (type: string, properties: Record<string, unknown>) => ({
  Resources: { Flow: { Type: type, Properties: properties } },
});
const SAM = { Transform: 'AWS::Serverless-2016-10-31' };

/** Splits text at a few points, as CDK's Fn::Join parts split a definition. */
function cuts(text: string, points: number[]): string[] {
  const at = [...new Set(points.map((p) => Math.floor(p * text.length)))].sort((a, b) => a - b);
  return [0, ...at].map((start, i) => text.slice(start, at[i] ?? text.length));
}

const property = (name: string, form: (definition: Record<string, Json>, extra: number[]) => unknown) =>
  it(name, () => {
    fc.assert(
      fc.property(
        definitions,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
        (definition, extra) => {
          expect(form(definition, extra)).toEqual(definition);
        },
      ),
      { numRuns: 25 },
    );
  });

describe('definitions written into templates load back unchanged', () => {
  property('CloudFormation Definition (YAML)', (d) =>
    loadBack(write('cfn.yaml', stringify(resource('AWS::StepFunctions::StateMachine', { Definition: d })))),
  );
  property('SAM Definition (YAML)', (d) =>
    loadBack(write('sam.yaml', stringify({ ...SAM, ...resource('AWS::Serverless::StateMachine', { Definition: d }) }))),
  );
  property('DefinitionString, plain (JSON template)', (d) =>
    loadBack(
      write(
        'cfn.json',
        JSON.stringify(resource('AWS::StepFunctions::StateMachine', { DefinitionString: JSON.stringify(d) })),
      ),
    ),
  );
  property('DefinitionString from Fn::Join parts, some of them parameters', (d, points) => {
    const parts = cuts(JSON.stringify(d, null, 1), points);
    const Parameters: Record<string, unknown> = {};
    const joined = parts.map((part, i) => {
      if (i % 2 === 0) return part;
      Parameters[`Part${i}`] = { Type: 'String', Default: part };
      return { Ref: `Part${i}` };
    });
    const template = {
      Parameters,
      ...resource('AWS::StepFunctions::StateMachine', { DefinitionString: { 'Fn::Join': ['', joined] } }),
    };
    return loadBack(write('join.yaml', stringify(template)));
  });
  property('DefinitionString from Fn::Sub with variables, and DefinitionSubstitutions', (d) => {
    // Each Result's text moves into a variable (as JSON string content, which Fn::Sub inserts as is).
    const variables: Record<string, string> = {};
    const substitutions: Record<string, string> = {};
    const text = JSON.stringify(d).replace(/"Result":("(?:[^"\\]|\\.)*")/g, (_m, literal: string, offset: number) => {
      const name = `V${offset}`;
      // A DefinitionSubstitutions placeholder inside Fn::Sub is escaped (`${!Name}`), or Fn::Sub would resolve it.
      (offset % 2 === 0 ? variables : substitutions)[name] = literal.slice(1, -1);
      return offset % 2 === 0 ? `"Result":"\${${name}}"` : `"Result":"\${!${name}}"`;
    });
    const properties = { DefinitionString: { 'Fn::Sub': [text, variables] }, DefinitionSubstitutions: substitutions };
    return loadBack(write('sub.yaml', stringify(resource('AWS::StepFunctions::StateMachine', properties))));
  });
  property('SAM DefinitionUri and CloudFormation DefinitionS3Location files (JSON and YAML)', (d, points) => {
    const file =
      points.length % 2 === 0 ? write('flow.asl.json', JSON.stringify(d)) : write('flow.asl.yaml', stringify(d));
    const sam = loadBack(
      write('uri.yaml', stringify({ ...SAM, ...resource('AWS::Serverless::StateMachine', { DefinitionUri: file }) })),
    );
    const cfn = loadBack(
      write('s3.yaml', stringify(resource('AWS::StepFunctions::StateMachine', { DefinitionS3Location: file }))),
    );
    expect(cfn).toEqual(sam);
    return sam;
  });
  property('Serverless inline and ${file()} definitions', (d) => {
    const file = write('machine.json', JSON.stringify(d));
    const service = {
      service: 's',
      provider: { name: 'aws' },
      stepFunctions: { stateMachines: { inline: { definition: d }, fromFile: { definition: `\${file(${file})}` } } },
    };
    const path = write('serverless.yml', stringify(service));
    expect(loadBack(path, {}, 'fromFile')).toEqual(d);
    return loadBack(path, {}, 'inline');
  });
  property('Terraform show -json, state and plan', (d) => {
    const machine = (definition: string) => ({
      address: 'aws_sfn_state_machine.flow',
      mode: 'managed',
      type: 'aws_sfn_state_machine',
      name: 'flow',
      values: { name: 'flow', definition },
    });
    const state = {
      format_version: '1.0',
      values: { root_module: { resources: [machine(JSON.stringify(d, null, 2))] } },
    };
    const plan = {
      format_version: '1.2',
      planned_values: { root_module: { resources: [machine(JSON.stringify(d))] } },
    };
    expect(loadBack(write('plan.json', JSON.stringify(plan)))).toEqual(d);
    return loadBack(write('state.json', JSON.stringify(state)));
  });
  property('Terraform templatefile() with its variables', (d) => {
    const substitutions: Record<string, string> = {};
    const text = JSON.stringify(d).replace(/"Result":("(?:[^"\\]|\\.)*")/g, (_m, literal: string, offset: number) => {
      substitutions[`v${offset}`] = literal.slice(1, -1);
      return `"Result":"\${v${offset}}"`;
    });
    return loadBack(write('flow.asl.json.tftpl', text), { substitutions });
  });
});
