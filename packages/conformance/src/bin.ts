#!/usr/bin/env node
import { runConformance } from './main.js';

process.exitCode = await runConformance(process.argv.slice(2), {
  out: (line) => console.log(line),
  cwd: process.cwd(),
});
