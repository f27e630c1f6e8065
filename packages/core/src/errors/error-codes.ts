/**
 * The one catalogue of the codes carried by errors thrown to the host program (`AslkitError`
 * and its subclasses), for every aslkit package: match `error.code` against `ErrorCode.*`,
 * never the wording. Each code has a summary here and a section of docs/reference/errors.md
 * (vitest's and xyflow's model); a test keeps the three in step.
 *
 * Where aslkit stands in for a Step Functions API call (StartExecution, SendTask*), the code is
 * that API's own exception name, as the AWS SDK would report it.
 */

/** Every code, with what it means in one sentence. */
const CATALOGUE = defineCodes({
  InvalidDefinition: {
    code: 'ASLKIT_INVALID_DEFINITION',
    summary: 'The definition cannot run: malformed JSON or YAML, or a machine the validator refuses.',
  },
  Usage: { code: 'ASLKIT_USAGE', summary: 'An aslkit API was called with an option or value it cannot use.' },
  CliUsage: {
    code: 'ASLKIT_CLI_USAGE',
    summary: 'The `aslkit` command line is incomplete or has a flag value it cannot use.',
  },
  FileNotFound: { code: 'ASLKIT_FILE_NOT_FOUND', summary: 'A file that was named does not exist.' },
  FileUnreadable: {
    code: 'ASLKIT_FILE_UNREADABLE',
    summary: 'A file that was named is a directory or cannot be read.',
  },
  InvalidJson: { code: 'ASLKIT_INVALID_JSON', summary: 'A JSON file or argument is not JSON (line and column given).' },
  InvalidYaml: { code: 'ASLKIT_INVALID_YAML', summary: 'A YAML file is not valid YAML 1.2 (line and column given).' },
  InvalidCases: {
    code: 'ASLKIT_INVALID_CASES',
    summary: 'A case file does not have the case-file format; the message names the field.',
  },
  InvalidMocks: {
    code: 'ASLKIT_INVALID_MOCKS',
    summary: 'Mocks do not have the mock format; the message names the key and response.',
  },
  InvalidMockConfig: {
    code: 'ASLKIT_INVALID_MOCK_CONFIG',
    summary: 'A Step Functions Local mock config does not have its format.',
  },
  UnknownMockName: {
    code: 'ASLKIT_UNKNOWN_MOCK_NAME',
    summary: 'A state machine, test case or response that a mock config lookup names does not exist in it.',
  },
  InvalidHandlers: {
    code: 'ASLKIT_INVALID_HANDLERS',
    summary: 'Local Lambda handlers cannot be loaded: a bad key, module or export.',
  },
  MissingPackage: {
    code: 'ASLKIT_MISSING_PACKAGE',
    summary: 'An optional aslkit package that the input needs is not installed.',
  },
  InvalidTemplate: {
    code: 'ASLKIT_INVALID_TEMPLATE',
    summary:
      'A template (CloudFormation, SAM, cdk.out, serverless.yml, Terraform JSON) cannot give a definition; each problem is located.',
  },
  MachineNotFound: {
    code: 'ASLKIT_MACHINE_NOT_FOUND',
    summary: 'A reference `file#Name` names no state machine of the file, or names none where the file has several.',
  },
  InvalidThreshold: {
    code: 'ASLKIT_INVALID_THRESHOLD',
    summary: 'A coverage threshold is not `name=percent` with a known name and a percent from 0 to 100.',
  },
  InvalidCoverageFile: {
    code: 'ASLKIT_INVALID_COVERAGE_FILE',
    summary: 'A coverage file is not an aslkit coverage report this version can read.',
  },
  InvalidCommand: {
    code: 'ASLKIT_INVALID_COMMAND',
    summary: 'A viewer command (run, pause, step, breakpoints, ...) is malformed or unknown; checked before it acts.',
  },
  InvalidMessage: {
    code: 'ASLKIT_INVALID_MESSAGE',
    summary: 'A viewer protocol message from a server is malformed; the page ignores it.',
  },
  CommandRefused: {
    code: 'ASLKIT_COMMAND_REFUSED',
    summary:
      'A well-formed viewer command this source cannot carry out (an imported history cannot run or step), or a query for a Map Run or child it does not have.',
  },
  InvalidBreakpoint: {
    code: 'ASLKIT_INVALID_BREAKPOINT',
    summary: 'A debugger breakpoint or its condition is malformed.',
  },
  InvalidHistory: {
    code: 'ASLKIT_INVALID_HISTORY',
    summary: 'An imported execution history cannot be read; the error names the event index.',
  },
  GraphTooDeep: {
    code: 'ASLKIT_GRAPH_TOO_DEEP',
    summary: 'The definition nests Parallel and Map states deeper than the graph model draws.',
  },
  ViewerMissing: { code: 'ASLKIT_VIEWER_MISSING', summary: '`aslkit view` cannot find the built viewer app.' },
  InvalidExecutionInput: {
    code: 'InvalidExecutionInput',
    summary: 'StartExecution refuses the input: not JSON, too large, or nested too deeply.',
  },
  TaskDoesNotExist: {
    code: 'TaskDoesNotExist',
    summary: 'SendTaskSuccess, SendTaskFailure or SendTaskHeartbeat named a task token that is not open.',
  },
  InvalidToken: { code: 'InvalidToken', summary: 'A task token is not a non-empty string.' },
  InvalidOutput: { code: 'InvalidOutput', summary: 'SendTaskSuccess was given an output that is not a JSON value.' },
  ValidationException: {
    code: 'ValidationException',
    summary: 'TestState refuses the request: a missing or contradictory field, a mock that does not fit the state.',
  },
  AwsInvalidDefinition: {
    code: 'InvalidDefinition',
    summary:
      'The definition is refused: invalid ASL (CreateStateMachine, aslkit serve), or TestState of a Map or Parallel without a mock.',
  },
  ExecutionAlreadyExists: {
    code: 'ExecutionAlreadyExists',
    summary: 'An execution store already holds an execution with that ARN.',
  },
  ExecutionDoesNotExist: {
    code: 'ExecutionDoesNotExist',
    summary: 'An execution store holds no execution with that ARN.',
  },
  ExecutionNotRedrivable: {
    code: 'ExecutionNotRedrivable',
    summary:
      'A redrive was refused: the execution succeeded or still runs, is Express, or is past what AWS allows (its reason says which).',
  },
  StoreConflict: {
    code: 'ASLKIT_STORE_CONFLICT',
    summary: 'Events given to an execution store do not continue its stored history (a gap or a repeat).',
  },
  ResumeDiverged: {
    code: 'ASLKIT_RESUME_DIVERGED',
    summary: 'A resumed execution did not replay its stored history: the definition, resolvers or options differ.',
  },
});

/**
 * The codes, by name: `error.code === ErrorCode.InvalidMocks`.
 * @example
 * try { parseMockScript(value, 'mocks.json'); }
 * catch (error) { if (error instanceof UsageError && error.code === ErrorCode.InvalidMocks) ... }
 */
export const ErrorCode = Object.freeze(
  Object.fromEntries(Object.entries(CATALOGUE).map(([name, entry]) => [name, entry.code])),
) as { readonly [Name in keyof typeof CATALOGUE]: (typeof CATALOGUE)[Name]['code'] };

/** One of the catalogue's codes. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** What the catalogue says about a code. */
export interface ErrorCodeInfo {
  code: ErrorCode;
  /** What went wrong, in one sentence. */
  summary: string;
  /** Its section of the reference page: `docs/reference/errors.md#aslkit_invalid_mocks`. */
  docs: string;
}

/** The reference page every code has a section in. */
export const ERROR_DOCS_PAGE = 'docs/reference/errors.md';

const INFO = new Map<string, ErrorCodeInfo>(
  Object.values(CATALOGUE).map(({ code, summary }) => [
    code,
    // The anchor a Markdown heading `### CODE` gets: the code in lower case.
    { code, summary, docs: `${ERROR_DOCS_PAGE}#${code.toLowerCase()}` },
  ]),
);

/** Every code of the catalogue, with its summary and docs anchor. */
export const errorCodes = (): ErrorCodeInfo[] => [...INFO.values()];

/** True for a code of the catalogue. */
export const isErrorCode = (value: unknown): value is ErrorCode => typeof value === 'string' && INFO.has(value);

/** The catalogue's entry for a code, or `undefined` for a code it does not hold. */
export const errorCodeInfo = (code: string): ErrorCodeInfo | undefined => INFO.get(code);

/** Keeps each entry's `code` a literal type. */
function defineCodes<const T extends Record<string, { code: string; summary: string }>>(entries: T): T {
  return entries;
}
