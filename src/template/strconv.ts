// Go-compatible literal handling for the template parser: quoting for error
// messages, unquoting of string/char literals and Go's numeric parsing rules.
// Error messages quote values the way Go's %q does so that users coming from
// promtool see identical text.

const PRINTABLE_CLASS = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space. */
export function isGoPrint(cp: number): boolean {
  if (cp === 0x20) return true;
  if (cp < 0x20 || cp === 0x7f) return false;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  return PRINTABLE_CLASS.test(String.fromCodePoint(cp));
}

const SIMPLE_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x07, '\\a'],
  [0x08, '\\b'],
  [0x0c, '\\f'],
  [0x0a, '\\n'],
  [0x0d, '\\r'],
  [0x09, '\\t'],
  [0x0b, '\\v'],
]);

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function escapeRune(cp: number): string {
  if (cp === 0x22) return '\\"';
  if (cp === 0x5c) return '\\\\';
  if (isGoPrint(cp)) return String.fromCodePoint(cp);
  const simple = SIMPLE_ESCAPES.get(cp);
  if (simple !== undefined) return simple;
  if (cp < 0x20 || cp === 0x7f) return `\\x${hex(cp, 2)}`;
  // A lone surrogate is what JS has where Go would see invalid UTF-8.
  if (cp >= 0xd800 && cp <= 0xdfff) return '\\ufffd';
  if (cp < 0x10000) return `\\u${hex(cp, 4)}`;
  return `\\U${hex(cp, 8)}`;
}

/** Go's strconv.Quote (and fmt's %q for strings). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch.codePointAt(0) ?? 0);
  return out + '"';
}

/** Go's fmt %#U: `U+0041 'A'`, without the quoted form for unprintable runes. */
export function formatRuneU(cp: number): string {
  const code = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return isGoPrint(cp) ? `${code} '${String.fromCodePoint(cp)}'` : code;
}

/** Length of the UTF-8 encoding; Go measures token lengths in bytes. */
export function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

export interface UnquotedRune {
  readonly value: number;
  /** False for \x and octal escapes, which denote bytes rather than runes. */
  readonly multibyte: boolean;
  readonly next: number;
}

function hexDigit(ch: string | undefined): number | undefined {
  if (ch === undefined) return undefined;
  const v = '0123456789abcdef'.indexOf(ch.toLowerCase());
  return v < 0 || ch.length !== 1 ? undefined : v;
}

function isValidRune(cp: number): boolean {
  return cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
}

const ESCAPE_VALUES: ReadonlyMap<string, number> = new Map([
  ['a', 0x07],
  ['b', 0x08],
  ['f', 0x0c],
  ['n', 0x0a],
  ['r', 0x0d],
  ['t', 0x09],
  ['v', 0x0b],
  ['\\', 0x5c],
]);

/**
 * Decodes one (possibly escaped) character of a quoted literal starting at
 * index i, following Go's strconv.UnquoteChar. Undefined means Go's
 * "invalid syntax".
 */
export function unquoteCharAt(s: string, i: number, quote: '"' | "'"): UnquotedRune | undefined {
  const c = s.codePointAt(i);
  if (c === undefined) return undefined;
  if (String.fromCodePoint(c) === quote) return undefined;
  if (c >= 0x80) return { value: c, multibyte: true, next: i + (c > 0xffff ? 2 : 1) };
  if (c !== 0x5c) return { value: c, multibyte: false, next: i + 1 };
  const e = s[i + 1];
  if (e === undefined) return undefined;
  const simple = ESCAPE_VALUES.get(e);
  if (simple !== undefined) return { value: simple, multibyte: false, next: i + 2 };
  if (e === 'x' || e === 'u' || e === 'U') {
    const width = e === 'x' ? 2 : e === 'u' ? 4 : 8;
    let v = 0;
    for (let k = 0; k < width; k++) {
      const d = hexDigit(s[i + 2 + k]);
      if (d === undefined) return undefined;
      v = v * 16 + d;
    }
    if (e === 'x') return { value: v, multibyte: false, next: i + 2 + width };
    if (!isValidRune(v)) return undefined;
    return { value: v, multibyte: true, next: i + 2 + width };
  }
  if (e >= '0' && e <= '7') {
    let v = e.charCodeAt(0) - 0x30;
    for (let k = 0; k < 2; k++) {
      const d = s[i + 2 + k];
      if (d === undefined || d < '0' || d > '7') return undefined;
      v = v * 8 + (d.charCodeAt(0) - 0x30);
    }
    if (v > 255) return undefined;
    return { value: v, multibyte: false, next: i + 4 };
  }
  if (e === "'" || e === '"') return e === quote ? { value: e.charCodeAt(0), multibyte: false, next: i + 2 } : undefined;
  return undefined;
}

function pushUtf8(bytes: number[], cp: number): void {
  if (cp < 0x80) bytes.push(cp);
  else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

const UTF8 = new TextDecoder('utf-8');

/**
 * Go's strconv.Unquote for "..." and `...` literals. Go strings are bytes, so
 * escapes build a byte sequence that is then decoded as UTF-8 (invalid
 * sequences become U+FFFD, the closest a JS string can get).
 */
export function goUnquote(literal: string): string | undefined {
  if (literal.length < 2) return undefined;
  const quote = literal[0];
  if (quote !== literal[literal.length - 1]) return undefined;
  const body = literal.slice(1, -1);
  if (quote === '`') {
    if (body.includes('`')) return undefined;
    return body.replaceAll('\r', '');
  }
  if (quote !== '"') return undefined;
  if (body.includes('\n')) return undefined;
  if (!body.includes('\\') && !body.includes('"')) return body;
  const bytes: number[] = [];
  let i = 0;
  while (i < body.length) {
    const r = unquoteCharAt(body, i, '"');
    if (r === undefined) return undefined;
    if (r.value < 0x80 || !r.multibyte) bytes.push(r.value);
    else pushUtf8(bytes, r.value);
    i = r.next;
  }
  return UTF8.decode(new Uint8Array(bytes));
}

/** Go's underscoreOK: underscores may only separate digits (or follow a base prefix). */
export function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  let body = s;
  if (body.startsWith('+') || body.startsWith('-')) body = body.slice(1);
  let hexDigits = false;
  const prefix = body[1]?.toLowerCase();
  if (body.length >= 2 && body[0] === '0' && (prefix === 'b' || prefix === 'o' || prefix === 'x')) {
    i = 2;
    saw = '0';
    hexDigits = prefix === 'x';
  }
  for (; i < body.length; i++) {
    const ch = body[i] ?? '';
    const isDigit = (ch >= '0' && ch <= '9') || (hexDigits && ch.toLowerCase() >= 'a' && ch.toLowerCase() <= 'f');
    if (isDigit) {
      saw = '0';
      continue;
    }
    if (ch === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

const MAX_UINT64 = (1n << 64n) - 1n;
const INT64_LIMIT = 1n << 63n;

/** Go's strconv.ParseUint(s, 0, 64); undefined on syntax or range error. */
export function parseGoUint(s: string): bigint | undefined {
  if (s === '') return undefined;
  let base = 10n;
  let body = s;
  if (s[0] === '0') {
    const p = s[1]?.toLowerCase();
    if (s.length >= 3 && p === 'b') [base, body] = [2n, s.slice(2)];
    else if (s.length >= 3 && p === 'o') [base, body] = [8n, s.slice(2)];
    else if (s.length >= 3 && p === 'x') [base, body] = [16n, s.slice(2)];
    else [base, body] = [8n, s.slice(1)];
  }
  let n = 0n;
  let underscores = false;
  for (const ch of body) {
    if (ch === '_') {
      underscores = true;
      continue;
    }
    const d = hexDigit(ch);
    if (d === undefined || BigInt(d) >= base) return undefined;
    n = n * base + BigInt(d);
    if (n > MAX_UINT64) return undefined;
  }
  if (underscores && !underscoreOK(s)) return undefined;
  return n;
}

/** Go's strconv.ParseInt(s, 0, 64); undefined on syntax or range error. */
export function parseGoInt(s: string): bigint | undefined {
  if (s === '') return undefined;
  const negative = s[0] === '-';
  const body = s[0] === '-' || s[0] === '+' ? s.slice(1) : s;
  const u = parseGoUint(body);
  if (u === undefined) return undefined;
  if (negative ? u > INT64_LIMIT : u >= INT64_LIMIT) return undefined;
  return negative ? -u : u;
}

/** x * 2**e without the intermediate power overflowing or underflowing. */
function scaleByPowerOfTwo(x: number, e: number): number {
  // Beyond these exponents every finite non-zero mantissa over- or underflows;
  // clamping also keeps the loops below short for absurd exponents.
  if (x === 0) return 0;
  let k = Math.max(-2200, Math.min(2200, e));
  let v = x;
  while (k > 1000) {
    v *= 2 ** 1000;
    k -= 1000;
  }
  while (k < -1000) {
    v *= 2 ** -1000;
    k += 1000;
  }
  return v * 2 ** k;
}

const DECIMAL_FLOAT = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const HEX_FLOAT = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/;

export type FloatParse = { readonly ok: true; readonly value: number } | { readonly ok: false; readonly error: 'invalid syntax' | 'value out of range' };

/** Go's strconv.ParseFloat(s, 64), distinguishing syntax errors from overflow. */
export function parseGoFloatDetailed(s: string): FloatParse {
  const sign = s[0] === '-' ? -1 : 1;
  const unsigned = s[0] === '-' || s[0] === '+' ? s.slice(1) : s;
  const lower = unsigned.toLowerCase();
  if (lower === 'inf' || lower === 'infinity') return { ok: true, value: sign * Infinity };
  if (lower === 'nan') return { ok: true, value: NaN };
  const syntax = { ok: false, error: 'invalid syntax' } as const;
  if (unsigned.includes('_') && !underscoreOK(s)) return syntax;
  const clean = unsigned.replaceAll('_', '');
  let value: number;
  const h = HEX_FLOAT.exec(clean);
  if (h) {
    const intDigits = h[1] ?? '';
    const fracDigits = h[2] ?? '';
    if (intDigits === '' && fracDigits === '') return syntax;
    const mantissa = BigInt(`0x${intDigits}${fracDigits}`);
    value = scaleByPowerOfTwo(Number(mantissa), Number(h[3]) - 4 * fracDigits.length);
  } else if (DECIMAL_FLOAT.test(clean)) {
    value = Number(clean);
  } else {
    return syntax;
  }
  if (!Number.isFinite(value)) return { ok: false, error: 'value out of range' };
  return { ok: true, value: sign * value };
}

/** Go's strconv.ParseFloat(s, 64); undefined on syntax error or overflow. */
export function parseGoFloat(s: string): number | undefined {
  const r = parseGoFloatDetailed(s);
  return r.ok ? r.value : undefined;
}
