/**
 * Runs the npm package `asl-validator` (v4, CommonJS, no type declarations) on one definition
 * and reduces its answer to a verdict we can set beside ours.
 */
import { createRequire } from 'node:module';

/** One problem as asl-validator reports it. */
export interface AslValidatorError {
  code: string;
  message: string;
  /** The JSON pointer ajv reported, for schema errors. */
  instancePath?: string;
}

export interface AslValidatorVerdict {
  valid: boolean;
  errors: AslValidatorError[];
  /** It threw instead of answering (a crash counts as a rejection, and is reported as such). */
  threw?: string;
}

interface RawResult {
  isValid: boolean;
  errors: { 'Error code': string; Message: string; schemaError?: { instancePath: string } }[];
}

type RawValidator = (definition: unknown, options?: { checkPaths?: boolean; checkArn?: boolean }) => RawResult;

const require = createRequire(import.meta.url);
let loaded: RawValidator | undefined;

/** The package itself, loaded on first use so that its load time can be measured apart. */
export function loadAslValidator(): RawValidator {
  loaded ??= require('asl-validator') as RawValidator;
  return loaded;
}

/**
 * Validates `definition` (parsed JSON) with asl-validator's defaults (path and ARN checks on).
 * It writes `QueryLanguage` into every state of what it is given, so it gets a copy.
 */
export function runAslValidator(definition: unknown): AslValidatorVerdict {
  const validator = loadAslValidator();
  try {
    const result = validator(structuredClone(definition));
    const errors = result.errors.map((error) => ({
      code: error['Error code'],
      message: error.Message,
      ...(error.schemaError === undefined ? {} : { instancePath: error.schemaError.instancePath }),
    }));
    return { valid: result.isValid, errors };
  } catch (error) {
    return {
      valid: false,
      errors: [],
      threw: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
    };
  }
}
