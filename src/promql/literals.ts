// Values of number and string literals, decoded the way Prometheus decodes them
// (Go's strconv.ParseInt base 0, then ParseFloat; Prometheus' strutil.Unquote).

import { goQuote } from './gofmt.js';

export type NumberResult = { ok: true; value: number } | { ok: false; error: string };

const INT64_MAX = (1n << 63n) - 1n;

/** A NUMBER token's value; `error` is Prometheus' message when it cannot be parsed. */
export function parseNumber(text: string): NumberResult {
  const asInt = parseGoInt(text);
  if (asInt !== undefined) return { ok: true, value: asInt };
  return parseGoFloat(text);
}

/** strconv.ParseInt(text, 0, 64): 0x hex, leading-0 octal, decimal; undefined when it fails. */
function parseGoInt(text: string): number | undefined {
  let digits = text;
  let radix = 10;
  if (/^0[xX]/.test(text)) {
    digits = text.slice(2);
    radix = 16;
  } else if (/^0[0-7_]/.test(text)) {
    // Go reads a leading zero as octal: 010 is 8.
    digits = text.slice(1);
    radix = 8;
  }
  if (!underscoresOk(text)) return undefined;
  digits = digits.replace(/_/g, '');
  const valid = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return undefined;
  const prefix = radix === 16 ? '0x' : radix === 8 ? '0o' : '';
  const n = BigInt(prefix + digits);
  return n > INT64_MAX ? undefined : Number(n);
}

function parseGoFloat(text: string): NumberResult {
  const lower = text.toLowerCase();
  if (lower === 'inf' || lower === '+inf' || lower === 'infinity') return { ok: true, value: Infinity };
  if (lower === 'nan') return { ok: true, value: NaN };
  const syntax = { ok: false, error: floatError(text, 'invalid syntax') } as const;
  // Hexadecimal floats need a p exponent, which the PromQL lexer never produces.
  if (/^0[xX]/.test(text) || !underscoresOk(text)) return syntax;
  const plain = text.replace(/_/g, '');
  if (!/^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(plain)) return syntax;
  const value = Number(plain);
  if (!Number.isFinite(value)) return { ok: false, error: floatError(text, 'value out of range') };
  return { ok: true, value };
}

function floatError(text: string, reason: string): string {
  return `error parsing number: strconv.ParseFloat: parsing ${goQuote(text)}: ${reason}`;
}

/** Go allows underscores only between digits, or right after a base prefix. */
function underscoresOk(text: string): boolean {
  let saw = '^';
  let i = 0;
  let hex = false;
  if (/^0[xXoObB]/.test(text)) {
    i = 2;
    saw = '0';
    hex = /^0[xX]/.test(text);
  }
  for (; i < text.length; i++) {
    const c = text[i] ?? '';
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

export type StringResult = { ok: true; value: string; validUtf8: boolean } | { ok: false; error: string };

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  a: 7,
  b: 8,
  f: 12,
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  '\\': 92,
  "'": 39,
  '"': 34,
};

/**
 * A STRING token's value: double- or single-quoted with Go escapes (single quotes may
 * hold any number of characters), or a backtick raw string taken verbatim.
 */
export function unquoteString(token: string): StringResult {
  const quote = token[0];
  const bad = { ok: false, error: `error unquoting string ${goQuote(token)}: invalid syntax` } as const;
  if (token.length < 2 || token[token.length - 1] !== quote) return bad;
  const body = token.slice(1, -1);
  if (quote === '`') return body.includes('`') ? bad : { ok: true, value: body, validUtf8: true };
  if ((quote !== '"' && quote !== "'") || body.includes('\n')) return bad;
  if (!body.includes('\\')) return body.includes(quote) ? bad : { ok: true, value: body, validUtf8: true };
  // \x and octal escapes are raw bytes, so decode into UTF-8 bytes and back.
  const bytes: number[] = [];
  const enc = new TextEncoder();
  for (let i = 0; i < body.length; ) {
    const ch = String.fromCodePoint(body.codePointAt(i) ?? 0);
    if (ch === quote) return bad;
    if (ch !== '\\') {
      bytes.push(...enc.encode(ch));
      i += ch.length;
      continue;
    }
    const c = body[i + 1] ?? '';
    i += 2;
    const simple = SIMPLE_ESCAPES[c];
    if (simple !== undefined) {
      if ((c === "'" || c === '"') && c !== quote) return bad;
      bytes.push(simple);
    } else if (c === 'x' || c === 'u' || c === 'U') {
      const n = c === 'x' ? 2 : c === 'u' ? 4 : 8;
      const hex = body.slice(i, i + n);
      if (!new RegExp(`^[0-9a-fA-F]{${n}}$`).test(hex)) return bad;
      i += n;
      const v = parseInt(hex, 16);
      if (c === 'x') bytes.push(v);
      else if (v > 0x10ffff) return bad;
      else bytes.push(...enc.encode(String.fromCodePoint(v)));
    } else if (c >= '0' && c <= '7') {
      const oct = c + body.slice(i, i + 2);
      if (!/^[0-7]{3}$/.test(oct) || parseInt(oct, 8) > 255) return bad;
      i += 2;
      bytes.push(parseInt(oct, 8));
    } else {
      return bad;
    }
  }
  const raw = Uint8Array.from(bytes);
  try {
    return { ok: true, value: new TextDecoder('utf-8', { fatal: true }).decode(raw), validUtf8: true };
  } catch {
    return { ok: true, value: new TextDecoder('utf-8').decode(raw), validUtf8: false };
  }
}
