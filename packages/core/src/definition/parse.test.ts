import { describe, expect, it } from 'vitest';
import { parseDefinitionText } from './parse.js';
import { DefinitionError } from '../errors/aslkit-error.js';

const messageOf = (text: string): string => {
  try {
    parseDefinitionText(text);
  } catch (error) {
    expect(error).toBeInstanceOf(DefinitionError);
    return (error as DefinitionError).diagnostics[0]!.message;
  }
  throw new Error('expected a DefinitionError');
};

describe('parseDefinitionText', () => {
  it('points a file path given as the definition to reading the file first', () => {
    for (const path of ['fixtures/order.asl.json', './machine.yaml', 'C:\\sfn\\m.JSON'])
      expect(messageOf(path)).toMatch(/^Malformed JSON: .* \(this looks like a file path: pass the definition text/);
  });

  it('gives no path hint for broken JSON text', () => {
    expect(messageOf('{"StartAt": "a.json"')).not.toContain('file path');
    expect(messageOf('nonsense')).not.toContain('file path');
  });
});
