// Each browser project runs the component tests on one React major (vitest.workspace.ts): this
// checks that the project really got the React it names, react-dom included, so a resolution slip
// cannot quietly test React 19 twice.
import { version as reactVersion, useState } from 'react';
import { version as domVersion } from 'react-dom';
import { render } from 'vitest-browser-react';
import { describe, expect, it } from 'vitest';

declare const __REACT_MAJOR__: string;

function Counter() {
  const [count, setCount] = useState(0);
  return (
    <button type="button" onClick={() => setCount(count + 1)}>
      clicked {count}
    </button>
  );
}

describe(`React ${__REACT_MAJOR__}`, () => {
  it('is the React and react-dom this project names, with working hooks', async () => {
    expect(reactVersion.split('.')[0]).toBe(__REACT_MAJOR__);
    expect(domVersion).toBe(reactVersion);
    const screen = await render(<Counter />);
    await screen.getByRole('button').click();
    await expect.element(screen.getByRole('button')).toHaveTextContent('clicked 1');
  });
});
