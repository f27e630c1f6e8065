#!/usr/bin/env node
// The `aslkit` command. Committed, unlike dist/: npm links a package's bin at install time only if
// its file is there, so in a fresh checkout `npm ci` links this one (before anything is built),
// and `npx aslkit` then runs the built command instead of looking up `aslkit` on the registry.
const entry = new URL('../dist/bin.js', import.meta.url);
try {
  await import(entry.href);
} catch (error) {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || error.url !== entry.href) throw error;
  process.stderr.write('aslkit: @aslkit/cli is not built yet: run `npm run build:packages` first\n');
  process.exitCode = 2;
}
