/**
 * States.Hash: lowercase hex digest of the UTF-8 bytes. The algorithm name must match
 * exactly (AWS rejects 'sha-256', 'SHA256', 'MD-5', ''). The data is limited to 10,000
 * characters. AWS hashes a non-string data argument by its text (it accepts 123 and {}),
 * so other values are hashed as Java's String.valueOf renders them.
 */
import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { hasOwn, type Json } from '../../json.js';
import { invalidArguments, type IntrinsicTable } from './intrinsic-function.js';
import { javaString } from './java-text.js';
import { utf8Bytes } from './encoding.js';

/** AWS documents 10,000 characters as the data limit. */
export const MAX_HASH_INPUT = 10_000;

const ALGORITHMS: Readonly<Record<string, (bytes: Uint8Array) => Uint8Array>> = {
  MD5: md5,
  'SHA-1': sha1,
  'SHA-256': sha256,
  'SHA-384': sha384,
  'SHA-512': sha512,
};

function hashData(data: Json | undefined, algorithm: Json | undefined): string {
  const name = 'States.Hash';
  const digest = typeof algorithm === 'string' && hasOwn(ALGORITHMS, algorithm) ? ALGORITHMS[algorithm] : undefined;
  if (!digest || data === undefined) throw invalidArguments(name);
  const text = typeof data === 'string' ? data : javaString(data);
  if (text.length > MAX_HASH_INPUT) throw invalidArguments(name);
  return bytesToHex(digest(utf8Bytes(text)));
}

/** States.Hash. */
export const hashFunctions = {
  'States.Hash': { minArgs: 2, maxArgs: 2, evaluate: ([data, algorithm]) => hashData(data, algorithm) },
} satisfies IntrinsicTable;
