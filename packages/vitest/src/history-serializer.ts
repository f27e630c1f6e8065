/**
 * A snapshot serializer for histories and execution results: one line per event, times as
 * offsets from the start (`+3600s`), UUIDs and task tokens numbered in order of appearance
 * (`<uuid-1>`, `<token-1>`), Lambda stack traces cut to `<stack>`, so snapshots stay stable across seeds and start times and read
 * like a log.
 */
import { traceExecution, type ExecutionTrace, type HistoryEvent } from '@aslkit/core';
import type { SnapshotSerializer } from 'vitest';
import { formatPath } from '@aslkit/node';

const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const TOKEN = /\bAQB[0-9a-f]{64}\b/g;
// Lambda error causes carry the handler's stack: file paths and line numbers of this machine.
// Matched at any escape level (a cause inside an output is JSON inside JSON); group 1 is the escaping.
const STACK = /(\\*)"stackTrace\1":\[(?:[\s\S]*?\1"\]|\])/g;
// Always the same and long: dropped so each line shows what differs between events.
const NOISE = new Set(['roleArn', 'inputDetails', 'outputDetails', 'assignedVariablesDetails']);
const PAYLOADS = new Set(['input', 'output', 'parameters']);

/** Replaces volatile ids with numbered placeholders, the same id always getting the same one. */
export class IdNormalizer {
  private readonly seen = new Map<string, string>();
  private counts = { uuid: 0, token: 0 };

  normalize(text: string): string {
    return text
      .replace(STACK, (_, esc: string) => `${esc}"stackTrace${esc}":[${esc}"<stack>${esc}"]`)
      .replace(TOKEN, (token) => this.placeholder(token, 'token'))
      .replace(UUID, (uuid) => this.placeholder(uuid.toLowerCase(), 'uuid'));
  }

  private placeholder(value: string, kind: 'uuid' | 'token'): string {
    let name = this.seen.get(value);
    if (!name) {
      name = `<${kind}-${++this.counts[kind]}>`;
      this.seen.set(value, name);
    }
    return name;
  }
}

const isEvent = (value: unknown): value is HistoryEvent =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as HistoryEvent).id === 'number' &&
  typeof (value as HistoryEvent).type === 'string' &&
  typeof (value as HistoryEvent).timestamp === 'string';

const isHistory = (value: unknown): value is HistoryEvent[] =>
  Array.isArray(value) && value.length > 0 && value.every(isEvent);

interface ResultLike {
  status: string;
  /** Present on runs from runMachine: traced with the definition, so caught errors are named. */
  trace?: ExecutionTrace;
  output?: unknown;
  error?: string;
  cause?: string;
  history: HistoryEvent[];
}

const isResult = (value: unknown): value is ResultLike =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as ResultLike).status === 'string' &&
  Array.isArray((value as ResultLike).history) &&
  (value as ResultLike).history.every(isEvent);

/** `+0s`, `+1.5s`, `+3600s` from the first event. */
function offset(timestamp: string, start: number): string {
  const ms = Date.parse(timestamp) - start;
  return Number.isFinite(ms) ? `+${ms / 1000}s` : timestamp;
}

/** The event lines of a history, normalized. */
export function formatHistoryLines(history: readonly HistoryEvent[], ids = new IdNormalizer()): string[] {
  const start = history.length > 0 ? Date.parse(history[0]!.timestamp) : 0;
  return history.map((event) => {
    const parts = [`#${event.id}`, event.type, offset(event.timestamp, start)];
    // Only chain jumps are shown: interleaved branches, and joins that point into a branch.
    if (event.previousEventId !== event.id - 1 && event.previousEventId !== 0)
      parts.push(`(after #${event.previousEventId})`);
    for (const [key, value] of Object.entries(event)) {
      if (!key.endsWith('EventDetails') || typeof value !== 'object' || value === null) continue;
      for (const [field, detail] of Object.entries(value as Record<string, unknown>)) {
        if (NOISE.has(field)) continue;
        if (field === 'name' && typeof detail === 'string') parts.push(detail);
        else
          parts.push(
            `${field}=${typeof detail === 'string' && (PAYLOADS.has(field) || /^[^\s"=]+$/.test(detail)) ? detail : JSON.stringify(detail)}`,
          );
      }
    }
    return ids.normalize(parts.join(' '));
  });
}

/**
 * Serializes a history array, or an execution result (status, output or error and cause,
 * top-level path, then the history).
 * @example
 * expect.addSnapshotSerializer(historySerializer);
 * expect(run).toMatchSnapshot();
 */
export const historySerializer = {
  test: (value: unknown): boolean => isHistory(value) || isResult(value),
  serialize(value: unknown, config: { indent: string }, indentation: string): string {
    const ids = new IdNormalizer();
    const inner = `${indentation}${config.indent}`;
    if (isHistory(value))
      return `History [\n${formatHistoryLines(value, ids)
        .map((line) => inner + line)
        .join('\n')}\n${indentation}]`;
    const result = value as ResultLike;
    const lines = [`Execution ${result.status}`];
    if (result.status === 'SUCCEEDED')
      lines.push(`output: ${ids.normalize(JSON.stringify(result.output) ?? 'undefined')}`);
    if (result.error !== undefined) lines.push(`error: ${result.error}`);
    if (result.cause !== undefined) lines.push(`cause: ${ids.normalize(result.cause)}`);
    lines.push(`path: ${formatPath(result.trace ?? traceExecution(result.history))}`);
    lines.push('history:', ...formatHistoryLines(result.history, ids).map((line) => config.indent + line));
    return lines.map((line, i) => (i === 0 ? line : indentation + line)).join('\n');
  },
} satisfies SnapshotSerializer;
