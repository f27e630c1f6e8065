import { describe, expect, it } from 'vitest';
import { functionArn, functionKey, parseFunctionName } from './function-name.js';

describe('parseFunctionName', () => {
  it("reads each of Lambda's FunctionName forms", () => {
    expect(parseFunctionName('charge')).toEqual({ name: 'charge' });
    expect(parseFunctionName('charge:live')).toEqual({ name: 'charge', qualifier: 'live' });
    expect(parseFunctionName('123456789012:function:charge:7')).toEqual({
      name: 'charge',
      qualifier: '7',
      accountId: '123456789012',
    });
    expect(parseFunctionName('arn:aws:lambda:eu-west-1:111122223333:function:charge')).toEqual({
      name: 'charge',
      region: 'eu-west-1',
      accountId: '111122223333',
    });
    expect(parseFunctionName('arn:aws-cn:lambda:cn-north-1:111122223333:function:charge:$LATEST')).toMatchObject({
      name: 'charge',
      qualifier: '$LATEST',
    });
  });

  it('lets an explicit Qualifier win, and rejects what is not a function name', () => {
    expect(parseFunctionName('charge:live', '3')).toEqual({ name: 'charge', qualifier: '3' });
    for (const bad of ['', ':x', 'a:b:c', 'arn:aws:s3:::bucket']) expect(parseFunctionName(bad), bad).toBeUndefined();
  });

  it('builds keys and the invoked ARN with the defaults it lacks', () => {
    const ref = parseFunctionName('charge:live')!;
    expect(functionKey(ref)).toBe('charge:live');
    expect(functionArn(ref, 'us-east-1', '123456789012')).toBe(
      'arn:aws:lambda:us-east-1:123456789012:function:charge:live',
    );
    expect(functionArn(parseFunctionName('arn:aws:lambda:eu-west-1:111122223333:function:x')!, 'us-east-1', '1')).toBe(
      'arn:aws:lambda:eu-west-1:111122223333:function:x',
    );
  });
});
