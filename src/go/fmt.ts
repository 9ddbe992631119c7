// Go's fmt verbs that error messages are built with (%#U, %.Nq, %f), so that messages
// read byte-for-byte like the Go programs' (promtool's) own.

import { formatGoFloat, goQuote, isGoPrint, type Rune } from './strconv.js';

/** Go's fmt `%#U` of a rune: `U+0041 'A'`, without the quoted form for unprintable runes. */
export function formatRuneU(r: Rune): string {
  const cp = typeof r === 'number' ? r : (r.codePointAt(0) ?? 0);
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return isGoPrint(cp) ? `${code} '${String.fromCodePoint(cp)}'` : code;
}

/** Go's fmt `%.Nq` of a string: the first N runes, quoted by strconv.Quote. */
export function goQuoteTruncated(s: string, runes: number): string {
  return goQuote([...s].slice(0, runes).join(''));
}

/**
 * Go's fmt `%f` of a float64: strconv.FormatFloat(v, 'f', 6, 64), which rounds the exact
 * binary value half to even, with fmt's `+Inf`, `-Inf` and `NaN`.
 */
export function goFixed(v: number): string {
  return formatGoFloat(v, 'f', 6);
}

/** strconv.FormatFloat(v, 'E', -1, 64): shortest digits, exponent with a sign and at least two digits. */
export function formatFloatE(v: number): string {
  return formatGoFloat(v, 'E', -1);
}
