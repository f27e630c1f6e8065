// One case set for every view of the history reader (hono runs one common case file against every
// router): fixtures/histories/<name>.history.json in, <name>.visits.json out. The reader, the
// viewer's fold and the trace (with coverage's Choice and Catch items) each show what they can of
// the same visits, and each must show exactly that. Adding a case means adding two files.
// UPDATE_HISTORY_CASES=1 writes the reader's view as the expected visits (review the diff).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildGraph,
  createHistoryFolder,
  importAwsHistory,
  traceExecution,
  type ExecutionTrace,
  type GraphModel,
  type HistoryEvent,
  type StateMachineDefinition,
} from '../src/index.js';
import { HistoryReader } from '../src/history/reader/history-reader.js';
import type { Chain } from '../src/history/reader/chains.js';
import type { Attempt, VisitRecord } from '../src/history/reader/visit-record.js';
import { countHits } from '../src/coverage/count-hits.js';

interface HistoryFile {
  /** The machine, relative to fixtures/. */
  definition: string;
  /** Where the events come from: an aslkit run (which fixture, input, mocks) or AWS. */
  recorded: string;
  /** `GetExecutionHistory`: AWS's shape, read through importAwsHistory. */
  format?: 'GetExecutionHistory';
  events: unknown[];
}

interface CaseAttempt {
  failed?: true;
  error?: string;
  cause?: string;
  /** The event that says it failed, when one does. */
  event?: number;
}

interface CaseVisit {
  state: string;
  /** The chain, as the path of Parallel branches (`Fulfil[1]`) and Map iterations (`Lines#0`) it runs in; `''` at the top. */
  chain: string;
  entered: number;
  exited?: number;
  status: string;
  attempts: CaseAttempt[];
  next?: string;
  /** How it led to `next`: `next`, `rule 2`, `default`, `catch 0`. */
  via?: string;
}

interface CaseFile {
  execution: { status: string; error?: string; cause?: string };
  visits: CaseVisit[];
}

const fixtures = join(import.meta.dirname, '..', '..', '..', 'fixtures');
const histories = join(fixtures, 'histories');
const names = readdirSync(histories)
  .filter((file) => file.endsWith('.history.json'))
  .map((file) => file.slice(0, -'.history.json'.length))
  .sort();

function load(name: string) {
  const file = JSON.parse(readFileSync(join(histories, `${name}.history.json`), 'utf8')) as HistoryFile;
  const definition = JSON.parse(readFileSync(join(fixtures, file.definition), 'utf8')) as StateMachineDefinition;
  const events =
    file.format === 'GetExecutionHistory' ? importAwsHistory(file.events) : (file.events as HistoryEvent[]);
  const expectedPath = join(histories, `${name}.visits.json`);
  const expected = existsSync(expectedPath) ? (JSON.parse(readFileSync(expectedPath, 'utf8')) as CaseFile) : undefined;
  return { definition, events, model: buildGraph(definition), expected, expectedPath };
}

const defined = <T extends object>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;

// ---- The reader: everything.

function chainPath(chain: Chain): string {
  if (!chain.parent) return '';
  const outer = chainPath(chain.parent.chain);
  const own = `${chain.parent.name}${chain.kind === 'branch' ? `[${chain.branch}]` : `#${chain.iteration ?? '?'}`}`;
  return outer ? `${outer}/${own}` : own;
}

const caseAttempt = ({ failure }: Attempt): CaseAttempt =>
  failure ? defined({ failed: true, error: failure.error, cause: failure.cause, event: failure.eventId }) : {};

function via(record: VisitRecord): string | undefined {
  if (!record.next) return undefined;
  if (record.status === 'caught') return `catch ${record.catcher ?? '?'}`;
  if (record.type !== 'Choice') return 'next';
  return record.rule === 'default' ? 'default' : `rule ${record.rule ?? '?'}`;
}

async function readerView({ definition, events, model }: ReturnType<typeof load>): Promise<CaseFile> {
  const queryLanguage = definition.QueryLanguage === 'JSONata' ? 'JSONata' : 'JSONPath';
  const reader = new HistoryReader({ model, queryLanguage, choiceRules: true });
  for (const event of events) reader.apply(event);
  await reader.settled();
  return {
    execution: defined({ status: reader.status, error: reader.error, cause: reader.cause }),
    visits: reader.visits.map((record) =>
      defined({
        state: record.name,
        chain: chainPath(record.chain),
        entered: record.enteredEventId,
        exited: record.exitedEventId,
        status: record.status,
        attempts: record.attempts.map(caseAttempt),
        next: record.next?.name,
        via: via(record),
      }),
    ),
  };
}

// ---- The fold: visits per node with their innermost branch and iteration, edges taken.

/** The innermost Map iteration and Parallel branch of a chain path. */
function innermost(chain: string): { mapIndex?: number; branchIndex?: number } {
  const segments = chain.split('/').reverse();
  const last = (pattern: RegExp) => {
    for (const segment of segments) {
      const match = pattern.exec(segment);
      if (match) return Number(match[1]);
    }
    return undefined;
  };
  return defined({ mapIndex: last(/#(\d+)$/), branchIndex: last(/\[(\d+)\]$/) });
}

function edgeOf(model: GraphModel, visit: CaseVisit): string | undefined {
  const [kind, index] = (visit.via ?? '').split(' ');
  const suffix = kind === 'rule' ? `choice:${index}` : kind === 'catch' ? `catch:${index}` : kind;
  const id = `${model.nodeIdsByStateName[visit.state]}:${suffix}`;
  return model.edges.some((edge) => edge.id === id) ? id : undefined;
}

function foldExpected(expected: CaseFile, model: GraphModel) {
  const edges: Record<string, number> = {};
  for (const visit of expected.visits) {
    const edge = edgeOf(model, visit);
    if (edge) edges[edge] = (edges[edge] ?? 0) + 1;
  }
  const visits = expected.visits.map((visit) => {
    const last = visit.attempts[visit.attempts.length - 1];
    return defined({
      state: visit.state,
      entered: visit.entered,
      exited: visit.exited,
      status: visit.status,
      retries: visit.attempts.length - 1,
      error: last?.error,
      cause: last?.cause,
      failureEvents: visit.attempts.flatMap((attempt) => (attempt.event === undefined ? [] : [attempt.event])),
      ...innermost(visit.chain),
    });
  });
  return { execution: expected.execution, visits, edges };
}

async function foldView({ events, model }: ReturnType<typeof load>) {
  const folder = createHistoryFolder(model);
  for (const event of events) folder.apply(event);
  await folder.settled();
  const snapshot = folder.snapshot();
  const visits = Object.values(snapshot.visits)
    .flat()
    .sort((a, b) => a.enteredEventId - b.enteredEventId)
    .map((visit) =>
      defined({
        state: visit.stateName,
        entered: visit.enteredEventId,
        exited: visit.exitedEventId,
        status: visit.status,
        retries: visit.retries,
        error: visit.error,
        cause: visit.cause,
        failureEvents: (visit.failures ?? []).map((failure) => failure.eventId),
        mapIndex: visit.mapIndex,
        branchIndex: visit.branchIndex,
      }),
    );
  // Start and End markers are the fold's own; transitions between states are the visits'.
  const edges = Object.fromEntries(
    Object.entries(snapshot.edgesTaken).filter(([id]) => !id.startsWith('__start__:') && !id.endsWith(':end')),
  );
  return {
    execution: defined({ status: snapshot.status, error: snapshot.error, cause: snapshot.cause }),
    visits,
    edges,
  };
}

// ---- The trace: visits with their chains, attempts and next state; coverage's Choice and Catch hits.

function traceExpected(expected: CaseFile) {
  const hits: Record<string, number> = {};
  for (const visit of expected.visits) {
    const [kind, index] = (visit.via ?? '').split(' ');
    const id =
      kind === 'rule' || kind === 'default'
        ? `choice:${visit.state}#${index ?? 'default'}`
        : kind === 'catch'
          ? `catch:${visit.state}#${index}`
          : undefined;
    if (id) hits[id] = (hits[id] ?? 0) + 1;
  }
  const visits = expected.visits.map(({ exited: _exited, via: _via, attempts, ...visit }) => ({
    ...visit,
    attempts: attempts.map(({ event: _event, ...attempt }) => attempt),
  }));
  return { visits, hits };
}

function tracePath(trace: ExecutionTrace, id: number): string {
  const chain = trace.chains[id]!;
  if (chain.owner === undefined) return '';
  const owner = trace.visits[chain.owner]!;
  const own = `${owner.name}${chain.kind === 'branch' ? `[${chain.branch}]` : `#${chain.iteration ?? '?'}`}`;
  const outer = tracePath(trace, owner.chain);
  return outer ? `${outer}/${own}` : own;
}

async function traceView({ definition, events }: ReturnType<typeof load>) {
  const trace = traceExecution(events, definition);
  const visits = trace.visits.map((visit) =>
    defined({
      state: visit.name,
      chain: tracePath(trace, visit.chain),
      entered: visit.eventId,
      status: visit.status,
      attempts: visit.attempts.map(({ failed, error, cause }) =>
        failed ? defined({ failed: true as const, error, cause }) : {},
      ),
      next: visit.next,
    }),
  );
  const hits = Object.fromEntries(
    [...(await countHits(definition, trace))].filter(([id]) => id.startsWith('choice:') || id.startsWith('catch:')),
  );
  return { visits, hits };
}

describe.each(names)('%s', (name) => {
  const history = load(name);

  it('the reader reads the visits of <name>.visits.json', async () => {
    const view = await readerView(history);
    if (process.env['UPDATE_HISTORY_CASES']) {
      const lines = view.visits.map((visit) => `    ${JSON.stringify(visit)}`);
      const text = `{\n  "execution": ${JSON.stringify(view.execution)},\n  "visits": [\n${lines.join(',\n')}\n  ]\n}\n`;
      writeFileSync(history.expectedPath, text);
      return;
    }
    expect(history.expected, `${name}.visits.json (UPDATE_HISTORY_CASES=1 writes it)`).toBeDefined();
    expect(view).toEqual(history.expected);
  });

  it("the viewer's fold shows them: statuses, errors, retries, branch and iteration, edges", async () => {
    if (!history.expected) return;
    expect(await foldView(history)).toEqual(foldExpected(history.expected, history.model));
  });

  it('the trace and coverage show them: chains, attempts, next states, Choice rules and catchers', async () => {
    if (!history.expected) return;
    expect(await traceView(history)).toEqual(traceExpected(history.expected));
  });
});
