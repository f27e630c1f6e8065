// Debian's Chromium, offline: no background networking, no downloads (scripts/ensure-chromium.sh
// installs it). Shared by Vitest's browser projects and the tests that drive a page with playwright-core.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
