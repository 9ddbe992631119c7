// Values of number and string literals, decoded the way Prometheus decodes them
// (Go's strconv.ParseInt base 0, then ParseFloat; Prometheus' strutil.Unquote).

import { goQuote, parseGoFloatDetailed, parseGoInt, unquoteBody } from '../go/strconv.js';

export type NumberResult = { ok: true; value: number } | { ok: false; error: string };

/** A NUMBER token's value (Prometheus' parseNumber); `error` is its message when it cannot be parsed. */
export function parseNumber(text: string): NumberResult {
  const asInt = parseGoInt(text);
  if (asInt !== undefined) return { ok: true, value: Number(asInt) };
  const f = parseGoFloatDetailed(text);
  if (f.ok) return f;
  return { ok: false, error: `error parsing number: strconv.ParseFloat: parsing ${goQuote(text)}: ${f.error}` };
}

export type StringResult = { ok: true; value: string; validUtf8: boolean } | { ok: false; error: string };

/**
 * A STRING token's value, as Prometheus' strutil.Unquote gives it. That is Go's
 * strconv.Unquote with three deliberate differences: single quotes may hold any number
 * of characters, raw strings keep carriage returns, and \u/\U escapes of surrogates are
 * accepted (the lexer has already rejected those).
 */
export function unquoteString(token: string): StringResult {
  const quote = token[0];
  const bad = { ok: false, error: `error unquoting string ${goQuote(token)}: invalid syntax` } as const;
  if (token.length < 2 || token[token.length - 1] !== quote) return bad;
  const body = token.slice(1, -1);
  if (quote === '`') return body.includes('`') ? bad : { ok: true, value: body, validUtf8: true };
  if (quote !== '"' && quote !== "'") return bad;
  const s = unquoteBody(body, quote, { surrogateEscapes: true });
  return s === undefined ? bad : { ok: true, ...s };
}
