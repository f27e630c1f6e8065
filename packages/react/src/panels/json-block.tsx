/** A JSON value shown pretty-printed, cut at a size a panel can show without freezing. */
import { useState } from 'react';

const PREVIEW_CHARS = 20_000;

/** Pretty JSON text for a value that may arrive as JSON text (history events carry strings). */
export function prettyJson(value: unknown): string {
  if (typeof value === 'string') {
    try {
      return JSON.stringify(JSON.parse(value), null, 2);
    } catch {
      return value;
    }
  }
  return JSON.stringify(value, null, 2) ?? String(value);
}

/** A labelled block of JSON; long payloads show the first 20,000 characters until expanded. */
export function JsonBlock({ label, value, testId }: { label: string; value: unknown; testId?: string }) {
  const [full, setFull] = useState(false);
  const text = prettyJson(value);
  const cut = !full && text.length > PREVIEW_CHARS;
  return (
    <div>
      <strong>{label}</strong>
      <pre data-testid={testId} aria-label={label} tabIndex={0}>
        {cut ? `${text.slice(0, PREVIEW_CHARS)}\n…` : text}
      </pre>
      {cut && (
        <button type="button" className="aslkit-button" onClick={() => setFull(true)}>
          Show all {text.length.toLocaleString()} characters
        </button>
      )}
    </div>
  );
}
