// Go's fmt verbs that Prometheus error messages are built with (%q, %#U, %f), so our
// messages read byte-for-byte like promtool's.

const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S} ]$/u;

function isPrint(ch: string): boolean {
  return PRINTABLE.test(ch);
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function escapeRune(ch: string, quote: string): string {
  if (ch === quote || ch === '\\') return `\\${ch}`;
  if (isPrint(ch)) return ch;
  switch (ch) {
    case '\x07':
      return '\\a';
    case '\b':
      return '\\b';
    case '\f':
      return '\\f';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    case '\v':
      return '\\v';
  }
  const cp = ch.codePointAt(0) ?? 0;
  if (cp < 0x20 || cp === 0x7f) return `\\x${hex(cp, 2)}`;
  if (cp < 0x10000) return `\\u${hex(cp, 4)}`;
  return `\\U${hex(cp, 8)}`;
}

/** Go's strconv.Quote / `%q` of a string. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch, '"');
  return `${out}"`;
}

/** Go's `%.Nq`: the first N runes, quoted. */
export function goQuoteTruncated(s: string, runes: number): string {
  return goQuote([...s].slice(0, runes).join(''));
}

/** Go's `%q` of a rune. */
export function goQuoteRune(ch: string): string {
  return `'${escapeRune(ch, "'")}'`;
}

/** Go's `%#U`: `U+0063 'c'`, without the quoted form for unprintable runes. */
export function goUnicode(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return isPrint(ch) ? `${code} '${ch}'` : code;
}

/** Go's `%f`. */
export function goFixed(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  // toFixed switches to exponent notation from 1e21; such doubles are integers anyway.
  if (Math.abs(v) >= 1e21) return `${BigInt(v)}.000000`;
  return v.toFixed(6);
}
