// Go's fmt verbs that error messages are built with (%#U, %.Nq, %f), so that messages
// read byte-for-byte like the Go programs' (promtool's) own.

import { goQuote, isGoPrint, type Rune } from './strconv.js';

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

/** A finite double's exact value as mantissa * 2**exponent. */
function decompose(x: number): [bigint, number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  return biased === 0 ? [fraction, -1074] : [fraction | (1n << 52n), biased - 1075];
}

/**
 * Go's fmt `%f` of a float64: strconv.FormatFloat(v, 'f', 6, 64), which rounds the exact
 * binary value half to even, with fmt's `+Inf`, `-Inf` and `NaN`.
 */
export function goFixed(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const sign = v < 0 || Object.is(v, -0) ? '-' : '';
  const [mantissa, exponent] = decompose(Math.abs(v));
  let num = mantissa * 10n ** 6n;
  let den = 1n;
  if (exponent >= 0) num <<= BigInt(exponent);
  else den <<= BigInt(-exponent);
  let micros = num / den;
  const twice = 2n * (num - micros * den);
  if (twice > den || (twice === den && (micros & 1n) === 1n)) micros += 1n;
  const digits = micros.toString().padStart(7, '0');
  return `${sign}${digits.slice(0, -6)}.${digits.slice(-6)}`;
}

/** strconv.FormatFloat(v, 'E', -1, 64): shortest digits, exponent with a sign and at least two digits. */
export function formatFloatE(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const [mantissa, exponent] = v.toExponential().split('e') as [string, string];
  const sign = exponent.startsWith('-') ? '-' : '+';
  const digits = exponent.replace(/^[+-]/, '').padStart(2, '0');
  return `${Object.is(v, -0) ? '-' : ''}${mantissa}E${sign}${digits}`;
}
