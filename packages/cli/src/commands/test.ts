/**
 * `aslkit test`: runs declarative case files (and Step Functions Local mock configs) with
 * @aslkit/node's case runner, reports as text, JSON or JUnit, and optionally measures
 * state-machine coverage against thresholds. Exit 1 when a case fails or a threshold is missed.
 */
import {
  checkThresholds,
  CoverageCollector,
  ErrorCode,
  formatCoverageText,
  formatThresholdFailure,
  parseThresholds,
  UsageError,
  type CoverageThresholds,
  type ThresholdFailure,
} from '@aslkit/core';
import {
  findCaseFiles,
  formatCaseReport,
  formatJsonReport,
  formatJunitReport,
  formatSummaryLine,
  runCaseFiles,
  writeCoverageFile,
  writeCoverageHtml,
  type CaseRunReport,
} from '@aslkit/node';
import { resolve } from 'node:path';
import { ExitCode, type CliIo, type Command, type FlagValues } from '../command.js';
import { loadInput } from '../load.js';
import { TEMPLATE_FLAGS, TEMPLATE_USAGE, templateOptions } from '../template-flags.js';

const usage = `Usage: aslkit test <files, folders or globs...> [options]

Runs declarative test cases against state machines offline and reports the results.

A case file names a definition and lists cases, each with an input, mocked task
responses (per state name or resource ARN, one per call, so one per Retry attempt)
and what must come out:
  { "definition": "order.asl.json",
    "cases": [ { "name": "happy path", "input": {...},
                 "mocks": { "Charge": [ { "return": {...} } ] },
                 "expect": { "output": {...}, "path": ["Validate", "Charge"] } } ] }
Mocks take "repeat": true (answer every further call) and a "*" key (answer every
Task nothing else answers); the format is in docs/reference/mocks.md. Also accepted:
an AWS Step Functions Local mock config (MockConfigFile.json): each of its test
cases runs as a case that must succeed, against <StateMachine>.asl.json (.asl.yaml,
.json) beside it or --definition, with the input of --input, else
<StateMachine>.<TestCase>.input.json or <StateMachine>.input.json beside it, else
{}. Case files and the input, mocks and mock-config files they name may be YAML
(.yaml, .yml). A folder means every *.test.{json,yaml,yml} file in it (and
*.cases.*, the deprecated array of cases beside <name>.asl.json); quote globs such
as 'cases/**/*.json'. Mock, handler and test-case keys that name no state or
resource are reported as warnings on stderr.

Options:
  --reporter <text|json|junit>   Report format on stdout (default: text)
  --coverage                     Measure which states, transitions, Choice rules,
                                 retriers, catchers, branches and ends the cases reached
  --coverage-threshold <list>    Fail when a machine's coverage is below a percent, e.g.
                                 states=100,transitions=90 (also: choices, retries,
                                 catches, branches, ends); implies --coverage
  --coverage-json <file>         Write the coverage report as JSON; implies --coverage
  --coverage-html <file>         Write an HTML page drawing each machine with its
                                 covered and uncovered states and edges; implies --coverage
  --definition <file>            The definition a mock config's state machine runs (for
                                 a mock config with one state machine)
  --input <file|json>            The input of every mock-config test case: inline JSON,
                                 or a JSON or YAML file
${TEMPLATE_USAGE}
  -h, --help                     Show this help

A case file's "definition" may name a template's machine: "template.yaml#OrderFlow",
"cdk.out#Stack/Flow"; then "handlers": "auto" runs the template's own functions, mocks
may name its resources by logical id, and "parameters" and "substitutions" fill it.

Exit codes: 0 every case passed; 1 a case failed or a threshold was missed;
2 usage error.
`;

export const testCommand: Command = {
  name: 'test',
  summary: 'Run declarative test cases and report coverage',
  usage,
  options: {
    reporter: { type: 'string' },
    coverage: { type: 'boolean' },
    'coverage-threshold': { type: 'string' },
    'coverage-json': { type: 'string' },
    'coverage-html': { type: 'string' },
    definition: { type: 'string' },
    input: { type: 'string' },
    ...TEMPLATE_FLAGS,
  },
  execute: runTests,
};

const REPORTERS = new Set(['text', 'json', 'junit']);

async function runTests(positionals: string[], flags: FlagValues, io: CliIo): Promise<ExitCode> {
  if (positionals.length === 0)
    throw new UsageError(ErrorCode.CliUsage, 'test needs at least one case file, folder or glob');
  const reporter = typeof flags.reporter === 'string' ? flags.reporter : 'text';
  if (!REPORTERS.has(reporter))
    throw new UsageError(ErrorCode.CliUsage, `--reporter must be text, json or junit, got '${reporter}'`);
  const thresholdText = typeof flags['coverage-threshold'] === 'string' ? flags['coverage-threshold'] : undefined;
  const thresholds: CoverageThresholds = thresholdText === undefined ? {} : parseThresholds(thresholdText);
  const coverageJson = typeof flags['coverage-json'] === 'string' ? flags['coverage-json'] : undefined;
  const coverageHtml = typeof flags['coverage-html'] === 'string' ? flags['coverage-html'] : undefined;
  const withCoverage =
    flags.coverage === true || thresholdText !== undefined || coverageJson !== undefined || coverageHtml !== undefined;

  const { files, unmatched } = findCaseFiles(positionals, io.cwd);
  if (unmatched.length > 0)
    throw new UsageError(ErrorCode.CliUsage, `no case files match ${unmatched.map((p) => `'${p}'`).join(', ')}`);

  const definition = typeof flags.definition === 'string' ? flags.definition : undefined;
  const input = typeof flags.input === 'string' ? loadInput(flags.input, io.cwd) : undefined;
  const progress = progressLine(io);
  const { cwd: _cwd, ...template } = templateOptions(flags, io.cwd);
  const report = await runCaseFiles(files, {
    cwd: io.cwd,
    template,
    mockConfig: { ...(definition === undefined ? {} : { definition }), ...(input === undefined ? {} : { input }) },
    ...(withCoverage ? { coverage: new CoverageCollector() } : {}),
    onCaseStart: (file, name, index, total) => progress.update(`[${index + 1}/${total}] ${file} › ${name}`),
  });
  progress.clear();
  for (const warning of report.warnings) io.stderr.write(`aslkit test: warning: ${warning}\n`);

  const thresholdFailures = report.coverage ? checkThresholds(report.coverage, thresholds) : [];
  if (coverageJson !== undefined && report.coverage) writeCoverageFile(resolve(io.cwd, coverageJson), report.coverage);
  if (coverageHtml !== undefined && report.coverage)
    await writeCoverageHtml(resolve(io.cwd, coverageHtml), report.coverage);
  if (reporter === 'json') io.stdout.write(formatJsonReport(report, thresholdFailures));
  else if (reporter === 'junit') {
    io.stdout.write(formatJunitReport(report, thresholdFailures));
    // stdout stays one XML document; the human-readable summary goes to stderr.
    io.stderr.write(textSummary(report, thresholdFailures, coverageHtml));
  } else io.stdout.write(`${formatCaseReport(report)}${textSummary(report, thresholdFailures, coverageHtml)}`);
  return report.failed > 0 || thresholdFailures.length > 0 ? ExitCode.ExecutionFailed : ExitCode.Success;
}

/** Coverage table, threshold failures, and the closing `N passed, M failed` line. */
function textSummary(report: CaseRunReport, thresholdFailures: readonly ThresholdFailure[], html?: string): string {
  let text = '';
  if (report.coverage) text += `\nState machine coverage\n${formatCoverageText(report.coverage)}`;
  if (report.coverage && html !== undefined) text += `HTML report: ${html}\n`;
  if (thresholdFailures.length > 0)
    text += `\n${thresholdFailures.map((f) => `✗ ${formatThresholdFailure(f)}\n`).join('')}`;
  return `${text}\n${formatSummaryLine(report)}`;
}

/** A status line on a terminal's stderr, rewritten in place at most ten times a second; nothing when not a terminal. */
function progressLine(io: CliIo): { update(text: string): void; clear(): void } {
  const stream = io.stderr as CliIo['stderr'] & { isTTY?: boolean; columns?: number };
  if (stream.isTTY !== true) return { update: () => undefined, clear: () => undefined };
  let shown = false;
  let last = 0;
  return {
    update(text) {
      const now = Date.now();
      if (shown && now - last < 100) return;
      last = now;
      shown = true;
      const width = Math.max(20, (stream.columns ?? 80) - 1);
      stream.write(`\r\u001b[2K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
    },
    clear() {
      if (shown) stream.write('\r\u001b[2K');
    },
  };
}
