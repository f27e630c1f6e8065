// palette.css is generated from @aslkit/core's status palette, the one the HTML coverage page
// draws with too. When the palette changes, regenerate it:
//   npx vitest run --config vitest.workspace.ts --project react src/palette.browser.test.tsx --update
import { describe, expect, it } from 'vitest';
import { STATUS_COLOURS, statusCssVariables } from '@aslkit/core/layout';
import './palette.css';

const GENERATED = `/* Generated from @aslkit/core's STATUS_COLOURS (packages/core/src/graph/palette.ts) by palette.browser.test.tsx: do not edit. */
.aslkit-theme {
${statusCssVariables('light', '  ')}
}

.aslkit-theme[data-theme='dark'] {
${statusCssVariables('dark', '  ')}
}
`;

describe('palette.css', () => {
  it("is core's status palette", async () => {
    await expect(GENERATED).toMatchFileSnapshot('./palette.css');
  });

  it('gives a themed element the colour of each status', () => {
    const light = document.createElement('div');
    light.className = 'aslkit-theme';
    const dark = document.createElement('div');
    dark.className = 'aslkit-theme';
    dark.dataset.theme = 'dark';
    document.body.append(light, dark);
    try {
      for (const [status, colour] of Object.entries(STATUS_COLOURS.light))
        expect(getComputedStyle(light).getPropertyValue(`--aslkit-status-${status}`).trim(), status).toBe(colour);
      expect(getComputedStyle(dark).getPropertyValue('--aslkit-status-failed').trim()).toBe(STATUS_COLOURS.dark.failed);
    } finally {
      light.remove();
      dark.remove();
    }
  });
});
