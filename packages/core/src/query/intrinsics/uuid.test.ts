import { describe, it, expect } from 'vitest';
import { StatesError } from '../../errors/states-error.js';
import { createRandom } from '../../runtime/random.js';
import { evaluateIntrinsic } from './evaluate.js';
import { parseIntrinsic } from './parse.js';

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('States.UUID', () => {
  const call = parseIntrinsic('States.UUID()');

  it('returns a lowercase v4 UUID drawn from the execution Random', () => {
    const random = createRandom('uuid');
    const first = evaluateIntrinsic(call, { data: { input: {}, context: {} }, random });
    const second = evaluateIntrinsic(call, { data: { input: {}, context: {} }, random });
    expect(first).toMatch(V4);
    expect(second).toMatch(V4);
    expect(first).not.toBe(second);
  });

  it('replays the same UUIDs for the same seed', () => {
    const draw = () => evaluateIntrinsic(call, { data: { input: {}, context: {} }, random: createRandom(99) });
    expect(draw()).toBe(draw());
  });

  it('refuses arguments at run time', () => {
    expect(() =>
      evaluateIntrinsic(parseIntrinsic("States.UUID('x')"), {
        data: { input: {}, context: {} },
        random: createRandom(1),
      }),
    ).toThrow(StatesError);
  });
});
