import { describe, expect, it } from 'vitest';
import { checkExecutionArn, checkName, parseMachineArn } from './arns.js';

describe('names and ARNs', () => {
  it.each(['Orders', 'a-b_c.1', 'x'.repeat(80), 'ünïcode'])('accepts the name %s', (name) => {
    expect(() => checkName(name)).not.toThrow();
  });

  it.each(['', 'x'.repeat(81), 'has space', 'a#b', 'a:b', 'a/b', 'a*b', 'a{b', 'tab\tin', 'ctl\u0085'])(
    'refuses the name %j with InvalidName',
    (name) => {
      expect(() => checkName(name)).toThrow(expect.objectContaining({ type: 'InvalidName' }));
    },
  );

  it("splits Step Functions Local's #TestCase suffix off a state machine ARN", () => {
    const arn = 'arn:aws:states:us-east-1:123456789012:stateMachine:Orders';
    expect(parseMachineArn(arn)).toEqual({ arn });
    expect(parseMachineArn(`${arn}#HappyPath`)).toEqual({ arn, testCase: 'HappyPath' });
    expect(() => parseMachineArn(`${arn}#`)).toThrow(expect.objectContaining({ type: 'InvalidArn' }));
    expect(() => parseMachineArn('arn:aws:states:us-east-1:123456789012:activity:x')).toThrow(
      expect.objectContaining({
        type: 'InvalidArn',
        message: "Invalid Arn: 'arn:aws:states:us-east-1:123456789012:activity:x'",
      }),
    );
  });

  it('knows Standard and Express execution ARNs', () => {
    expect(checkExecutionArn('arn:aws:states:us-east-1:123456789012:execution:Orders:o-1')).toBeTruthy();
    expect(checkExecutionArn('arn:aws:states:us-east-1:123456789012:express:Quick:n:3f1c')).toBeTruthy();
    expect(() => checkExecutionArn('arn:aws:states:us-east-1:123456789012:execution:Orders')).toThrow(
      expect.objectContaining({ type: 'InvalidArn' }),
    );
  });
});
