import { describe, expect, it } from 'vitest';
import { parseYamlText } from './yaml-text.js';

/** The UsageError `text` is refused with. */
function refusal(text: string): { code: string; message: string } {
  try {
    parseYamlText(text, 'bomb.yaml');
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected the YAML to be refused');
}

// "Billion laughs": each line doubles nine times over the one before it.
const bomb = [
  'a: &a ["x","x","x","x","x","x","x","x","x"]',
  'b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]',
  'c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]',
  'd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]',
  'e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]',
  'f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]',
  'StartAt: A',
].join('\n');

describe('parseYamlText', () => {
  it('reads YAML 1.2 core values, aliases included', () => {
    expect(parseYamlText('a: &x [1, 2]\nb: *x\nwhen: 2026-01-01\n', 'f.yaml').value).toEqual({
      a: [1, 2],
      b: [1, 2],
      when: '2026-01-01',
    });
  });

  it('refuses an alias bomb as a located error, not a stack trace', () => {
    const error = refusal(bomb);
    expect(error.code).toBe('ASLKIT_INVALID_YAML');
    expect(error.message).toMatch(/^bomb\.yaml:2:8: invalid YAML \(its aliases expand too far/);
    expect(error.message).not.toContain('    at ');
  });

  // Parsing until the stack runs out takes seconds on a loaded machine: the timeout is only a
  // backstop against a hang, generous so that speed never decides the result.
  it('refuses nesting deep enough to exhaust the stack', () => {
    const error = refusal(`${'['.repeat(200_000)}${']'.repeat(200_000)}`);
    expect(error.code).toBe('ASLKIT_INVALID_YAML');
    expect(error.message).toMatch(/^bomb\.yaml(:\d+:\d+)?: invalid YAML \(/);
  }, 60_000);

  it('refuses a key given twice, with its line and column', () => {
    expect(refusal('a: 1\na: 2\n').message).toMatch(/^bomb\.yaml:2:1: invalid YAML \(Map keys must be unique/);
  });
});
