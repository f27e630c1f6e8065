/**
 * Runs aslkit's validator and asl-validator on one definition, and says who is right and,
 * when they disagree, why (a label that groups alike disagreements).
 */
import { validate, type Diagnostic } from '@aslkit/core';
import { runAslValidator, type AslValidatorVerdict } from './asl-validator-run.js';
import type { CorpusEntry } from './corpus.js';

/** Who got AWS's verdict, when AWS's verdict is known. */
export type Outcome =
  | 'both right'
  | 'aslkit only'
  | 'asl-validator only'
  | 'both wrong'
  | 'agree (no AWS verdict)'
  | 'disagree (no AWS verdict)';

export interface Comparison {
  entry: CorpusEntry;
  /** aslkit's errors (warnings do not make a definition invalid). */
  ours: Diagnostic[];
  theirs: AslValidatorVerdict;
  outcome: Outcome;
  /** Groups alike disagreements; undefined when both give the same verdict. */
  disagreement?: string;
}

export function compareEntry(entry: CorpusEntry): Comparison {
  const ours = validate(entry.text).filter((d) => d.severity === 'ERROR');
  const theirs = runAslValidator(JSON.parse(entry.text));
  const oursValid = ours.length === 0;
  const comparison: Comparison = { entry, ours, theirs, outcome: outcome(entry, oursValid, theirs.valid) };
  if (oursValid !== theirs.valid) comparison.disagreement = disagreementLabel(comparison);
  return comparison;
}

function outcome(entry: CorpusEntry, oursValid: boolean, theirsValid: boolean): Outcome {
  if (entry.aws === 'unknown')
    return oursValid === theirsValid ? 'agree (no AWS verdict)' : 'disagree (no AWS verdict)';
  const awsValid = entry.aws === 'valid';
  if (oursValid === awsValid) return theirsValid === awsValid ? 'both right' : 'aslkit only';
  return theirsValid === awsValid ? 'asl-validator only' : 'both wrong';
}

/**
 * Mutations group by their kind. A corpus definition groups by the reason of the side that
 * rejected it: asl-validator's schema location (state names and indexes generalised) and
 * message, or aslkit's code and message.
 */
function disagreementLabel({ entry, ours, theirs }: Comparison): string {
  if (entry.kind !== undefined) return `mutation: ${entry.kind}`;
  if (ours.length === 0) return `asl-validator rejects: ${theirReason(theirs)}`;
  return `aslkit rejects: ${ours[0]!.code}: ${generalise(ours[0]!.message)}`;
}

/** asl-validator's first complaint, e.g. `/States/*\/Output must match exactly one schema in oneOf`. */
export function theirReason(theirs: AslValidatorVerdict): string {
  if (theirs.threw !== undefined) return `threw ${theirs.threw}`;
  const first = theirs.errors[0];
  if (first === undefined) return '(no error given)';
  if (first.instancePath === undefined) return `${first.code}: ${generalise(first.message)}`;
  const where = first.instancePath.replace(/\/States\/[^/]+/g, '/States/*').replace(/\/\d+(?=\/|$)/g, '/#');
  const what = first.message.slice(first.message.indexOf(' is invalid. ') + ' is invalid. '.length);
  return `${where || '/'} ${what}`;
}

/** Quoted names and numbers vary between alike messages; they do not make a new kind. */
const generalise = (message: string): string => message.replace(/"[^"]*"|'[^']*'/g, '…').replace(/\b\d+\b/g, '#');
