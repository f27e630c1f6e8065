import { describe, expect, it } from 'vitest';
import { closestName, formatUnmatchedKey, unmatchedMockKeys } from './mock-keys.js';

const definition = {
  StartAt: 'Charge',
  States: {
    Charge: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'Fan' },
    Fan: {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'Notify',
          States: {
            Notify: { Type: 'Task', Resource: 'arn:aws:states:::sqs:sendMessage.waitForTaskToken', End: true },
          },
        },
      ],
      Next: 'Each',
    },
    Each: {
      Type: 'Map',
      ItemProcessor: { StartAt: 'Ship', States: { Ship: { Type: 'Pass', End: true } } },
      End: true,
    },
  },
};

describe('unmatchedMockKeys', () => {
  it('accepts state names at any depth, resources with or without their suffix, and "*"', () => {
    const keys = [
      'Charge',
      'Notify',
      'Ship',
      '*',
      'arn:aws:states:::lambda:invoke',
      'arn:aws:states:::sqs:sendMessage',
      'arn:aws:states:::sqs:sendMessage.waitForTaskToken',
    ];
    expect(unmatchedMockKeys(definition, keys)).toEqual([]);
  });

  it('names the closest state for a typo, and the closest resource for an ARN', () => {
    expect(unmatchedMockKeys(definition, ['Chrage', 'ship', 'arn:aws:states:::sqs:sendMesage', 'Nothing'])).toEqual([
      { key: 'Chrage', suggestion: 'Charge' },
      { key: 'ship', suggestion: 'Ship' },
      { key: 'arn:aws:states:::sqs:sendMesage', suggestion: 'arn:aws:states:::sqs:sendMessage' },
      { key: 'Nothing' },
    ]);
  });

  it('takes state names only when asked (Step Functions Local test cases)', () => {
    expect(unmatchedMockKeys(definition, ['arn:aws:states:::lambda:invoke'], { resources: false })).toEqual([
      { key: 'arn:aws:states:::lambda:invoke' },
    ]);
  });

  it('copes with definitions that are not machines', () => {
    expect(unmatchedMockKeys({ States: 42 }, ['A'])).toEqual([{ key: 'A' }]);
  });

  it('formats a warning line', () => {
    expect(formatUnmatchedKey('mocks', { key: 'Chrage', suggestion: 'Charge' })).toBe(
      "mocks key 'Chrage' matches no state or resource; did you mean 'Charge'?",
    );
    expect(formatUnmatchedKey('handlers', { key: 'x' }, 'no Lambda function of the definition')).toBe(
      "handlers key 'x' matches no Lambda function of the definition",
    );
  });
});

describe('closestName', () => {
  it('suggests only names near enough to be a typo', () => {
    expect(closestName('ChargeCrad', ['ChargeCard', 'Ship'])).toBe('ChargeCard');
    expect(closestName('Refund', ['ChargeCard', 'Ship'])).toBeUndefined();
  });
});
