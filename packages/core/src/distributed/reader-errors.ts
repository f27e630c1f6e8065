/**
 * Failures of a distributed Map's ItemReader and ResultWriter, as AWS names them:
 * `States.ItemReaderFailed` and `States.ResultWriterFailed`, each with the run loop's location
 * prefix added (conformance-equivalent causes recorded by other emulators against AWS:
 * "Attempting to map over non-iterable node.").
 */
import { ErrorName, StatesError } from '../errors/states-error.js';
import { ObjectStoreError } from './object-store.js';

/** A reader problem; `toStatesError` gives the failure the Map state raises. */
export class ItemReaderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ItemReaderError';
  }
}

/** AWS's causes where they are known (the rest are aslkit's own wording, marked so in the docs). */
export const READER_CAUSES = {
  notIterable: 'Attempting to map over non-iterable node.',
  pointerMissing: 'The provided ReaderConfig.ItemsPointer does not match any valid path in the JSON structure.',
} as const;

/** The StatesError a failure of the reader (or of the store under it) becomes. */
export function itemReaderFailure(error: unknown): StatesError {
  return new StatesError(ErrorName.ItemReaderFailed, describeFailure(error));
}

/** The StatesError a failure of the writer (or of the store under it) becomes. */
export function resultWriterFailure(error: unknown): StatesError {
  return new StatesError(ErrorName.ResultWriterFailed, describeFailure(error));
}

function describeFailure(error: unknown): string {
  if (error instanceof ObjectStoreError)
    return `${error.message} (Service: S3, Status Code: ${statusOf(error.code)}, Error Code: ${error.code})`;
  if (error instanceof ItemReaderError) return error.message;
  return error instanceof Error ? error.message : String(error);
}

const statusOf = (code: string): number => (code === 'AccessDenied' ? 403 : code.startsWith('NoSuch') ? 404 : 400);
