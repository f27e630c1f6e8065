/**
 * Everything the CLI prints, as strings: results, failures, history lines and diagnostics.
 * Nothing here reads the clock or the environment, so equal runs print equal bytes.
 */
import type { Diagnostic, ExecutionResult, HistoryEvent, StateInspection } from '@aslkit/core';

/** A JSON value as the CLI prints it: 2-space indented, one trailing newline. */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** `Execution FAILED: <error>: <cause>` for a run that did not succeed. */
export function formatFailure(result: ExecutionResult): string {
  const parts = [`Execution ${result.status}`, result.error, result.cause].filter(
    (part) => part !== undefined && part !== '',
  );
  return `${parts.join(': ')}\n`;
}

/** The `--format json` document: status, output or error and cause, and the history when asked for. */
export function formatResultDocument(result: ExecutionResult, withHistory: boolean): string {
  const document: { [key: string]: unknown } = { status: result.status };
  if (result.status === 'SUCCEEDED') document.output = result.output;
  if (result.error !== undefined) document.error = result.error;
  if (result.cause !== undefined) document.cause = result.cause;
  if (result.redriveCount !== undefined) document.redriveCount = result.redriveCount;
  // With its ARN, the document is a saved execution that `--redrive` reads.
  if (withHistory) {
    document.executionArn = result.executionArn;
    document.history = result.history;
  }
  if (result.inspections) document.inspections = result.inspections;
  return formatJson(document);
}

/**
 * `aslkit run --inspect`: per attempt, a heading (`State  attempt N  outcome`, the error if any)
 * and one aligned `stage  value` line per stage, values as compact JSON.
 */
export function formatInspections(inspections: readonly StateInspection[]): string {
  return inspections
    .map((inspection) => {
      const failure = inspection.error
        ? `  ${inspection.error.error ?? ''}: ${inspection.error.cause ?? ''} (${inspection.error.stage === 'variables' ? 'in Assign' : `after ${inspection.error.afterStage}`})`
        : '';
      const heading = `${inspection.state}  attempt ${inspection.attempt}  ${inspection.outcome}${failure}
`;
      const stages = Object.entries(inspection.stages);
      const width = stages.reduce((max, [stage]) => Math.max(max, stage.length), 0);
      return (
        heading +
        stages
          .map(
            ([stage, value]) => `  ${stage.padEnd(width)}  ${JSON.stringify(value)}
`,
          )
          .join('')
      );
    })
    .join('');
}

const ENVELOPE_KEYS = new Set(['id', 'previousEventId', 'timestamp', 'type']);
// Compact JSON text already (AWS's history carries payloads as strings): printed unquoted.
const PAYLOAD_KEYS = new Set(['input', 'output', 'parameters']);
const BARE_STRING = /^[^\s"=]+$/;

/**
 * One line per event, columns aligned across the history:
 * `#id  previousEventId  timestamp  type  stateName  key=value ...`.
 */
export function formatHistoryText(events: readonly HistoryEvent[]): string {
  const rows = events.map((event) => {
    const { name, details } = eventDetails(event);
    return { id: `#${event.id}`, previous: String(event.previousEventId), event, name, details };
  });
  const width = (pick: (row: (typeof rows)[number]) => string): number =>
    rows.reduce((max, row) => Math.max(max, pick(row).length), 0);
  const idWidth = width((row) => row.id);
  const previousWidth = width((row) => row.previous);
  const typeWidth = width((row) => row.event.type);
  const nameWidth = width((row) => row.name);
  return rows
    .map((row) => {
      const columns = [
        row.id.padEnd(idWidth),
        row.previous.padStart(previousWidth),
        row.event.timestamp,
        row.event.type.padEnd(typeWidth),
        row.name.padEnd(nameWidth),
        row.details,
      ];
      return `${columns.join('  ').trimEnd()}\n`;
    })
    .join('');
}

/** The state (or iteration) name, and the rest of the details as `key=value` pairs. */
function eventDetails(event: HistoryEvent): { name: string; details: string } {
  let name = '';
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(event)) {
    if (ENVELOPE_KEYS.has(key) || !isRecord(value)) continue;
    for (const [field, fieldValue] of Object.entries(value)) {
      if (field === 'name' && typeof fieldValue === 'string') name = fieldValue;
      // `inputDetails: {truncated: false}` on every event is noise; a truncation is news.
      else if (field.endsWith('Details') && isRecord(fieldValue) && fieldValue.truncated === false) continue;
      else pairs.push(`${field}=${formatDetailValue(field, fieldValue)}`);
    }
  }
  return { name, details: pairs.join(' ') };
}

function formatDetailValue(field: string, value: unknown): string {
  if (typeof value !== 'string') return JSON.stringify(value) ?? String(value);
  if (PAYLOAD_KEYS.has(field) || BARE_STRING.test(value)) return value;
  // Quoted so that spaces and newlines in a cause cannot break the one-line-per-event layout.
  return JSON.stringify(value);
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `file:line:col code message`, or `file: code message at <pointer>` when there is no location. */
export function formatDiagnostic(file: string, diagnostic: Diagnostic): string {
  if (diagnostic.line !== undefined) {
    return `${file}:${diagnostic.line}:${diagnostic.column ?? 1} ${diagnostic.code} ${diagnostic.message}\n`;
  }
  return `${file}: ${diagnostic.code} ${diagnostic.message} at ${diagnostic.path || '/'}\n`;
}
