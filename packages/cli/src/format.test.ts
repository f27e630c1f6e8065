import { describe, expect, it } from 'vitest';
import type { ExecutionResult, HistoryEvent } from '@aslkit/core';
import { formatDiagnostic, formatFailure, formatHistoryText, formatResultDocument } from './format.js';

const result = (fields: Partial<ExecutionResult>): ExecutionResult => ({
  status: 'SUCCEEDED',
  executionArn: 'arn',
  startDate: '2026-01-01T00:00:00.000Z',
  stopDate: '2026-01-01T00:00:00.000Z',
  history: [],
  ...fields,
});

const at = '2026-01-01T00:00:00.000Z';
const events: HistoryEvent[] = [
  {
    id: 1,
    previousEventId: 0,
    timestamp: at,
    type: 'ExecutionStarted',
    executionStartedEventDetails: { input: '{}', inputDetails: { truncated: false }, roleArn: 'arn:role' },
  },
  {
    id: 9,
    previousEventId: 8,
    timestamp: at,
    type: 'MapIterationStarted',
    mapIterationStartedEventDetails: { name: 'Each', index: 0 },
  },
  { id: 10, previousEventId: 9, timestamp: at, type: 'TaskStateAborted' },
  {
    id: 11,
    previousEventId: 10,
    timestamp: at,
    type: 'TaskFailed',
    taskFailedEventDetails: { resourceType: 'lambda', resource: 'invoke', error: 'E', cause: 'two\nlines = "x"' },
  },
  {
    id: 12,
    previousEventId: 11,
    timestamp: at,
    type: 'PassStateExited',
    stateExitedEventDetails: { name: 'P', output: '{"a b":1}', outputDetails: { truncated: true } },
  },
];

describe('formatHistoryText', () => {
  it('prints one aligned line per event with compact details', () => {
    expect(formatHistoryText(events).split('\n')).toEqual([
      '#1    0  2026-01-01T00:00:00.000Z  ExecutionStarted           input={} roleArn=arn:role',
      '#9    8  2026-01-01T00:00:00.000Z  MapIterationStarted  Each  index=0',
      '#10   9  2026-01-01T00:00:00.000Z  TaskStateAborted',
      '#11  10  2026-01-01T00:00:00.000Z  TaskFailed                 resourceType=lambda resource=invoke error=E cause="two\\nlines = \\"x\\""',
      '#12  11  2026-01-01T00:00:00.000Z  PassStateExited      P     output={"a b":1} outputDetails={"truncated":true}',
      '',
    ]);
  });

  it('prints nothing for an empty history', () => {
    expect(formatHistoryText([])).toBe('');
  });
});

describe('formatFailure', () => {
  it('names the status, error and cause', () => {
    expect(formatFailure(result({ status: 'FAILED', error: 'States.TaskFailed', cause: 'boom' }))).toBe(
      'Execution FAILED: States.TaskFailed: boom\n',
    );
  });

  it('leaves out what is missing', () => {
    expect(formatFailure(result({ status: 'TIMED_OUT', error: 'States.Timeout' }))).toBe(
      'Execution TIMED_OUT: States.Timeout\n',
    );
    expect(formatFailure(result({ status: 'ABORTED' }))).toBe('Execution ABORTED\n');
  });
});

describe('formatResultDocument', () => {
  it('puts the output of a success, and the history (with the ARN: a saved execution) only when asked', () => {
    const succeeded = result({ output: null, history: events });
    expect(JSON.parse(formatResultDocument(succeeded, false))).toEqual({ status: 'SUCCEEDED', output: null });
    expect(JSON.parse(formatResultDocument(succeeded, true))).toEqual({
      status: 'SUCCEEDED',
      output: null,
      executionArn: 'arn',
      history: events,
    });
  });

  it('says how many times a redriven execution was redriven', () => {
    const redriven = result({ status: 'FAILED', error: 'E', redriveCount: 2 });
    expect(JSON.parse(formatResultDocument(redriven, false))).toEqual({
      status: 'FAILED',
      error: 'E',
      redriveCount: 2,
    });
  });

  it('puts the error and cause of a failure', () => {
    const failed = result({ status: 'FAILED', error: 'E', cause: 'c' });
    expect(formatResultDocument(failed, false)).toBe('{\n  "status": "FAILED",\n  "error": "E",\n  "cause": "c"\n}\n');
  });
});

describe('formatDiagnostic', () => {
  it('uses file:line:col when the diagnostic has a location', () => {
    const diagnostic = {
      code: 'INVALID_JSON_DESCRIPTION',
      severity: 'ERROR',
      message: 'Malformed JSON',
      path: '',
      line: 3,
      column: 14,
    } as const;
    expect(formatDiagnostic('m.json', diagnostic)).toBe('m.json:3:14 INVALID_JSON_DESCRIPTION Malformed JSON\n');
  });

  it('uses the JSON pointer otherwise', () => {
    const diagnostic = {
      code: 'MISSING_TRANSITION_TARGET',
      severity: 'ERROR',
      message: 'Missing',
      path: '/States/A/Next',
    } as const;
    expect(formatDiagnostic('m.json', diagnostic)).toBe(
      'm.json: MISSING_TRANSITION_TARGET Missing at /States/A/Next\n',
    );
    expect(formatDiagnostic('m.json', { ...diagnostic, path: '' })).toBe(
      'm.json: MISSING_TRANSITION_TARGET Missing at /\n',
    );
  });
});
