/**
 * A Python Lambda function of a template, run through `python3`: one process per call, given
 * the event on stdin; a small bootstrap imports `module.function` from the code directory,
 * builds a context like the Python runtime's, and writes the result, or the error in Lambda's
 * shape `{errorMessage, errorType, stackTrace}`, as JSON on a descriptor of its own, so that what
 * the handler prints goes to stderr, as it goes to the logs on Lambda.
 */
import { spawn, spawnSync } from 'node:child_process';
import type { FunctionCall, FunctionReply } from './node-function-worker.js';

const BOOTSTRAP = String.raw`
import json, os, sys, time, traceback, importlib
out = os.fdopen(os.dup(1), 'w')
os.dup2(2, 1)
request = json.loads(sys.stdin.read())
sys.path.insert(0, request['dir'])
deadline = time.monotonic() + request['timeoutMs'] / 1000.0
class Context:
    def __init__(self, fields):
        self.function_name = fields.get('functionName')
        self.function_version = fields.get('functionVersion')
        self.invoked_function_arn = fields.get('invokedFunctionArn')
        self.memory_limit_in_mb = fields.get('memoryLimitInMB')
        self.aws_request_id = fields.get('awsRequestId')
        self.log_group_name = fields.get('logGroupName')
        self.log_stream_name = fields.get('logStreamName')
    def get_remaining_time_in_millis(self):
        return max(0, int((deadline - time.monotonic()) * 1000))
def reply(value):
    out.write(json.dumps(value))
    out.flush()
module_name, _, function_name = request['handler'].rpartition('.')
try:
    module = importlib.import_module(module_name.replace('/', '.'))
except Exception as error:
    reply({'error': {'errorMessage': "Unable to import module '%s': %s" % (module_name, error), 'errorType': 'Runtime.ImportModuleError', 'stackTrace': []}})
    sys.exit(0)
handler = getattr(module, function_name, None)
if handler is None:
    reply({'error': {'errorMessage': "Handler '%s' missing on module '%s'" % (function_name, module_name), 'errorType': 'Runtime.HandlerNotFound', 'stackTrace': []}})
    sys.exit(0)
def frames(error):
    # The handler's frames, not this bootstrap's, with paths as Lambda shows them (/var/task/...).
    entries = traceback.extract_tb(error.__traceback__.tb_next)
    for entry in entries:
        if entry.filename.startswith(request['dir']):
            entry.filename = '/var/task' + entry.filename[len(request['dir']):]
    return traceback.format_list(entries)
try:
    reply({'result': handler(request['event'], Context(request['context']))})
except Exception as error:
    reply({'error': {'errorMessage': str(error), 'errorType': type(error).__name__, 'stackTrace': frames(error)}})
`;

let available: boolean | undefined;

/** Whether `python3` can be started here (checked once). */
export function hasPython(): boolean {
  available ??= spawnSync('python3', ['--version'], { stdio: 'ignore' }).status === 0;
  return available;
}

/** Runs one call of a Python handler; the process is killed when the function times out. */
export function callPython(
  dir: string,
  handler: string,
  environment: Record<string, string>,
  { event, context, timeoutMs }: FunctionCall,
): Promise<FunctionReply> {
  return new Promise((resolve) => {
    const child = spawn('python3', ['-c', BOOTSTRAP], {
      cwd: dir,
      env: { ...process.env, ...environment },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    let output = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs + 50);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({
        error: {
          errorType: 'Runtime.ExitError',
          errorMessage: `python3 could not start: ${error.message}`,
          stackTrace: [],
        },
      });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(output) as FunctionReply);
      } catch {
        resolve({
          error: {
            errorType: signal === 'SIGKILL' ? 'Sandbox.Timedout' : 'Runtime.ExitError',
            errorMessage:
              signal === 'SIGKILL'
                ? 'Task timed out'
                : `python3 exited with ${String(code ?? signal)} before answering`,
            stackTrace: [],
          },
        });
      }
    });
    child.stdin.end(JSON.stringify({ dir, handler, event, context, timeoutMs }));
  });
}
