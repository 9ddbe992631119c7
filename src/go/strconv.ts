// Go's strconv semantics, shared by the PromQL and Go-template front ends: both take
// their number and string-literal rules (and the %q text of their error messages) from
// Go. Each function names the Go function it follows. A JS string stands for the Go
// string holding its UTF-8 encoding; where Go works on bytes that are not UTF-8, the
// result says so (GoString.validUtf8).

/** A Go rune, given as its code point or as a string holding that one character. */
export type Rune = number | string;

function codePoint(r: Rune): number {
  return typeof r === 'number' ? r : (r.codePointAt(0) ?? 0);
}

/** Go's utf8.ValidRune: a Unicode scalar value (no surrogates, at most U+10FFFF). */
export function isValidRune(cp: number): boolean {
  return cp >= 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff);
}

const PRINTABLE_CLASS = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's strconv.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space. */
export function isGoPrint(cp: number): boolean {
  if (cp === 0x20) return true;
  if (cp < 0x20 || cp === 0x7f || !isValidRune(cp)) return false;
  return PRINTABLE_CLASS.test(String.fromCodePoint(cp));
}

const ESCAPED_CONTROLS: ReadonlyMap<number, string> = new Map([
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

/**
 * Go's appendEscapedRune (strconv/quote.go): one rune of a Quote/QuoteRune result, or with `asciiOnly` of a
 * QuoteToASCII/QuoteRuneToASCII one (printable runes above U+007F escaped too).
 */
function escapeRune(cp: number, quote: number, asciiOnly = false): string {
  if (cp === quote || cp === 0x5c) return `\\${String.fromCodePoint(cp)}`;
  if (isGoPrint(cp) && (!asciiOnly || cp < 0x80)) return String.fromCodePoint(cp);
  const simple = ESCAPED_CONTROLS.get(cp);
  if (simple !== undefined) return simple;
  if (cp < 0x20 || cp === 0x7f) return `\\x${hex(cp, 2)}`;
  // Go replaces an invalid rune by U+FFFD here; a lone surrogate is what a JS string
  // has where Go would hold an invalid rune.
  if (!isValidRune(cp)) return '\\ufffd';
  if (cp < 0x10000) return `\\u${hex(cp, 4)}`;
  return `\\U${hex(cp, 8)}`;
}

/** Go's strconv.Quote (and fmt's `%q` of a string). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch.codePointAt(0) ?? 0, 0x22);
  return `${out}"`;
}

/** Go's strconv.QuoteRune (and fmt's `%q` of a rune). */
export function goQuoteRune(r: Rune): string {
  const cp = codePoint(r);
  return `'${escapeRune(isValidRune(cp) ? cp : 0xfffd, 0x27)}'`;
}

/** Go's strconv.QuoteToASCII (and fmt's `%+q` of a string). */
export function goQuoteToASCII(s: string): string {
  let out = '"';
  for (const ch of s) out += escapeRune(ch.codePointAt(0) ?? 0, 0x22, true);
  return `${out}"`;
}

/** Go's strconv.QuoteRuneToASCII (and fmt's `%+q` of a rune). */
export function goQuoteRuneToASCII(r: Rune): string {
  const cp = codePoint(r);
  return `'${escapeRune(isValidRune(cp) ? cp : 0xfffd, 0x27, true)}'`;
}

export interface UnquotedChar {
  /** The decoded code point, or byte value when `multibyte` is false and value > 0x7f. */
  readonly value: number;
  /** False for \x and octal escapes, which denote bytes rather than runes. */
  readonly multibyte: boolean;
  /** Index in the input just after the character. */
  readonly next: number;
}

export interface UnquoteOptions {
  /**
   * Accept \u and \U escapes of surrogates (D800-DFFF), which encode as U+FFFD. Go's
   * UnquoteChar rejects them; Prometheus' copy of it (strutil.unquoteChar) only rejects
   * values above U+10FFFF.
   */
  readonly surrogateEscapes?: boolean;
}

function hexDigit(ch: string | undefined): number | undefined {
  if (ch === undefined || ch.length !== 1) return undefined;
  const v = '0123456789abcdef'.indexOf(ch.toLowerCase());
  return v < 0 ? undefined : v;
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
 * Go's strconv.UnquoteChar applied at index i of s: decodes one (possibly escaped)
 * character of a literal quoted with `quote`. Undefined means Go's ErrSyntax.
 */
export function unquoteCharAt(s: string, i: number, quote: '"' | "'", options: UnquoteOptions = {}): UnquotedChar | undefined {
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
    if (v > 0x10ffff || (!options.surrogateEscapes && !isValidRune(v))) return undefined;
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

/** Go's utf8.EncodeRune appended to bytes; invalid runes (surrogates) encode as U+FFFD. */
function appendRune(bytes: number[], rune: number): void {
  const cp = isValidRune(rune) ? rune : 0xfffd;
  if (cp < 0x80) bytes.push(cp);
  else if (cp < 0x800) bytes.push(0xc0 | (cp >> 6), 0x80 | (cp & 0x3f));
  else if (cp < 0x10000) bytes.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
  else bytes.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 0x3f), 0x80 | ((cp >> 6) & 0x3f), 0x80 | (cp & 0x3f));
}

/** A Go string (bytes) as JS sees it: invalid UTF-8 becomes U+FFFD, and is flagged. */
export interface GoString {
  readonly value: string;
  readonly validUtf8: boolean;
}

const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true });
const LENIENT_UTF8 = new TextDecoder('utf-8');

function goString(bytes: readonly number[]): GoString {
  const raw = Uint8Array.from(bytes);
  try {
    return { value: STRICT_UTF8.decode(raw), validUtf8: true };
  } catch {
    return { value: LENIENT_UTF8.decode(raw), validUtf8: false };
  }
}

/**
 * The escape-decoding loop of Go's strconv.Unquote: the value of `body`, the text between
 * the quotes of a "…" or '…' literal, one UnquoteChar at a time. An unescaped quote or
 * newline is a syntax error (undefined). Unlike Unquote it does not limit '…' to one
 * character (Prometheus' strutil.Unquote relies on that).
 */
export function unquoteBody(body: string, quote: '"' | "'", options: UnquoteOptions = {}): GoString | undefined {
  if (body.includes('\n')) return undefined;
  if (!body.includes('\\') && !body.includes(quote)) return { value: body, validUtf8: true };
  const bytes: number[] = [];
  for (let i = 0; i < body.length; ) {
    const r = unquoteCharAt(body, i, quote, options);
    if (r === undefined) return undefined;
    if (r.value < 0x80 || !r.multibyte) bytes.push(r.value);
    else appendRune(bytes, r.value);
    i = r.next;
  }
  return goString(bytes);
}

/**
 * Go's strconv.Unquote: the value of a "…", '…' (exactly one character) or `…` literal,
 * undefined on a syntax error. Raw strings drop carriage returns, as in Go.
 */
export function goUnquote(literal: string): string | undefined {
  if (literal.length < 2) return undefined;
  const quote = literal[0];
  if (quote !== literal[literal.length - 1]) return undefined;
  const body = literal.slice(1, -1);
  if (quote === '`') return body.includes('`') ? undefined : body.replaceAll('\r', '');
  if (quote === '"') return unquoteBody(body, quote)?.value;
  if (quote !== "'") return undefined;
  // Go's fast path takes '' (no rune at all) as the empty string.
  if (body === '') return '';
  if (body[0] === '\n') return undefined;
  const r = unquoteCharAt(body, 0, quote);
  if (r === undefined || r.next !== body.length) return undefined;
  const bytes: number[] = [];
  if (r.value < 0x80 || !r.multibyte) bytes.push(r.value);
  else appendRune(bytes, r.value);
  return goString(bytes).value;
}

function isAsciiHexLetter(ch: string): boolean {
  return (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
}

/**
 * Go's underscoreOK (strconv/atoi.go): underscores may only separate digits, or follow
 * a base prefix (0b, 0o, 0x); an optional sign is skipped.
 */
export function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  const body = s.startsWith('+') || s.startsWith('-') ? s.slice(1) : s;
  let hexDigits = false;
  const prefix = body[1];
  if (body[0] === '0' && prefix !== undefined && 'bBoOxX'.includes(prefix)) {
    i = 2;
    saw = '0';
    hexDigits = prefix === 'x' || prefix === 'X';
  }
  for (; i < body.length; i++) {
    const ch = body[i] ?? '';
    if ((ch >= '0' && ch <= '9') || (hexDigits && isAsciiHexLetter(ch))) {
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

/**
 * Go's strconv.ParseUint(s, 0, 64): prefixes 0b, 0o, 0x and a bare leading 0 (octal),
 * underscores as in Go literals; undefined on a syntax or range error.
 */
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

/** Go's strconv.ParseInt(s, 0, 64): an optional sign, then ParseUint; undefined on error. */
export function parseGoInt(s: string): bigint | undefined {
  if (s === '') return undefined;
  const negative = s[0] === '-';
  const body = s[0] === '-' || s[0] === '+' ? s.slice(1) : s;
  const u = parseGoUint(body);
  if (u === undefined) return undefined;
  if (negative ? u > INT64_LIMIT : u >= INT64_LIMIT) return undefined;
  return negative ? -u : u;
}

/** x * 2**e for an x and a result that doubles hold exactly (or an overflow to ±Inf). */
function scaleByPowerOfTwo(x: number, e: number): number {
  let v = x;
  let k = e;
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

/** mantissa * 2**exp rounded to the nearest double, ties to even (Go's atofHex). */
function hexFloatValue(mantissa: bigint, exp: number): number {
  if (mantissa === 0n) return 0;
  const bits = mantissa.toString(2).length;
  const top = bits - 1 + exp; // exponent of the leading bit
  if (top >= 1024) return Infinity;
  if (top < -1075) return 0;
  // Keep 53 significant bits, and no bit below 2**-1074 (the subnormal step).
  const shift = Math.max(bits - 53, -1074 - exp);
  if (shift <= 0) return scaleByPowerOfTwo(Number(mantissa), exp);
  const big = BigInt(shift);
  let kept = mantissa >> big;
  const rest = mantissa - (kept << big);
  const half = 1n << (big - 1n);
  if (rest > half || (rest === half && (kept & 1n) === 1n)) kept += 1n;
  return scaleByPowerOfTwo(Number(kept), exp + shift);
}

const DECIMAL_FLOAT = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const HEX_FLOAT = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/;

export type FloatParse =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly error: 'invalid syntax' | 'value out of range' };

/**
 * Go's strconv.ParseFloat(s, 64): decimal and hexadecimal (p exponent required) floats
 * with Go's underscores, correctly rounded; "inf"/"infinity" with an optional sign and
 * unsigned "nan", in any case. The error is the text of Go's ErrSyntax or ErrRange.
 */
export function parseGoFloatDetailed(s: string): FloatParse {
  const signed = s[0] === '-' || s[0] === '+';
  const sign = s[0] === '-' ? -1 : 1;
  const unsigned = signed ? s.slice(1) : s;
  const lower = unsigned.toLowerCase();
  if (lower === 'inf' || lower === 'infinity') return { ok: true, value: sign * Infinity };
  if (lower === 'nan' && !signed) return { ok: true, value: NaN };
  const syntax = { ok: false, error: 'invalid syntax' } as const;
  if (unsigned.includes('_') && !underscoreOK(s)) return syntax;
  const clean = unsigned.replaceAll('_', '');
  let value: number;
  const h = HEX_FLOAT.exec(clean);
  if (h) {
    const intDigits = h[1] ?? '';
    const fracDigits = h[2] ?? '';
    if (intDigits === '' && fracDigits === '') return syntax;
    const exp = Number(h[3]) - 4 * fracDigits.length;
    value = hexFloatValue(BigInt(`0x${intDigits}${fracDigits}`), exp);
  } else if (DECIMAL_FLOAT.test(clean)) {
    value = Number(clean);
  } else {
    return syntax;
  }
  if (!Number.isFinite(value)) return { ok: false, error: 'value out of range' };
  return { ok: true, value: sign * value };
}

/** Go's strconv.ParseFloat(s, 64); undefined on a syntax error or overflow. */
export function parseGoFloat(s: string): number | undefined {
  const r = parseGoFloatDetailed(s);
  return r.ok ? r.value : undefined;
}

/** Decimal digits of a float64, as strconv's FormatFloat works on them. */
interface Decimal {
  /** Significant digits without trailing zeros; '' for zero. */
  readonly d: string;
  /** Decimal point position: the value is 0.d × 10^dp. */
  readonly dp: number;
}

/** A finite double's exact value as mantissa * 2**exponent. */
function decompose(x: number): [mantissa: bigint, exponent: number] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  return biased === 0 ? [fraction, -1074] : [fraction | (1n << 52n), biased - 1075];
}

/** The exact decimal expansion of |x| (finite). */
function exactDecimal(x: number): Decimal {
  if (x === 0) return { d: '', dp: 0 };
  const [m, e] = decompose(Math.abs(x));
  let s: string;
  let dp: number;
  if (e >= 0) {
    s = (m << BigInt(e)).toString();
    dp = s.length;
  } else {
    s = (m * 5n ** BigInt(-e)).toString();
    dp = s.length + e;
  }
  return { d: s.replace(/0+$/, ''), dp };
}

/** The shortest decimal that reads back as |x| (both Go and JS pick the closest such). */
function shortestDecimal(x: number): Decimal {
  if (x === 0) return { d: '', dp: 0 };
  const [mant, exp] = Math.abs(x).toExponential().split('e') as [string, string];
  const d = mant.replace('.', '').replace(/0+$/, '');
  return { d, dp: Number(exp) + 1 };
}

/** Go's decimal.Round: nd significant digits, half to even (the expansion is exact). */
function roundDecimal(a: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= a.d.length) return a;
  const digit = a.d.charCodeAt(nd) - 48;
  const up = digit === 5 && nd + 1 === a.d.length ? nd > 0 && (a.d.charCodeAt(nd - 1) - 48) % 2 === 1 : digit >= 5;
  if (up) {
    let i = nd - 1;
    while (i >= 0 && a.d[i] === '9') i--;
    if (i < 0) return { d: '1', dp: a.dp + 1 };
    return { d: a.d.slice(0, i) + String.fromCharCode(a.d.charCodeAt(i) + 1), dp: a.dp };
  }
  const d = a.d.slice(0, nd).replace(/0+$/, '');
  return { d, dp: d === '' ? 0 : a.dp };
}

function fmtE(neg: boolean, d: Decimal, prec: number, fmt: string): string {
  let out = neg ? '-' : '';
  out += d.d.length > 0 ? d.d[0] : '0';
  if (prec > 0) {
    out += '.';
    const m = Math.min(d.d.length, prec + 1);
    out += d.d.slice(1, m);
    out += '0'.repeat(Math.max(0, prec + 1 - Math.max(m, 1)));
  }
  let exp = d.d.length === 0 ? 0 : d.dp - 1;
  const sign = exp < 0 ? '-' : '+';
  exp = Math.abs(exp);
  return `${out}${fmt}${sign}${exp < 10 ? `0${exp}` : exp}`;
}

function fmtF(neg: boolean, d: Decimal, prec: number): string {
  let out = neg ? '-' : '';
  if (d.dp > 0) {
    const m = Math.min(d.d.length, d.dp);
    out += d.d.slice(0, m) + '0'.repeat(d.dp - m);
  } else {
    out += '0';
  }
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) {
      const j = d.dp + i - 1;
      out += j >= 0 && j < d.d.length ? d.d[j] : '0';
    }
  }
  return out;
}

function fmtB(neg: boolean, x: number): string {
  const [m, e] = decompose(Math.abs(x));
  const exp = e;
  return `${neg ? '-' : ''}${m}p${exp >= 0 ? '+' : ''}${exp}`;
}

function fmtX(neg: boolean, x: number, prec: number, fmt: 'x' | 'X'): string {
  let [mant, exp] = decompose(Math.abs(x));
  // Value = mant × 2^exp; normalise so the leading 1 is bit 60 and value = mant/2^60 × 2^exp2.
  let exp2 = exp + 52;
  if (mant === 0n) exp2 = 0;
  mant <<= 8n;
  while (mant !== 0n && (mant & (1n << 60n)) === 0n) {
    mant <<= 1n;
    exp2--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & ((1n << 60n) - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp2++;
    }
  }
  const hex = fmt === 'X' ? '0123456789ABCDEF' : '0123456789abcdef';
  let out = `${neg ? '-' : ''}0${fmt}${(mant >> 60n) & 1n}`;
  mant = (mant << 4n) & ((1n << 64n) - 1n);
  if (prec < 0 && mant !== 0n) {
    out += '.';
    while (mant !== 0n) {
      out += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  } else if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) {
      out += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  }
  out += fmt === 'X' ? 'P' : 'p';
  out += exp2 < 0 ? '-' : '+';
  const e = Math.abs(exp2);
  out += e < 10 ? `0${e}` : String(e);
  return out;
}

/**
 * Go's strconv.FormatFloat(v, fmt, prec, 64) for fmt in e E f g G b x X: a negative `prec` gives the shortest
 * digits that read back as v, any other rounds the exact binary value half to even. `NaN`, `+Inf`, `-Inf`.
 */
export function formatGoFloat(v: number, fmt: string, prec: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const neg = v < 0 || Object.is(v, -0);
  if (fmt === 'b') return fmtB(neg, v);
  if (fmt === 'x' || fmt === 'X') return fmtX(neg, v, prec, fmt);
  const shortest = prec < 0;
  let digs: Decimal;
  let p = prec;
  if (shortest) {
    digs = shortestDecimal(v);
    if (fmt === 'e' || fmt === 'E') p = Math.max(digs.d.length - 1, 0);
    else if (fmt === 'f') p = Math.max(digs.d.length - digs.dp, 0);
    else p = digs.d.length;
  } else {
    const exact = exactDecimal(v);
    if (fmt === 'f') {
      digs = roundDecimal(exact, exact.dp + p);
    } else {
      let digits = p;
      if (fmt === 'e' || fmt === 'E') digits++;
      else if (fmt === 'g' || fmt === 'G') {
        if (p === 0) p = 1;
        digits = p;
      } else digits = 1;
      digs = roundDecimal(exact, digits);
    }
  }
  switch (fmt) {
    case 'e':
    case 'E':
      return fmtE(neg, digs, p, fmt);
    case 'f':
      return fmtF(neg, digs, p);
    case 'g':
    case 'G': {
      let eprec = p;
      if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
      if (shortest) eprec = 6;
      const exp = digs.dp - 1;
      if (exp < -4 || exp >= eprec) {
        if (p > digs.d.length) p = digs.d.length;
        return fmtE(neg, digs, p - 1, fmt === 'g' ? 'e' : 'E');
      }
      if (p > digs.dp) p = digs.d.length;
      return fmtF(neg, digs, Math.max(p - digs.dp, 0));
    }
    default:
      return `%${fmt}`;
  }
}
