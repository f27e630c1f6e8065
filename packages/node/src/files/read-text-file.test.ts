import { mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ErrorCode } from '@aslkit/core';
import { readTextFile } from './read-text-file.js';

const dir = mkdtempSync(join(tmpdir(), 'aslkit-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('readTextFile with maxBytes', () => {
  it('reads a file up to the cap, without its byte-order mark', () => {
    const path = join(dir, 'small.json');
    writeFileSync(path, '\uFEFF{"a":1}');
    expect(readTextFile(path, '--redrive file', 'small.json', { maxBytes: 11 })).toBe('{"a":1}');
  });

  it('refuses a larger file by its size, naming it, before reading it', () => {
    const path = join(dir, 'huge.json');
    writeFileSync(path, '');
    truncateSync(path, 3 * 1024 * 1024 * 1024); // sparse: 3 GiB that were never written
    expect(() => readTextFile(path, '--redrive file', 'huge.json', { maxBytes: 1024 })).toThrow(
      expect.objectContaining({
        code: ErrorCode.FileUnreadable,
        message: '--redrive file huge.json is larger than 1024 bytes, the most aslkit reads for it',
      }),
    );
  });

  it('stops reading what has no size at the cap (/dev/zero)', () => {
    expect(() => readTextFile('/dev/zero', '--redrive file', '/dev/zero', { maxBytes: 100_000 })).toThrow(
      /--redrive file \/dev\/zero is larger than 100000 bytes/,
    );
  });

  it('still names a missing file and a directory', () => {
    expect(() => readTextFile(join(dir, 'none.json'), 'x', 'none.json', { maxBytes: 10 })).toThrow(
      expect.objectContaining({ code: ErrorCode.FileNotFound, message: 'x not found: none.json' }),
    );
    expect(() => readTextFile(dir, 'x', 'dir', { maxBytes: 10 })).toThrow('x is a directory, not a file: dir');
  });
});
