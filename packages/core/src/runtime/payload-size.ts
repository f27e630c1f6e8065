const NON_ASCII = /[^\x00-\x7f]/;

/** UTF-8 size of a JSON text, for AWS's 256 KiB payload limit, without allocating bytes. */
export function utf8Length(text: string): number {
  // Most JSON is ASCII: one native scan instead of a loop over every character.
  if (!NON_ASCII.test(text)) return text.length;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) ((bytes += 4), i++);
    else bytes += 3;
  }
  return bytes;
}

/** True when `text` is over `limit` bytes; cheap when it plainly is not. */
export const exceedsBytes = (text: string, limit: number): boolean =>
  text.length > limit || (text.length * 3 > limit && utf8Length(text) > limit);
