/**
 * `npm run bench:service`: aslkit serve's StartExecution and completion throughput for a
 * 5-state machine (Pass, Choice, Task answered by an in-process handler, Pass, Succeed), through
 * the AWS JSON 1.0 API over loopback HTTP with keep-alive, as an SDK would send it (unsigned:
 * the service does not check signatures, and this measures the service, not the client).
 *
 * Flags: `--executions n` (default 2000), `--concurrency n` requests in flight (default 32),
 * `--reps n` (default 3; the median is reported), `--json file` (every rep).
 */
import { writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startService, type RunningService } from '@aslkit/service';
import { median as medianOf } from '../stats.js';
import { percentile } from './percentile.js';

const { values } = parseArgs({
  options: {
    executions: { type: 'string', default: '2000' },
    concurrency: { type: 'string', default: '32' },
    reps: { type: 'string', default: '3' },
    json: { type: 'string' },
  },
  strict: true,
});
const positive = (name: string, text: string): number => {
  const value = Number(text);
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got ${text}`);
  return value;
};
const executions = positive('executions', values.executions);
const concurrency = positive('concurrency', values.concurrency);
const reps = positive('reps', values.reps);

const HANDLER = 'arn:aws:lambda:us-east-1:123456789012:function:score';
const FIVE_STATES = {
  StartAt: 'Prepare',
  States: {
    Prepare: { Type: 'Pass', Parameters: { 'n.$': '$.n', 'kind.$': '$.kind' }, Next: 'Route' },
    Route: {
      Type: 'Choice',
      Choices: [{ Variable: '$.kind', StringEquals: 'order', Next: 'Score' }],
      Default: 'Score',
    },
    Score: { Type: 'Task', Resource: HANDLER, ResultPath: '$.score', Next: 'Shape' },
    Shape: { Type: 'Pass', Parameters: { 'n.$': '$.n', 'score.$': '$.score' }, Next: 'Done' },
    Done: { Type: 'Succeed' },
  },
};

const agent = new Agent({ keepAlive: true, maxSockets: concurrency });

function call(url: string, operation: string, body: object): Promise<Record<string, unknown>> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': `AWSStepFunctions.${operation}`,
          'content-length': Buffer.byteLength(text),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => {
          const json = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
          if (response.statusCode === 200) resolve(json);
          else reject(new Error(`${operation}: ${response.statusCode} ${JSON.stringify(json)}`));
        });
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

interface Rep {
  executions: number;
  startSeconds: number;
  completeSeconds: number;
  startsPerSecond: number;
  completionsPerSecond: number;
  startLatencyP50Ms: number;
  startLatencyP99Ms: number;
}

async function rep(service: RunningService, index: number): Promise<Rep> {
  const { stateMachineArn } = await call(service.url, 'CreateStateMachine', {
    name: `Five${index}`,
    definition: JSON.stringify(FIVE_STATES),
    roleArn: 'arn:aws:iam::123456789012:role/bench',
  });
  const latencies: number[] = [];
  const began = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < executions) {
      const i = next++;
      const sent = performance.now();
      await call(service.url, 'StartExecution', { stateMachineArn, input: JSON.stringify({ n: i, kind: 'order' }) });
      latencies.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const startSeconds = (performance.now() - began) / 1000;
  for (;;) {
    const running = await call(service.url, 'ListExecutions', {
      stateMachineArn,
      statusFilter: 'RUNNING',
      maxResults: 1,
    });
    if ((running['executions'] as unknown[]).length === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const completeSeconds = (performance.now() - began) / 1000;
  const succeeded = service.store.listExecutions(stateMachineArn as string).filter((e) => e.status === 'SUCCEEDED');
  if (succeeded.length !== executions) throw new Error(`${succeeded.length} of ${executions} succeeded`);
  latencies.sort((a, b) => a - b);
  return {
    executions,
    startSeconds,
    completeSeconds,
    startsPerSecond: executions / startSeconds,
    completionsPerSecond: executions / completeSeconds,
    startLatencyP50Ms: percentile(latencies, 0.5),
    startLatencyP99Ms: percentile(latencies, 0.99),
  };
}

const service = await startService({
  port: 0,
  resolvers: { [HANDLER]: (input) => ({ value: (input as { n: number }).n % 7 }) },
});
const results: Rep[] = [];
try {
  for (let i = 0; i < reps; i++) {
    const result = await rep(service, i);
    results.push(result);
    process.stderr.write(
      `rep ${i + 1}: ${result.startsPerSecond.toFixed(0)} starts/s, ${result.completionsPerSecond.toFixed(0)} completions/s\n`,
    );
  }
} finally {
  agent.destroy();
  await service.close();
}
const median = (pick: (rep: Rep) => number) => medianOf(results.map(pick));
const lines = [
  `aslkit serve, 5-state machine, ${executions} executions, ${concurrency} requests in flight, median of ${reps}`,
  `  StartExecution:        ${median((r) => r.startsPerSecond).toFixed(0)} /s (latency p50 ${median((r) => r.startLatencyP50Ms).toFixed(1)} ms, p99 ${median((r) => r.startLatencyP99Ms).toFixed(1)} ms)`,
  `  start + completion:    ${median((r) => r.completionsPerSecond).toFixed(0)} executions/s`,
  `  node ${process.version}, load average ${loadavg()[0]!.toFixed(2)}`,
];
process.stdout.write(`${lines.join('\n')}\n`);
if (values.json) writeFileSync(values.json, JSON.stringify(results, null, 2));
