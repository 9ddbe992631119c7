// Go's strconv and fmt helpers now live in src/go/; the template code imports them from
// there. The re-exports keep this module's older API (used by its tests) working.

export { goQuote, goUnquote, parseGoFloat, parseGoInt, parseGoUint, underscoreOK } from '../go/strconv.js';
export { formatRuneU } from '../go/fmt.js';

/** Length of the UTF-8 encoding, Go's len(s); Go measures token lengths in bytes. */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}
