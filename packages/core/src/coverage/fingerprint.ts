/**
 * A definition's fingerprint: SHA-256 of its JSON with keys sorted, so the same machine
 * loaded from a file in one Vitest worker and built as an object in another merges into one
 * coverage entry, while an edited definition starts a new one.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** 16 hex digits of the SHA-256 of the canonical JSON text. */
export function definitionFingerprint(definition: unknown): string {
  return bytesToHex(sha256(new TextEncoder().encode(canonicalJson(definition)))).slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
