import { describe, expect, it } from 'vitest';
import { BREAKPOINT_LIMITS, parseViewerCommand, parseViewerMessage } from './protocol-checks.js';

/** The code of the error `run` throws. */
function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('parseViewerCommand', () => {
  it('takes every command the viewer sends, keeping only the fields the protocol knows', () => {
    for (const type of ['run', 'pause', 'resume', 'restart', 'abort'] as const)
      expect(parseViewerCommand({ type, pad: 'x' })).toEqual({ type });
    expect(parseViewerCommand({ type: 'step', by: 'event' })).toEqual({ type: 'step', by: 'event' });
    expect(parseViewerCommand({ type: 'step', by: 'transition' })).toEqual({ type: 'step', by: 'transition' });
    expect(
      parseViewerCommand({
        type: 'breakpoints',
        breakpoints: [
          { stateName: 'A', on: 'enter', condition: '$.n', extra: 1 },
          { stateName: 'B', on: 'exit', condition: '' },
        ],
      }),
    ).toEqual({
      type: 'breakpoints',
      breakpoints: [
        { stateName: 'A', on: 'enter', condition: '$.n' },
        // An empty condition means none.
        { stateName: 'B', on: 'exit' },
      ],
    });
  });

  it('refuses what is not a command, with ASLKIT_INVALID_COMMAND', () => {
    const hostile: unknown[] = [
      null,
      [],
      'run',
      42,
      { type: 1 },
      JSON.parse('{"__proto__": {"type": "run"}}'),
      { type: 'launch' },
      { type: 'step' },
      { type: 'step', by: 'nonsense' },
      { type: 'breakpoints' },
      { type: 'breakpoints', breakpoints: {} },
      { type: 'breakpoints', breakpoints: [null] },
      { type: 'breakpoints', breakpoints: [{ stateName: 'X', on: 'sideways' }] },
      { type: 'breakpoints', breakpoints: [{ stateName: 7, on: 'enter' }] },
      { type: 'breakpoints', breakpoints: [{ stateName: 'X', on: 'enter', condition: 3 }] },
    ];
    for (const value of hostile)
      expect(
        codeOf(() => parseViewerCommand(value)),
        JSON.stringify(value),
      ).toBe('ASLKIT_INVALID_COMMAND');
  });

  it('caps breakpoints: how many, and the length of names and conditions', () => {
    const { maxBreakpoints, maxConditionLength, maxStateNameLength } = BREAKPOINT_LIMITS;
    const many = Array.from({ length: maxBreakpoints + 1 }, () => ({ stateName: 'A', on: 'enter' }));
    expect(codeOf(() => parseViewerCommand({ type: 'breakpoints', breakpoints: many }))).toBe('ASLKIT_INVALID_COMMAND');
    expect(parseViewerCommand({ type: 'breakpoints', breakpoints: many.slice(1) })).toMatchObject({
      type: 'breakpoints',
    });
    const long = (stateName: string, condition?: string) => () =>
      parseViewerCommand({ type: 'breakpoints', breakpoints: [{ stateName, on: 'enter', condition }] });
    expect(codeOf(long('x'.repeat(maxStateNameLength + 1)))).toBe('ASLKIT_INVALID_COMMAND');
    expect(codeOf(long('A', `$.a == '${'x'.repeat(maxConditionLength)}'`))).toBe('ASLKIT_INVALID_COMMAND');
    expect(codeOf(long('x'.repeat(maxStateNameLength)))).toBeUndefined();
  });

  it('names an unknown command without echoing all of it', () => {
    expect(() => parseViewerCommand({ type: 'x'.repeat(10_000) })).toThrow(/^unknown command "x{38}…$/);
  });
});

describe('parseViewerMessage', () => {
  const definition = { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };

  it('takes every message a source sends', () => {
    const messages = [
      { type: 'init', mode: 'live', definition, title: 't', breakpoints: [{ stateName: 'A', on: 'exit' }] },
      { type: 'init', mode: 'history', definition },
      { type: 'events', events: [{ id: 1, previousEventId: 0, timestamp: 't', type: 'ExecutionStarted' }] },
      { type: 'breakpoints', breakpoints: [] },
      { type: 'session', session: { state: 'idle' } },
      {
        type: 'session',
        session: {
          state: 'paused',
          pausedAt: { stateName: 'A', on: 'enter', reason: 'breakpoint', eventId: 3, pause: 1 },
        },
      },
      { type: 'session', session: { state: 'done', result: { status: 'FAILED', error: 'E', cause: 'C' } } },
      { type: 'error', message: 'lost' },
    ];
    for (const message of messages) expect(parseViewerMessage(message)).toEqual(message);
  });

  it('drops what the protocol does not know (the breakpoint a pause carries, extra fields)', () => {
    expect(
      parseViewerMessage({
        type: 'session',
        session: { state: 'paused', pausedAt: { stateName: 'A', breakpoint: { stateName: 'A' } }, x: 1 },
      }),
    ).toEqual({ type: 'session', session: { state: 'paused', pausedAt: { stateName: 'A' } } });
  });

  const attempt = { state: 'A', enteredEventId: 2, attempt: 0, stages: { input: { n: 1 } }, outcome: 'succeeded' };

  it("takes an attempt's stages, keeping only the stages and fields it knows", () => {
    const failed = {
      ...attempt,
      stages: { input: { n: 1 }, afterInputPath: 1, afterItemSelector: [1], someday: 2 },
      outcome: 'failed',
      error: { error: 'States.Runtime', cause: null, afterStage: 'afterInputPath', extra: true },
      extra: 'x',
    };
    expect(parseViewerMessage({ type: 'inspections', inspections: [attempt, failed] })).toEqual({
      type: 'inspections',
      inspections: [
        attempt,
        {
          ...attempt,
          stages: { input: { n: 1 }, afterInputPath: 1, afterItemSelector: [1] },
          outcome: 'failed',
          error: { error: 'States.Runtime', cause: null, afterStage: 'afterInputPath' },
        },
      ],
    });
  });

  it("takes a distributed Map's reader and batcher stages and an Assign failure's stage", () => {
    const failed = {
      ...attempt,
      stages: { input: {}, afterItemsPointer: [1, 2], afterItemBatcher: [{ Items: [1, 2] }] },
      outcome: 'failed',
      error: { error: 'States.Runtime', cause: 'x', afterStage: 'afterResultSelector', stage: 'variables' },
    };
    expect(parseViewerMessage({ type: 'inspections', inspections: [failed] })).toEqual({
      type: 'inspections',
      inspections: [failed],
    });
  });

  it('refuses malformed messages, with ASLKIT_INVALID_MESSAGE', () => {
    const bad: unknown[] = [
      null,
      { type: 'hello' },
      { type: 'init', mode: 'replay', definition },
      { type: 'init', mode: 'live', definition: [] },
      { type: 'init', mode: 'live', definition, title: 5 },
      { type: 'init', mode: 'live', definition, breakpoints: [{ on: 'enter' }] },
      { type: 'events', events: {} },
      { type: 'events', events: [{ type: 'ExecutionStarted' }] },
      { type: 'events', events: [{ id: '1', type: 'ExecutionStarted' }] },
      { type: 'session', session: { state: 'sleeping' } },
      { type: 'session', session: { state: 'paused', pausedAt: 'A' } },
      { type: 'session', session: { state: 'paused', pausedAt: { on: 'sideways' } } },
      { type: 'session', session: { state: 'paused', pausedAt: { eventId: '3' } } },
      { type: 'session', session: { state: 'done', result: { status: 'OK' } } },
      { type: 'session', session: { state: 'done', result: { status: 'FAILED', cause: {} } } },
      { type: 'error' },
      { type: 'inspections', inspections: {} },
      { type: 'inspections', inspections: [{ ...attempt, state: 1 }] },
      { type: 'inspections', inspections: [{ ...attempt, outcome: 'exploded' }] },
      { type: 'inspections', inspections: [{ ...attempt, stages: { result: 1 } }] },
      { type: 'inspections', inspections: [{ ...attempt, stages: { input: 1, afterItemSelector: 2 } }] },
      { type: 'inspections', inspections: [{ ...attempt, error: { error: 1, cause: null, afterStage: 'input' } }] },
      { type: 'inspections', inspections: [{ ...attempt, error: { error: 'E', cause: null, afterStage: 'nowhere' } }] },
      {
        type: 'inspections',
        inspections: [{ ...attempt, error: { error: 'E', cause: null, afterStage: 'input', stage: 'output' } }],
      },
    ];
    for (const value of bad)
      expect(
        codeOf(() => parseViewerMessage(value)),
        JSON.stringify(value),
      ).toBe('ASLKIT_INVALID_MESSAGE');
  });
});
