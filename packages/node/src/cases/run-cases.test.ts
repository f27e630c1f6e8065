import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CoverageCollector, formatCoverageText } from '@aslkit/core';
import { runCaseFiles } from './run-cases.js';
import { formatCaseReport, formatSummaryLine } from './text-reporter.js';
import type { CaseFileSpec } from './case-file.js';

const repo = resolve(import.meta.dirname, '..', '..', '..', '..');
const fixture = join(repo, 'fixtures', 'testing', 'order-processing.test.json');
const fixtureSpec = JSON.parse(readFileSync(fixture, 'utf8')) as CaseFileSpec;

const dirs: string[] = [];
afterAll(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
/** A temp folder with `files` (objects written as JSON); returns its path. */
function folder(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'aslkit-cases-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content));
  return dir;
}

/** The example's case file with absolute paths, so a copy can live in a temp folder. */
const exampleSpec = (cases = fixtureSpec.cases): CaseFileSpec => ({
  ...fixtureSpec,
  definition: join(repo, 'fixtures', 'testing', fixtureSpec.definition),
  handlers: { 'validate-order': join(repo, 'fixtures', 'testing', 'handlers', 'validate-order.mjs#validateOrder') },
  cases,
});

describe('runCaseFiles on the order-processing example', () => {
  it('passes every case and covers every item', async () => {
    const coverage = new CoverageCollector();
    const report = await runCaseFiles([fixture], { coverage, cwd: repo });
    expect(report.results.map((r) => [r.name, r.status, r.error, r.failures])).toEqual(
      fixtureSpec.cases.map((c) => [c.name, 'passed', undefined, []]),
    );
    expect(report).toMatchObject({ passed: 7, failed: 0, skipped: 0, fileErrors: [] });
    const machine = report.coverage!.machines[0]!;
    expect(machine.label).toBe('fixtures/testing/order-processing.asl.json');
    expect(machine.executions).toBe(7);
    expect(machine.items.filter((item) => item.hits === 0)).toEqual([]);
  });

  it('shows the Parallel catch-all as uncovered until the payment-outage case is added', async () => {
    const withoutLast = folder({ 'cases.test.json': exampleSpec(fixtureSpec.cases.slice(0, -1)) });
    const partial = await runCaseFiles([join(withoutLast, 'cases.test.json')], { coverage: new CoverageCollector() });
    expect(partial.passed).toBe(6);
    const before = formatCoverageText(partial.coverage!);
    expect(before).toContain('catch       ProcessOrder Catch[1] [States.ALL] → ParkOrder');
    expect(before).toContain('transition  ProcessOrder → ParkOrder');
    expect(before).toContain('state       ParkOrder (Pass)');
    expect(partial.coverage!.machines[0]!.items.filter((item) => item.hits === 0).map((item) => item.id)).toEqual([
      'catch:ProcessOrder#1',
      'state:ParkOrder',
      'transition:ProcessOrder->ParkOrder',
    ]);

    const all = folder({ 'cases.test.json': exampleSpec() });
    const full = await runCaseFiles([join(all, 'cases.test.json')], { coverage: new CoverageCollector() });
    expect(full.passed).toBe(7);
    const after = formatCoverageText(full.coverage!);
    expect(after).not.toContain('Uncovered');
    expect(full.coverage!.machines[0]!.items.find((item) => item.id === 'catch:ProcessOrder#1')?.hits).toBe(1);
  });

  it('reports every missed expectation with diffs, and the run that missed them', async () => {
    const [standard, , , rejected] = fixtureSpec.cases;
    const wrong = [
      {
        ...standard!,
        expect: {
          output: { ...(standard!.expect.output as object), chargeId: 'ch-9' },
          path: ['ValidateOrder', 'Summarize'],
        },
      },
      { ...rejected!, expect: { error: 'OrderCancelled', cause: 'nope' } },
      { ...rejected!, name: 'expects success', expect: { status: 'SUCCEEDED' as const } },
    ];
    const dir = folder({ 'wrong.test.json': exampleSpec(wrong) });
    const report = await runCaseFiles([join(dir, 'wrong.test.json')], { cwd: dir });
    expect(report).toMatchObject({ passed: 0, failed: 3 });
    const [output, error, status] = report.results;
    expect(output!.failures.map((f) => f.field)).toEqual(['output', 'path']);
    expect(output!.failures[0]!.diff).toContain('-   "chargeId": "ch-9",\n+   "chargeId": "ch-1",');
    expect(error!.failures.map((f) => f.message)).toEqual([
      'expected error "OrderCancelled", got "OrderRejected"',
      expect.stringMatching(/^expected cause "nope", got "\{\\"errorMessage\\"/),
    ]);
    expect(status!.failures.map((f) => f.message)).toEqual(['expected status SUCCEEDED, got FAILED']);

    const text = formatCaseReport(report);
    expect(text).toContain('wrong.test.json\n  ✗ a standard order is reserved, charged and shipped\n');
    expect(text).toContain(
      '✗ wrong.test.json › a standard order is reserved, charged and shipped\n  the output differs\n    - Expected\n    + Actual\n',
    );
    expect(text).toContain(
      '  Path: ValidateOrder → RouteOrder → ProcessOrder {ReserveItems {2× ReserveItem} | ChargeCard} → ShipOrder → Summarize → OrderShipped',
    );
    expect(text).toContain('  Path: ValidateOrder [caught InvalidOrder] → RejectOrder [failed: OrderRejected]');
    expect(formatSummaryLine(report)).toBe('0 passed, 3 failed\n');
  });
});

describe('runCaseFiles with other inputs', () => {
  it('runs a fixture with a case that takes its mocks from a file', async () => {
    const report = await runCaseFiles(['fixtures/examples/order-pipeline.test.json'], { cwd: repo });
    expect(report).toMatchObject({ passed: 3, failed: 0, warnings: [] });
    expect(report.results[0]!.file).toBe('fixtures/examples/order-pipeline.test.json');
  });

  it('reports files that cannot be loaded and runs the others', async () => {
    const dir = folder({
      'ok.test.json': {
        definition: 'm.asl.json',
        cases: [
          { name: 'fine', skip: true, expect: {} },
          { name: 'runs', expect: { output: {} } },
        ],
      },
      'm.asl.json': { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
      'bad.json': '{ nope',
      'list.json': [],
      'broken.test.json': { definition: 'broken.asl.json', cases: [{ name: 'x', expect: {} }] },
      'broken.asl.json': { StartAt: 'Missing', States: {} },
      'handlers.test.json': {
        definition: 'm.asl.json',
        handlers: { f: './nowhere.mjs#f' },
        cases: [{ name: 'x', expect: {} }],
      },
    });
    const files = ['ok.test.json', 'bad.json', 'list.json', 'broken.test.json', 'missing.json', 'handlers.test.json'];
    const report = await runCaseFiles(files, { cwd: dir });
    expect(report.results.map((r) => [r.name, r.status])).toEqual([
      ['fine', 'skipped'],
      ['runs', 'passed'],
    ]);
    expect(report).toMatchObject({ passed: 1, failed: 5, skipped: 1 });
    const messages = Object.fromEntries(report.fileErrors.map((e) => [e.file, e.message]));
    expect(messages['bad.json']).toMatch(/^bad\.json:1:3: invalid JSON: expected a property name/);
    expect(messages['list.json']).toBe(
      'list.json: an array of cases must be named <name>.cases.json (or .cases.yaml), beside <name>.asl.json',
    );
    expect(messages['broken.test.json']).toMatch(/^broken\.asl\.json: Invalid state machine definition/);
    expect(messages['missing.json']).toBe('case file not found: missing.json');
    expect(messages['handlers.test.json']).toContain('cannot load ./nowhere.mjs');
    expect(formatSummaryLine(report)).toBe('1 passed, 5 failed, 1 skipped\n');
  });

  it('names the case file\'s "mocks" and the keys it has when a Task has no response (a misspelt state shows)', async () => {
    const dir = folder({
      'm.asl.json': {
        StartAt: 'Load',
        States: { Load: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:getItem', End: true } },
      },
      'm.test.json': {
        definition: 'm.asl.json',
        cases: [
          { name: 'typo', mocks: { Lod: [{ return: {} }] }, expect: { output: {} } },
          { name: 'none', expect: { output: {} } },
        ],
      },
    });
    const report = await runCaseFiles(['m.test.json'], { cwd: dir });
    for (const result of report.results) {
      expect(result.run?.cause).toContain(`No answer for Task 'Load' ('arn:aws:states:::dynamodb:getItem')`);
      expect(result.run?.cause).toContain(`the case's "mocks"`);
    }
    // The misspelt key is reported with the state it was probably meant for.
    expect(report.warnings.join('\n')).toMatch(/'Lod'.*'Load'/);
  });

  it('runs a Step Functions Local mock config directly, and by test case from a case file', async () => {
    const definition = {
      StartAt: 'Charge',
      States: {
        Charge: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:charge', End: true },
      },
    };
    const config = {
      StateMachines: { Orders: { TestCases: { HappyPath: { Charge: 'Charged' }, Declined: { Charge: 'Refused' } } } },
      MockedResponses: {
        Charged: { '0': { Return: { ok: true } } },
        Refused: { '0': { Throw: { Error: 'Card.Declined', Cause: 'no funds' } } },
      },
    };
    const dir = folder({
      'Orders.asl.json': definition,
      'MockConfigFile.json': config,
      'orders.test.json': {
        definition: 'Orders.asl.json',
        mockConfig: 'MockConfigFile.json',
        cases: [
          { name: 'happy', mockConfigTestCase: 'HappyPath', expect: { output: { ok: true } } },
          { name: 'declined', mockConfigTestCase: 'Declined', expect: { error: 'Card.Declined', cause: 'no funds' } },
        ],
      },
    });
    const direct = await runCaseFiles(['MockConfigFile.json'], { cwd: dir });
    expect(direct.results.map((r) => [r.file, r.name, r.status])).toEqual([
      ['MockConfigFile.json › Orders', 'HappyPath', 'passed'],
      ['MockConfigFile.json › Orders', 'Declined', 'failed'],
    ]);
    expect(direct.results[1]!.failures[0]!.message).toBe('expected status SUCCEEDED, got FAILED');
    const viaCases = await runCaseFiles(['orders.test.json'], { cwd: dir });
    expect(viaCases).toMatchObject({ passed: 2, failed: 0 });
  });

  it('tells progress listeners where it is, and times each case', async () => {
    const seen: string[] = [];
    let clock = 0;
    const report = await runCaseFiles([fixture], {
      cwd: repo,
      now: () => (clock += 5),
      onCaseStart: (file, name, index, total) => seen.push(`${index + 1}/${total} ${file} › ${name}`),
    });
    expect(seen[0]).toBe(
      '1/7 fixtures/testing/order-processing.test.json › a standard order is reserved, charged and shipped',
    );
    expect(seen).toHaveLength(7);
    expect(report.results.every((r) => r.durationMs === 5)).toBe(true);
  });
});

describe('a Task nothing answers', () => {
  it('fails naming the case-file fields that would answer it, not the library options', async () => {
    const dir = folder({
      'm.asl.json': {
        StartAt: 'Charge',
        States: { Charge: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } },
      },
      'm.test.json': { definition: 'm.asl.json', cases: [{ name: 'unmocked', expect: {} }] },
    });
    const [result] = (await runCaseFiles(['m.test.json'], { cwd: dir })).results;
    expect(result!.run!.error).toBe('States.Runtime');
    expect(result!.run!.cause).toContain(
      `No answer for Task 'Charge' ('arn:aws:states:::lambda:invoke'). Give it responses in the case's "mocks" (key 'Charge', 'arn:aws:states:::lambda:invoke' or '*'; see docs/reference/mocks.md) or a "mockConfig" test case, or run the function locally with "handlers".`,
    );
    expect(result!.run!.cause).not.toContain("'resolvers' option");
  });
});

describe('warnings for keys that name nothing', () => {
  it('reports mocks, case mocks, handlers and mock-config keys with the closest name', async () => {
    const definition = {
      StartAt: 'Charge',
      States: {
        Charge: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:charge', End: true },
      },
    };
    const dir = folder({
      'm.asl.json': definition,
      'h.mjs': 'export const charge = async () => ({ ok: true });',
      'config.json': {
        StateMachines: { M: { TestCases: { Happy: { Chargee: 'Ok' } } } },
        MockedResponses: { Ok: { '0': { Return: { ok: true } } } },
      },
      'm.test.json': {
        definition: 'm.asl.json',
        mocks: { Chrage: [{ return: 1 }] },
        handlers: { charg: './h.mjs#charge', charge: './h.mjs#charge' },
        mockConfig: 'config.json',
        cases: [
          {
            name: 'one',
            mocks: { '*': [{ return: 1, repeat: true }], Shipp: [] },
            mockConfigTestCase: 'Happy',
            expect: {},
          },
        ],
      },
    });
    const report = await runCaseFiles(['m.test.json'], { cwd: dir });
    expect(report.warnings).toEqual([
      "m.test.json: mocks key 'Chrage' matches no state or resource; did you mean 'Charge'?",
      "m.test.json: handlers key 'charg' matches no Lambda function of the definition; did you mean 'charge'?",
      "m.test.json › one: mocks key 'Shipp' matches no state or resource",
      "m.test.json › one: test case 'Happy' key 'Chargee' matches no state; did you mean 'Charge'?",
    ]);
    expect(report.passed).toBe(1);
  });
});

describe('YAML case files', () => {
  const machine = {
    StartAt: 'Greet',
    States: { Greet: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:123456789012:function:greet', End: true } },
  };

  it('runs a YAML case file whose input and mocks files are YAML too', async () => {
    const dir = folder({
      'greet.asl.json': machine,
      'greet.test.yaml': [
        'definition: greet.asl.json',
        'cases:',
        '  - name: hello',
        '    inputFile: hello.input.yml',
        '    mocksFile: hello.mocks.yaml',
        '    expect:',
        '      output: { greeting: hi Ada }',
        '  - name: expected to fail',
        '    input: { who: Bob }',
        '    mocks: { Greet: [{ return: { greeting: hi Bob } }] }',
        '    expect: { output: { greeting: hello Bob } }',
      ].join('\n'),
      'hello.input.yml': 'who: Ada\n',
      'hello.mocks.yaml': 'Greet:\n  - return:\n      greeting: hi Ada\n',
    });
    const report = await runCaseFiles([join(dir, 'greet.test.yaml')], { cwd: dir });
    expect(report.results.map((r) => [r.name, r.status])).toEqual([
      ['hello', 'passed'],
      ['expected to fail', 'failed'],
    ]);
  });

  it('still takes the deprecated array of cases from <name>.cases.yaml beside <name>.asl.json, with a warning', async () => {
    const dir = folder({
      'greet.asl.json': machine,
      'greet.cases.yaml': '- name: one\n  mocks: { Greet: [{ return: 1 }] }\n  expect: { output: 1 }\n',
    });
    const report = await runCaseFiles([join(dir, 'greet.cases.yaml')], { cwd: dir });
    expect(report).toMatchObject({ passed: 1, failed: 0, fileErrors: [] });
    expect(report.warnings).toEqual([
      'greet.cases.yaml: an array of cases is deprecated; write {"definition": "greet.asl.json", "cases": [...]} in a <name>.test.json file instead',
    ]);
  });

  it('reports malformed YAML and repeated keys with the file, line and column', async () => {
    const dir = folder({
      'bad.test.yaml': 'definition: x.asl.json\ncases: [\n',
      'twice.test.yml': 'definition: a\ndefinition: b\ncases: []\n',
    });
    const report = await runCaseFiles([join(dir, 'bad.test.yaml'), join(dir, 'twice.test.yml')], { cwd: dir });
    expect(report.fileErrors.map((e) => String((e as { message?: string }).message ?? e))).toEqual([
      expect.stringMatching(/^bad\.test\.yaml:\d+:\d+: invalid YAML \(/),
      expect.stringMatching(/^twice\.test\.yml:2:1: invalid YAML \(Map keys must be unique/),
    ]);
  });
});

describe('YAML definitions', () => {
  it('runs cases against a <name>.asl.yaml definition, and locates its diagnostics in the YAML', async () => {
    const dir = folder({
      'greet.asl.yaml': 'StartAt: Greet\nStates:\n  Greet:\n    Type: Pass\n    Result: hi\n    End: true\n',
      'greet.test.yaml': 'definition: greet.asl.yaml\ncases:\n  - name: one\n    expect: { output: hi }\n',
      'broken.asl.yml': 'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: Nowhere\n',
      'broken.test.yaml': 'definition: broken.asl.yml\ncases: [{ name: never, expect: { output: 1 } }]\n',
    });
    const report = await runCaseFiles([join(dir, 'greet.test.yaml'), join(dir, 'broken.test.yaml')], { cwd: dir });
    expect(report.results.map((r) => [r.name, r.status])).toEqual([['one', 'passed']]);
    expect(report.fileErrors.map((e) => e.message)).toEqual([
      expect.stringMatching(/^broken\.asl\.yml: .*5:5.*Missing 'Next' target: Nowhere/s),
    ]);
  });
});

describe('validateMocks in a case file', () => {
  const definition = {
    StartAt: 'Notify',
    States: {
      Notify: { Type: 'Task', Resource: 'arn:aws:states:::events:putEvents', Parameters: { Entries: [] }, End: true },
    },
  };
  const spec = (validateMocks: unknown, entries: unknown) => ({
    definition: 'machine.json',
    ...(validateMocks === undefined ? {} : { validateMocks }),
    cases: [{ name: 'sent', mocks: { Notify: [{ return: { Entries: entries } }] }, expect: { status: 'SUCCEEDED' } }],
  });

  it('refuses a mock the API could not return, naming the case, key and field', async () => {
    const dir = folder({ 'machine.json': definition, 'bad.test.json': spec('STRICT', 'none') });
    const report = await runCaseFiles([join(dir, 'bad.test.json')], { cwd: dir });
    expect(report.fileErrors.map((e) => e.message)).toEqual([
      "bad.test.json › sent: mocks key 'Notify' response 0 (state 'Notify'): Mock result schema validation error: Field 'Entries' must be an array",
    ]);
  });

  it('runs the same case when the mock fits, or when validation is off (the default)', async () => {
    const dir = folder({
      'machine.json': definition,
      'good.test.json': spec('PRESENT', [{ EventId: 'e1' }]),
      'off.test.json': spec(undefined, 'none'),
    });
    const report = await runCaseFiles([join(dir, 'good.test.json'), join(dir, 'off.test.json')], { cwd: dir });
    expect(report).toMatchObject({ passed: 2, failed: 0, fileErrors: [] });
  });
});
