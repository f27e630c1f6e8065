/**
 * The status colours every drawing of an execution uses: the viewer's CSS (@aslkit/react's
 * src/palette.css is generated from this) and the HTML coverage page (reached is `succeeded`,
 * never reached is `failed`, unknown is `not-started`). They follow the Step Functions console.
 */
import type { StateStatus } from './fold.js';

/** Light or dark page. */
export type PaletteTheme = 'light' | 'dark';

/** The statuses in the order a legend lists them, with the legend's words. */
export const STATUS_LABELS: Readonly<Record<StateStatus, string>> = {
  'not-started': 'Not started',
  running: 'In progress',
  succeeded: 'Succeeded',
  failed: 'Failed',
  caught: 'Caught error',
  retrying: 'Retrying',
  aborted: 'Aborted',
};

const LIGHT: Readonly<Record<StateStatus, string>> = {
  'not-started': '#879596',
  running: '#0972d3',
  succeeded: '#1d8102',
  failed: '#d13212',
  caught: '#ec7211',
  retrying: '#8b5cf6',
  aborted: '#5f6b7a',
};

/** A colour per status, per theme. */
export const STATUS_COLOURS: Readonly<Record<PaletteTheme, Readonly<Record<StateStatus, string>>>> = {
  light: LIGHT,
  // Brighter where the light colour is too dark to read on a dark background.
  dark: { ...LIGHT, running: '#539fe5', succeeded: '#29ad32', failed: '#ff5d64' },
};

/**
 * The palette as CSS custom properties, one declaration per line: `--aslkit-status-<status>: <colour>;`.
 * @example
 * const css = `:root {\n${statusCssVariables('light', '  ')}\n}`;
 */
export function statusCssVariables(theme: PaletteTheme, indent = ''): string {
  return Object.entries(STATUS_COLOURS[theme])
    .map(([status, colour]) => `${indent}--aslkit-status-${status}: ${colour};`)
    .join('\n');
}
