/**
 * The "how it was measured" part of docs/benchmarks.md, kept beside the code it describes.
 */

/** Markdown section explaining the method. */
export const METHOD_TEXT = `## Method

- **Same work for both engines.** Every workload is data in \`fixtures/bench/\`: a \`.asl.json\`
  definition and a \`.bench.json\` file with its inputs (\`{"$repeat": n, "item": ...}\` expands to n
  items), its transition count and its target. Task states call the same JS function in both engines,
  routed by state name (the peer's \`taskResourceLocalHandlers\`; an aslkit \`ResolverRouter\`). Every
  run's output is hashed (canonical JSON, key order ignored) and the table says whether all runs of both
  engines agreed; states entered, where an engine's recorded events show them, are checked against the
  declared transition count.
- **One process per engine per run.** The harness spawns \`node --expose-gc child.js <spec>\` for each
  repetition, alternating the engine that goes first (A B, B A, ...). A child imports only its engine;
  the peer's child installs the standard \`Promise.withResolvers\` polyfill first (aws-local-stepfunctions
  3.x targets Node 22 and calls it in every Task state), aslkit's never does.
- **What is timed.** Wall time from \`run(input)\` to the result (\`performance.now()\`); importing the
  engine and constructing the machine (aslkit's compile, the peer's schema validation) are outside it.
  Figures are medians over the repetitions. Transitions are states entered; transitions/s is the
  declared count over the median wall time; the ratio is aslkit's transitions/s over the peer's.
- **Memory.** Peak RSS is the child's \`maxRSS\` (the whole process, engine import included). Peak heap
  is the largest \`usedHeapSize\` V8 reported before any GC during the run (\`v8.GCProfiler\`), or the heap
  at the end if larger. Bytes per item = (peak heap − heap after a forced GC just before the run) / items;
  retained bytes per item uses the heap after a forced GC at the end with the result (output, history)
  still held.
- **History.** aslkit records its AWS-shaped history (\`history.record: true\`, the default) in every
  workload except W7's "off" run. The peer queues every event of an execution in memory and has no
  switch to stop it; it is measured in its default mode (events queued, not read) except in W7's "on"
  run, where its \`eventLogs\` generator is drained into an array, as a user who wants the history must.
- **Limits lifted.** AWS fails an execution past 25,000 history events and 256 KiB payloads. Runs
  marked "history" run aslkit with \`history: { maxEvents: Infinity }\`; runs marked "payload" with
  \`limits: { payloadBytes: Infinity }\` (W6 inputs exceed 256 KiB from 50,000 items). The peer enforces
  neither limit.
- **Peer setup.** Its default \`new StateMachine(definition)\` (validates the definition with
  asl-validator) and \`run(input, { overrides })\`. Validation happens once per construction, outside the
  timed run; W5 reports the peer both with validation and with its \`noValidate\` option.
- **Cold start (W5).** Each process is timed from spawn to exit in the parent: \`node -e ''\`, then the
  smallest program a user would write, once per module system and engine.
  \`node cold-start-require.cjs <engine>\` is CommonJS: it \`require\`s the engine (the package's
  \`require\` export: aslkit's \`dist/bundle/index.cjs\`, the peer's \`build/main.node.cjs\`), builds the
  one-state machine from the definition file, runs it with \`{}\` and prints the output.
  \`node cold-start.js <engine>\` is the same program as an ES module: it \`import()\`s the engine (the
  package's \`import\` export) and does the same. Neither goes through the bench's engine wrappers, and
  each loads only the engine it runs; the peer's processes first load the \`Promise.withResolvers\`
  polyfill (a small CommonJS module), aslkit's never do. Both engines are loaded as a program of that
  module system would load them, so the rows of one module system compare like for like. An ES module
  program pays for Node's ES module loader (resolution, format translators, the facades over builtins)
  at start-up whatever it imports, so every \`import\` row carries that cost. Overhead = median minus
  the bare \`node\` median; the target applies to aslkit's overhead, per module system.
- **Fresh and warm.** A fresh run is the first execution of its process, JIT warm-up included (what a
  one-off run sees); a warm run ("warm", "execution 3 of its process") first runs two untimed executions
  of the same machine and input in the same process, then times the third (what a test suite or a
  service sees after its first executions).
- **Runs interleaved.** Each repetition runs every run of a workload once with every engine before the
  next repetition starts (W1 fresh: aslkit, peer, limit; W1 warm: ...), the engine order rotating, so a
  shared machine's drift falls on all of them alike. The machine these figures come from was shared with
  other work (the load average is in the machine table): ratios taken in the same run are the figures to
  read; absolute times move with the load.
- **Many small executions (W8).** 10,000 executions of the 5-state machine back to back in one process,
  the time per execution being the wall time of all of them over 10,000. aslkit runs it with its history
  recorded and without; the peer has no switch and queues its events either way.
- **Executions in flight (W9).** 10,000 executions are started at once; each reaches its
  \`.waitForTaskToken\` Task, whose resolver keeps the token (by execution ARN, as a host's queue consumer
  would) and returns \`awaitCallback()\`. Once all wait, a forced GC is made and the heap measured; then
  every token is answered with \`sendTaskSuccess\` and all results awaited. Heap per waiting execution =
  (that heap − the heap before the first start) / 10,000; executions/s = 10,000 over the time from the
  first start to the last result, less the forced GC. aws-local-stepfunctions 3.0 has no task-token
  callbacks, so W9 runs aslkit only.
- **JSONata (W10).** W1 written in JSONata (\`Output\` with \`$states.input.i + 1\`, a Choice
  \`Condition\`) next to the JSONPath W1, both by aslkit in the same repetitions (the peer has no JSONata).
- **The limit.** \`packages/bench/src/engines/limit-engine.ts\` does the work of W1, W4 and W8 in plain
  JavaScript (a new object per state as Parameters or ResultPath builds it, the arithmetic, one call of
  the same task function per Task), in a child process of its own like the engines. It records nothing
  and measures nothing: it is the floor, not a competitor.
- **Reading the numbers.** Short runs (W3) include JIT warm-up, which is part of what a user sees.
  Quick mode (\`--quick\`) runs tiny sizes once for CI; its numbers are not comparisons.
`;
