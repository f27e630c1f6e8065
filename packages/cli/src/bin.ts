#!/usr/bin/env node
import { main } from './index.js';

// exitCode rather than process.exit(), so that piped stdout is flushed before Node exits.
process.exitCode = await main(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  cwd: process.cwd(),
});
