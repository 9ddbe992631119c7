// Conversion of numeric and character constants the way Go's parse.newNumber
// does it: each constant is kept under every type that represents it exactly.

import { goQuote, parseGoFloat, parseGoFloatDetailed, parseGoInt, parseGoUint, unquoteCharAt } from '../go/strconv.js';
import type { NumberNode } from './ast.js';

/** A NumberNode's values: the constant under every type that holds it exactly. */
export type NumberValue = Omit<NumberNode, 'type' | 'pos' | 'text'>;

export type NumberResult = { readonly ok: true; readonly value: NumberValue } | { readonly ok: false; readonly message: string };

const ZERO: NumberValue = {
  isInt: false,
  isUint: false,
  isFloat: false,
  isComplex: false,
  int64: 0n,
  uint64: 0n,
  float64: 0,
  complex: { re: 0, im: 0 },
};

const TWO_63 = 2 ** 63;
const TWO_64 = 2 ** 64;

// Go tests exactness with float64(int64(f)) == f; this is the same predicate
// without relying on out-of-range conversions.
function fitsInt64(f: number): boolean {
  return Number.isInteger(f) && f >= -TWO_63 && f < TWO_63;
}

function fitsUint64(f: number): boolean {
  return Number.isInteger(f) && f >= 0 && f < TWO_64;
}

function fromFloat(f: number, base: NumberValue): NumberValue {
  return {
    ...base,
    isFloat: true,
    float64: f,
    isInt: base.isInt || fitsInt64(f),
    int64: base.isInt ? base.int64 : fitsInt64(f) ? BigInt(f) : 0n,
    isUint: base.isUint || fitsUint64(f),
    uint64: base.isUint ? base.uint64 : fitsUint64(f) ? BigInt(f) : 0n,
  };
}

/** A complex constant is also a float/int when its imaginary part is zero. */
function fromComplex(re: number, im: number): NumberValue {
  const complex: NumberValue = { ...ZERO, isComplex: true, complex: { re, im } };
  return im === 0 ? fromFloat(re, complex) : complex;
}

function ok(value: NumberValue): NumberResult {
  return { ok: true, value };
}

function fail(message: string): NumberResult {
  return { ok: false, message };
}

function parseCharConstant(text: string): NumberResult {
  const r = unquoteCharAt(text, 1, "'");
  if (r === undefined) return fail('invalid syntax');
  if (text.slice(r.next) !== "'") return fail(`malformed character constant: ${text}`);
  const v = BigInt(r.value);
  return ok({ ...ZERO, isInt: true, int64: v, isUint: true, uint64: v, isFloat: true, float64: r.value });
}

const COMPLEX_SYNTAX = 'syntax error scanning complex number';

/** The float token fmt's scanner would read at i (sign, digits, '.', exponent). */
function scanFloatToken(text: string, i: number): number {
  let j = i;
  const acceptOne = (set: string): boolean => {
    const ch = text[j];
    if (ch !== undefined && set.includes(ch)) {
      j++;
      return true;
    }
    return false;
  };
  // Like fmt, a partial "nan"/"inf" stays consumed, which is what makes "1+i" a scan error.
  if (acceptOne('nN') && acceptOne('aA') && acceptOne('nN')) return j;
  acceptOne('+-');
  if (acceptOne('iI') && acceptOne('nN') && acceptOne('fF')) return j;
  let digits = '0123456789_';
  let exponent = 'eEpP';
  if (acceptOne('0') && acceptOne('xX')) {
    digits = '0123456789abcdefABCDEF_';
    exponent = 'pP';
  }
  while (acceptOne(digits));
  if (acceptOne('.')) while (acceptOne(digits));
  if (acceptOne(exponent)) {
    acceptOne('+-');
    while (acceptOne('0123456789_'));
  }
  return j;
}

// "1+2i": Go hands this to fmt.Sscan, so both the scanning rules and the
// error texts are fmt's and strconv's rather than the template parser's.
function parseComplexConstant(text: string): NumberResult {
  const realEnd = scanFloatToken(text, 0);
  const sign = text[realEnd];
  if (sign !== '+' && sign !== '-') return fail(COMPLEX_SYNTAX);
  const imagEnd = scanFloatToken(text, realEnd + 1);
  if (text[imagEnd] !== 'i') return fail(COMPLEX_SYNTAX);
  const parts = [text.slice(0, realEnd), text.slice(realEnd, imagEnd)];
  const values: number[] = [];
  for (const part of parts) {
    const r = parseGoFloatDetailed(part);
    if (!r.ok) return fail(`strconv.ParseFloat: parsing ${goQuote(part)}: ${r.error}`);
    values.push(r.value);
  }
  return ok(fromComplex(values[0] ?? 0, values[1] ?? 0));
}

function parsePlainNumber(text: string): NumberResult {
  if (text.endsWith('i')) {
    const im = parseGoFloat(text.slice(0, -1));
    if (im !== undefined) return ok(fromComplex(0, im));
  }
  // Integers first so that 0x1F, 0o17, 0b101 and 017 keep their integer value.
  const u = parseGoUint(text);
  const i = parseGoInt(text);
  let value: NumberValue = ZERO;
  if (u !== undefined) value = { ...value, isUint: true, uint64: u };
  if (i !== undefined) value = { ...value, isInt: true, int64: i, ...(i === 0n ? { isUint: true, uint64: u ?? 0n } : {}) };
  if (value.isInt) return ok({ ...value, isFloat: true, float64: Number(value.int64) });
  if (value.isUint) return ok({ ...value, isFloat: true, float64: Number(value.uint64) });
  const f = parseGoFloat(text);
  if (f !== undefined) {
    // Parsed as a float but written as an integer: too big for 64 bits.
    if (!/[.eEpP]/.test(text)) return fail(`integer overflow: ${goQuote(text)}`);
    return ok(fromFloat(f, ZERO));
  }
  return fail(`illegal number syntax: ${goQuote(text)}`);
}

export function parseNumberLiteral(text: string, kind: 'number' | 'complex' | 'charConstant'): NumberResult {
  switch (kind) {
    case 'charConstant':
      return parseCharConstant(text);
    case 'complex':
      return parseComplexConstant(text);
    case 'number':
      return parsePlainNumber(text);
  }
}
