/**
 * The Vitest setup file (`test.setupFiles: ['@aslkit/vitest/setup']`): registers the
 * matchers and the history snapshot serializer, and, when `coverageGlobalSetup` is in
 * `test.globalSetup`, records every run and writes it out after each test file.
 * @module
 */
import { afterAll, expect, inject } from 'vitest';
import { aslkitMatchers } from './matchers/index.js';
import { historySerializer } from './history-serializer.js';
import { flushCoverage, startCoverage } from './coverage/worker-coverage.js';
import './matcher-types.js';

expect.extend(aslkitMatchers);
expect.addSnapshotSerializer(historySerializer);
startCoverage(inject('aslkitCoverageDir'));
afterAll(async () => {
  await flushCoverage();
});
