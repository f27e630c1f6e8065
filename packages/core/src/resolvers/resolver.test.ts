import { describe, expect, it } from 'vitest';
import { createResolverRouter, type TaskResolver } from './resolver.js';
import { parseResource } from './resource.js';

const named = (name: string): TaskResolver => Object.assign(() => name, { label: name });
const find = (option: Parameters<typeof createResolverRouter>[0], arn: string, state = 'S') =>
  (
    createResolverRouter(option).find(parseResource(arn, 'us-east-1'), state) as
      (TaskResolver & { label?: string }) | undefined
  )?.label;

describe('createResolverRouter', () => {
  const fn = 'arn:aws:lambda:us-east-1:1:function:charge';
  it('prefers exact ARNs over patterns over the fallback', () => {
    const map = { [fn]: named('exact'), 'arn:aws:lambda:*:*:function:*': named('glob'), '*': named('fallback') };
    expect(find(map, fn)).toBe('exact');
    expect(find(map, 'arn:aws:lambda:eu-west-1:1:function:other')).toBe('glob');
    expect(find(map, 'arn:aws:states:::sqs:sendMessage')).toBe('fallback');
  });

  it('matches the integration without its .sync/.waitForTaskToken suffix', () => {
    expect(
      find({ 'arn:aws:states:::sqs:sendMessage': named('sqs') }, 'arn:aws:states:::sqs:sendMessage.waitForTaskToken'),
    ).toBe('sqs');
  });

  it('accepts routes with RegExp and predicates, and lists of options', () => {
    const routes = [
      { match: /dynamodb/, resolve: named('regex') },
      { match: (_arn: string, state: string) => state === 'Special', resolve: named('predicate') },
    ];
    expect(find(routes, 'arn:aws:states:::dynamodb:putItem')).toBe('regex');
    expect(find(routes, 'arn:aws:states:::sns:publish', 'Special')).toBe('predicate');
    expect(find([routes, { '*': named('fallback') }], 'arn:aws:states:::sns:publish')).toBe('fallback');
    expect(find(undefined, fn)).toBeUndefined();
  });

  it('does not treat glob metacharacters in ARNs as regex', () => {
    expect(find({ 'arn:aws:states:::a.b*': named('g') }, 'arn:aws:states:::aXb-anything')).toBeUndefined();
  });
});

describe('parseResource', () => {
  it('splits resources the way history events name them', () => {
    expect(parseResource('arn:aws:states:::lambda:invoke', 'r')).toMatchObject({
      kind: 'service',
      resourceType: 'lambda',
      resource: 'invoke',
      pattern: 'request-response',
    });
    expect(parseResource('arn:aws:states:::aws-sdk:s3:getObject', 'r')).toMatchObject({
      resourceType: 'aws-sdk:s3',
      resource: 'getObject',
    });
    expect(parseResource('arn:aws:states:::states:startExecution.sync:2', 'r')).toMatchObject({
      resourceType: 'states',
      resource: 'startExecution.sync:2',
      pattern: 'sync',
      baseArn: 'arn:aws:states:::states:startExecution',
    });
    expect(parseResource('arn:aws:states:::sqs:sendMessage.waitForTaskToken', 'r')).toMatchObject({
      resource: 'sendMessage.waitForTaskToken',
      pattern: 'waitForTaskToken',
    });
    expect(parseResource('arn:aws:lambda:eu-west-1:1:function:f:prod', 'r')).toMatchObject({
      kind: 'lambda-function',
      region: 'eu-west-1',
    });
  });
});
