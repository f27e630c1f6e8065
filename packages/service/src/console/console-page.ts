/**
 * The console's page (`GET /`): the state machines and their executions (status, start,
 * duration), newest first, each with a link to the viewer and to its history as AWS's JSON.
 * Plain server-rendered HTML that reloads itself every few seconds while anything runs.
 */
import type { ExecutionRecord, MachineRecord } from '../store/service-store.js';

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function duration(record: ExecutionRecord, now: number): string {
  const ms = (record.stopDate ?? now) - record.startDate;
  if (ms < 1000) return `${ms} ms`;
  if (ms < 120_000) return `${(ms / 1000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

export interface ConsoleData {
  machines: readonly MachineRecord[];
  executions: readonly ExecutionRecord[];
  /** Whether the console can open the viewer (the CLI ships it). */
  viewer: boolean;
  durable: boolean;
  now: number;
}

/** How many executions the page shows (the newest). */
export const CONSOLE_EXECUTIONS = 500;

export function consolePage({ machines, executions, viewer, durable, now }: ConsoleData): string {
  const running = executions.some((record) => record.status === 'RUNNING');
  const shown = executions.slice(-CONSOLE_EXECUTIONS).reverse();
  const link = (path: string, arn: string, text: string) =>
    `<a href="${path}?executionArn=${encodeURIComponent(arn)}">${text}</a>`;
  const machineRows = machines
    .map(
      (m) =>
        `<tr><td>${escape(m.name)}</td><td>${m.type}</td><td>${new Date(m.creationDate).toISOString()}</td><td><code>${escape(m.arn)}</code></td></tr>`,
    )
    .join('');
  const executionRows = shown
    .map(
      (e) =>
        `<tr class="${e.status}"><td>${escape(e.name)}</td><td>${escape(e.machineArn.split(':')[6] ?? '')}</td><td>${e.status}</td>` +
        `<td>${new Date(e.startDate).toISOString()}</td><td>${duration(e, now)}</td>` +
        `<td>${viewer ? link('/console/view', e.arn, 'view') + ' · ' : ''}${link('/console/history', e.arn, 'history JSON')}</td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>aslkit serve</title>
${running ? '<meta http-equiv="refresh" content="3">' : ''}
<style>
body{font:14px system-ui,sans-serif;margin:2rem;color:#1f2933}
table{border-collapse:collapse;margin-bottom:2rem}td,th{padding:.3rem .8rem;border-bottom:1px solid #e4e7eb;text-align:left}
.RUNNING td:nth-child(3){color:#2563eb}.SUCCEEDED td:nth-child(3){color:#15803d}
.FAILED td:nth-child(3),.TIMED_OUT td:nth-child(3),.ABORTED td:nth-child(3){color:#b91c1c}
code{font-size:12px;color:#52606d}
</style></head><body>
<h1>aslkit serve</h1>
<p>A local AWS Step Functions endpoint. Storage: ${durable ? 'durable' : 'in memory (gone when the service stops)'}.</p>
<h2>State machines (${machines.length})</h2>
<table><tr><th>Name</th><th>Type</th><th>Created</th><th>ARN</th></tr>${machineRows}</table>
<h2>Executions (${executions.length}${executions.length > shown.length ? `, newest ${shown.length} shown` : ''})</h2>
<table><tr><th>Name</th><th>State machine</th><th>Status</th><th>Started</th><th>Duration</th><th></th></tr>${executionRows}</table>
</body></html>`;
}
