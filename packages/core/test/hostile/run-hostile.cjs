// Runs the hostile query cases (fixtures/hostile/queries.json) and a fuzz of JSONata expressions,
// JSONPath filters and regexes built from their grammars' pieces, against the published CommonJS
// build, in its own process: hostile-queries.test.ts starts it with a small heap, so a fatal error
// or a runaway allocation fails that test instead of killing the test runner. Prints one JSON line.
const { StateMachine } = require('@aslkit/core');
const { createDebugSession } = require('@aslkit/core/debug');
const fc = require('fast-check');
const { join } = require('node:path');
const hostile = require(join(__dirname, '..', '..', '..', '..', 'fixtures', 'hostile', 'queries.json'));

const OUTCOMES = new Set(['States.QueryEvaluationError', 'States.DataLimitExceeded', 'States.Runtime']);

async function outcome(definition, input) {
  let machine;
  try {
    machine = StateMachine.from(definition);
  } catch (error) {
    return { status: 'INVALID_DEFINITION', cause: String(error && error.message) };
  }
  const result = await machine.run(input, { seed: 1 });
  return { status: result.status, error: result.error, cause: result.cause, output: result.output };
}

async function timed(run) {
  const started = performance.now();
  const value = await run();
  return { ms: Math.round(performance.now() - started), ...value };
}

const REGEXES = ['a', '(a+)+b', '(a|aa)*c', '(x+x+)+y', '.*', '[0-9]+', '(a*)*$', '^(\\w+\\s?)*$', 'b(c)'];
const NUMBERS = ['0', '3', '$states.input.n', '1000', '10000000', '$states.input.big'];

const expression = fc.letrec((tie) => ({
  text: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom("'ab'", '$states.input.s', "''"),
    fc.tuple(fc.constantFrom(...NUMBERS)).map(([n]) => `$pad('x', ${n}, 'y')`),
    fc.tuple(tie('text'), tie('text')).map(([a, b]) => `(${a} & ${b})`),
    fc.tuple(tie('text'), tie('text')).map(([a, b]) => `$join([${a}, ${b}], ${a})`),
    fc.tuple(tie('text'), fc.constantFrom(...REGEXES), tie('text')).map(([a, r, b]) => `$replace(${a}, /${r}/, ${b})`),
    fc.tuple(tie('text'), tie('text'), tie('text')).map(([a, b, c]) => `$replace(${a}, ${b}, ${c})`),
    fc.tuple(tie('list')).map(([l]) => `$string(${l})`),
  ),
  list: fc.oneof(
    { depthSize: 'small' },
    fc.tuple(fc.constantFrom(...NUMBERS), fc.constantFrom(...NUMBERS)).map(([a, b]) => `[${a}..${b}]`),
    fc.tuple(tie('list'), tie('list')).map(([a, b]) => `[${a}, ${b}]`),
    fc.tuple(tie('list'), tie('text')).map(([a, b]) => `$map(${a}, function($v){ ${b} })`),
    fc.tuple(tie('list'), fc.constantFrom(...NUMBERS)).map(([a, n]) => `${a}.([0..${n}])`),
    fc.tuple(tie('text'), fc.constantFrom(...REGEXES)).map(([a, r]) => `$split(${a}, /${r}/)`),
    fc.tuple(tie('text'), fc.constantFrom(...REGEXES)).map(([a, r]) => `$match(${a}, /${r}/)`),
    fc.tuple(fc.constantFrom(...NUMBERS), fc.constantFrom(...NUMBERS)).map(([a, b]) => `$range(${a}, ${b}, 1)`),
    fc.tuple(tie('list')).map(([a]) => `$distinct(${a})`),
    fc.constant('($f := function($x, $n){ $n = 0 ? $x : $f([$x, $x], $n - 1) }; $f([1], $states.input.n))'),
    fc.constant("($f := function($s, $n){ $n = 0 ? $s : $f($s & $s, $n - 1) }; $f('x', $states.input.n))"),
  ),
}));

const inputs = fc.record({
  n: fc.constantFrom(1, 30, 64, 5000),
  big: fc.constantFrom(1e6, 3e8),
  s: fc.constantFrom('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaac', 'a'.repeat(5000) + 'c', 'x1y22z'),
});

const filters = fc
  .tuple(
    fc.constantFrom(...REGEXES),
    fc.constantFrom('', 'i', 'm', 's'),
    fc.constantFrom('&&', '||'),
    fc.constantFrom('@.n > 2', '@.s size 31', '!@.t', "@.s in ['a']"),
  )
  .map(([r, flags, op, other]) => `$.items[?(@.s =~ /${r}/${flags} ${op} ${other})]..s`);

async function fuzz() {
  let slowest = 0;
  let slowestCase = '';
  let runs = 0;
  const jsonata = fc.tuple(fc.oneof(expression.text, expression.list), inputs);
  await fc.assert(
    fc.asyncProperty(jsonata, async ([body, input]) => {
      const definition = {
        QueryLanguage: 'JSONata',
        StartAt: 'P',
        States: { P: { Type: 'Pass', Output: `{% ${body} %}`, End: true } },
      };
      const result = await timed(() => outcome(definition, input));
      if (result.ms > slowest)
        slowestCase = `${body} ${JSON.stringify(input)} -> ${result.status} ${result.cause ?? ''}`.slice(0, 400);
      slowest = Math.max(slowest, result.ms);
      runs++;
      if (result.status !== 'SUCCEEDED' && !OUTCOMES.has(result.error))
        throw new Error(`${body}: ${result.status} ${result.error} ${result.cause}`);
    }),
    { seed: 20261206, numRuns: 250, interruptAfterTimeLimit: 60_000 },
  );
  const items = fc.array(
    fc.record({ s: fc.constantFrom('a'.repeat(40) + 'c', 'ab', 'Bc'), n: fc.integer({ min: 0, max: 5 }) }),
    { maxLength: 5 },
  );
  await fc.assert(
    fc.asyncProperty(filters, items, async (path, list) => {
      const definition = { StartAt: 'P', States: { P: { Type: 'Pass', Parameters: { 'm.$': path }, End: true } } };
      const result = await timed(() => outcome(definition, { items: list }));
      slowest = Math.max(slowest, result.ms);
      runs++;
      if (result.status !== 'SUCCEEDED') throw new Error(`${path}: ${result.status} ${result.cause}`);
    }),
    { seed: 7, numRuns: 200, interruptAfterTimeLimit: 30_000 },
  );
  return { runs, slowestMs: slowest, slowestCase };
}

(async () => {
  const cases = [];
  for (const c of hostile.cases) cases.push({ name: c.name, ...(await timed(() => outcome(c.definition, c.input))) });
  const machine = StateMachine.from({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
  const breakpoints = hostile.breakpoints.map((breakpoint) => {
    try {
      createDebugSession(machine, { s: 'a'.repeat(30) + 'c' }, { breakpoints: [breakpoint] });
      return 'accepted';
    } catch (error) {
      return `refused: ${error.message}`;
    }
  });
  const fuzzed = await fuzz();
  console.log(
    JSON.stringify({ cases, breakpoints, fuzz: fuzzed, rssMb: Math.round(process.memoryUsage().rss / 2 ** 20) }),
  );
})().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
