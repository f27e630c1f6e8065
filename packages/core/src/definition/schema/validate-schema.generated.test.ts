import { describe, expect, it } from 'vitest';
import { GENERATED_VALIDATOR_FILE, generateValidatorSource } from '../../../scripts/generate-validator.js';
import { validateSchema } from './check-schema.js';
import { codePointLength } from './validator-runtime.js';

describe('the generated schema validator', () => {
  // Fails when asl-schema.ts (or ajv) changed and the file was not regenerated: `npm run generate:schema`.
  it('is up to date with asl-schema.ts', async () => {
    await expect(generateValidatorSource()).toMatchFileSnapshot(`./${GENERATED_VALIDATOR_FILE}`);
  });

  it('loads no ajv code and builds no functions from strings', () => {
    const source = generateValidatorSource();
    expect(source).not.toMatch(/require\(|from 'ajv|new Function|\beval\(/);
  });

  it('validates a definition and reports errors the way ajv does', () => {
    expect(validateSchema({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } })).toBe(true);
    expect(validateSchema({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B', End: true } } })).toBe(false);
    expect(validateSchema.errors).toContainEqual(
      expect.objectContaining({ keyword: 'fieldGroups', instancePath: '/States/A' }),
    );
  });
});

describe('codePointLength', () => {
  it('counts a surrogate pair once and a lone surrogate as one', () => {
    expect(codePointLength('')).toBe(0);
    expect(codePointLength('abc')).toBe(3);
    expect(codePointLength('a😀b')).toBe(3);
    expect(codePointLength('\ud83d')).toBe(1);
    expect(codePointLength('\ude00\ud83d')).toBe(2);
  });
});
