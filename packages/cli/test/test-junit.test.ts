// `aslkit test --reporter junit` must give XML that CI systems parse, whatever the state
// names, error names and causes hold: markup, quotes, control characters, ANSI colours, `]]>`.
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, runCli, tempDir } from './cli-harness.js';

afterAll(removeTempDirs);

const INVALID_CHAR = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;
const ENTITY = /^&(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);$/i;

/** The well-formedness problems of an XML document (a small checker: tags, attributes, entities, characters). */
function xmlProblems(xml: string): string[] {
  const problems: string[] = [];
  if (INVALID_CHAR.test(xml)) problems.push('a character XML 1.0 does not allow');
  if (!xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')) problems.push('no XML declaration');
  const body = xml.replace(/^<\?xml[^?]*\?>/, '');
  const stack: string[] = [];
  let roots = 0;
  const token = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|([^<]+)|(<)/g;
  for (const m of body.matchAll(token)) {
    if (m[6] !== undefined) {
      problems.push(`unescaped < at ${m.index}: ${body.slice(m.index, m.index + 40)}`);
      continue;
    }
    const text = m[5] ?? m[3] ?? '';
    for (const amp of text.matchAll(/&[^;&\s]*;?/g)) if (!ENTITY.test(amp[0])) problems.push(`bad entity ${amp[0]}`);
    if (m[5] !== undefined) {
      if (stack.length === 0 && m[5].trim() !== '') problems.push('text outside the root element');
      if (m[5].includes(']]>')) problems.push('"]]>" in text');
      continue;
    }
    if (m[1]) {
      if (stack.pop() !== m[2]) problems.push(`mismatched </${m[2]}>`);
    } else {
      if (stack.length === 0) roots++;
      if (!m[4]) stack.push(m[2]!);
    }
  }
  if (stack.length > 0) problems.push(`unclosed <${stack.join('>, <')}>`);
  if (roots !== 1) problems.push(`${roots} root elements`);
  return problems;
}

const hostile = 'Bad<&>"\'\u0001 \u001b[31mred\u001b[0m ]]> 🎉';

describe('aslkit test --reporter junit', () => {
  it('checks itself: the checker finds what makes XML invalid', () => {
    expect(xmlProblems('<?xml version="1.0" encoding="UTF-8"?>\n<a x="1"><b/>t &amp; u</a>\n')).toEqual([]);
    expect(xmlProblems('<?xml version="1.0" encoding="UTF-8"?>\n<a>&bad; ]]>\u0001<b></a>')).toEqual([
      'a character XML 1.0 does not allow',
      'bad entity &bad;',
      '"]]>" in text',
      'mismatched </a>',
      'unclosed <a>',
    ]);
    expect(xmlProblems('<?xml version="1.0" encoding="UTF-8"?>\n<a x="<"/>')[0]).toMatch(/^unescaped </);
  });

  it('writes well-formed XML for hostile names, errors and causes, load errors and threshold failures', async () => {
    const dir = tempDir({
      'm.asl.json': {
        StartAt: hostile,
        States: { [hostile]: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } },
      },
      'm.test.json': {
        definition: 'm.asl.json',
        cases: [
          {
            name: `case ${hostile}`,
            mocks: { [hostile]: [{ throw: { error: hostile, cause: `cause ${hostile}\nsecond line` } }] },
            expect: { output: { ok: true } },
          },
          {
            name: 'fails as expected',
            mocks: { [hostile]: [{ throw: { error: 'E', cause: 'c' } }] },
            expect: { error: 'E', cause: 'c' },
          },
        ],
      },
      'broken.test.json': '{ "definition": ',
    });
    const run = await runCli(
      [
        'test',
        'm.test.json',
        'broken.test.json',
        '--reporter',
        'junit',
        '--coverage-threshold',
        'states=100,transitions=100',
      ],
      dir,
    );
    expect(run.code).toBe(1);
    expect(xmlProblems(run.stdout)).toEqual([]);
    expect(run.stdout).toContain('name="case Bad&lt;&amp;&gt;&quot;&apos; red ]]&gt; 🎉"');
    expect(run.stdout).toContain('<testsuites name="aslkit" tests="3" failures="1" errors="1" skipped="0"');
    expect(run.stdout).toContain('<error message="broken.test.json:1:17: invalid JSON');
    expect(run.stderr.endsWith('1 passed, 2 failed\n')).toBe(true);
  });
});
