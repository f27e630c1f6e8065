import { describe, expect, it } from 'vitest';
import { NO_VALUE, StackResolver } from './intrinsics.js';
import { pseudoParameters } from './pseudo-parameters.js';
import { ResolveProblem } from './resolve-problem.js';
import { templateDocument } from './source-document.js';

const TEMPLATE = `
Parameters:
  Env: { Type: String, Default: dev }
  Zones: { Type: CommaDelimitedList, Default: 'a, b' }
  Secret: { Type: 'AWS::SSM::Parameter::Value<String>', Default: /app/secret }
Mappings:
  Sizes: { dev: { memory: 128 } }
Conditions:
  IsDev: !Equals [!Ref Env, dev]
  NotDev: !Not [!Condition IsDev]
  Loop: !Not [!Condition Loop]
Resources:
  Queue: { Type: AWS::SQS::Queue, Properties: { FifoQueue: true } }
  Fn: { Type: AWS::Lambda::Function, Properties: { FunctionName: !Sub '\${Env}-fn' } }
  Thing: { Type: Custom::Thing }
`;

function resolver(parameters: Record<string, string> = {}) {
  const document = templateDocument(TEMPLATE, '/t/template.yaml', 'template.yaml');
  return new StackResolver({
    document,
    template: document.value as Record<string, unknown>,
    pseudo: pseudoParameters({ region: 'eu-west-1' }, 'stack'),
    parameters,
    imports: { SharedBus: 'bus-arn' },
  });
}

const value = (node: unknown, parameters?: Record<string, string>) => resolver(parameters).value(node, '/x');
const problem = (node: unknown): string => {
  try {
    resolver().value(node, '/Resources/Fn/Properties');
  } catch (error) {
    if (error instanceof ResolveProblem) {
      const located = error.toProblem();
      return `${located.line ?? '-'}:${located.message}`;
    }
    throw error;
  }
  return 'resolved';
};

describe('intrinsics', () => {
  it('resolves references, conditions, lists, maps and text functions', () => {
    expect(value({ 'Fn::GetAtt': ['Fn', 'Arn'] })).toBe('arn:aws:lambda:eu-west-1:123456789012:function:dev-fn');
    expect(value({ Ref: 'Fn' }, { Env: 'prod' })).toBe('prod-fn');
    expect(value({ Ref: 'Queue' })).toBe('https://sqs.eu-west-1.amazonaws.com/123456789012/Queue');
    expect(value({ 'Fn::If': ['IsDev', 'yes', 'no'] })).toBe('yes');
    expect(value({ 'Fn::If': ['NotDev', 'yes', { Ref: 'AWS::NoValue' }] })).toBe(NO_VALUE);
    expect(value({ list: [1, { 'Fn::If': ['NotDev', 2, { Ref: 'AWS::NoValue' }] }] })).toEqual({ list: [1] });
    expect(value({ 'Fn::Select': [1, { Ref: 'Zones' }] })).toBe('b');
    expect(value({ 'Fn::FindInMap': ['Sizes', { Ref: 'Env' }, 'memory'] })).toBe(128);
    expect(value({ 'Fn::FindInMap': ['Sizes', 'prod', 'memory', { DefaultValue: 64 }] })).toBe(64);
    expect(value({ 'Fn::Join': ['-', { 'Fn::Split': [',', 'a,b,c'] }] })).toBe('a-b-c');
    expect(value({ 'Fn::Base64': 'hi' })).toBe('aGk=');
    expect(value({ 'Fn::Sub': ['${A}/${!B}/${AWS::Region}', { A: 'x' }] })).toBe('x/${B}/eu-west-1');
    expect(value({ 'Fn::Cidr': ['10.0.0.0/16', 2, 8] })).toEqual(['10.0.0.0/24', '10.0.1.0/24']);
    expect(value({ 'Fn::ImportValue': 'SharedBus' })).toBe('bus-arn');
    expect(value({ 'Fn::Length': [1, 2, 3] })).toBe(3);
    expect(value({ 'Fn::ToJsonString': { a: 1 } })).toBe('{"a":1}');
  });

  it('says, at the intrinsic, what it cannot resolve', () => {
    expect(problem({ Ref: 'Envv' })).toMatch(
      /^14:Ref: no parameter or resource 'Envv' in the template \(did you mean 'Env'\?\)/,
    );
    expect(problem({ Ref: 'Secret' })).toMatch(
      /read from SSM Parameter Store at deploy time; give its value with --parameter Secret=<value>/,
    );
    expect(problem({ 'Fn::GetAtt': ['Thing', 'Url'] })).toMatch(/what the custom resource returns at deploy time/);
    expect(problem({ 'Fn::GetAtt': ['Fn', 'SnapStartResponse'] })).toMatch(
      /no placeholder for the attribute 'SnapStartResponse'/,
    );
    expect(problem({ 'Fn::GetAtt': ['Queue', 'QueueUlr'] })).toMatch(
      /no placeholder for the attribute 'QueueUlr' of AWS::SQS::Queue 'Queue' \(did you mean 'QueueUrl'\?\)$/,
    );
    expect(problem({ 'Fn::ImportValue': 'Other' })).toMatch(/give its value with --import Other=<value>/);
    expect(problem({ 'Fn::Transform': { Name: 'Macro' } })).toMatch(/runs a macro in AWS/);
    expect(problem({ 'Fn::If': ['Loop', 1, 2] })).toMatch(/the condition 'Loop' depends on itself/);
  });
});
