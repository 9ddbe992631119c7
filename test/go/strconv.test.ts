import { describe, expect, it } from 'vitest';
import {
  goQuote,
  goQuoteRune,
  goUnquote,
  isGoPrint,
  parseGoFloat,
  parseGoFloatDetailed,
  parseGoInt,
  parseGoUint,
  underscoreOK,
  unquoteBody,
  unquoteCharAt,
} from '../../src/go/strconv.js';

// Expected values are what Go 1.19's strconv returns for the same inputs.

describe('goQuote (strconv.Quote)', () => {
  it.each([
    ['', '""'],
    ['a"b\\c', '"a\\"b\\\\c"'],
    ["'", `"'"`],
    ['\n\t\u0007\u007f\u0000', '"\\n\\t\\a\\x7f\\x00"'],
    ['é😀 ~', '"é😀 ~"'],
    ['\u00ad\u200b\u{e0001}', '"\\u00ad\\u200b\\U000e0001"'],
    ['\ufffd', '"\ufffd"'],
    // A lone surrogate stands where Go would hold an invalid rune.
    ['\ud800', '"\\ufffd"'],
  ])('%j → %s', (input, quoted) => {
    expect(goQuote(input)).toBe(quoted);
  });
});

describe('goQuoteRune (strconv.QuoteRune)', () => {
  it.each([
    ['a', "'a'"],
    ["'", "'\\''"],
    ['"', `'"'`],
    ['\\', "'\\\\'"],
    ['\n', "'\\n'"],
    [0x7f, "'\\x7f'"],
    [0x200b, "'\\u200b'"],
    [0x1f600, "'😀'"],
    [0xe0001, "'\\U000e0001'"],
    [0xd800, "'\ufffd'"],
    [0x110000, "'\ufffd'"],
  ])('%j → %s', (rune, quoted) => {
    expect(goQuoteRune(rune)).toBe(quoted);
  });
});

describe('isGoPrint (strconv.IsPrint)', () => {
  it.each([
    [0x20, true],
    [0x41, true],
    [0x7e, true],
    [0x7f, false],
    [0x09, false],
    [0xa0, false],
    [0xad, false],
    [0x300, true],
    [0x200b, false],
    [0xd800, false],
    [0x1f600, true],
    [0x110000, false],
  ])('U+%s → %s', (cp, printable) => {
    expect(isGoPrint(cp)).toBe(printable);
  });
});

describe('goUnquote (strconv.Unquote)', () => {
  it.each<[string, string | undefined]>([
    ['"a\\x41\\101\\u00e9"', 'aAAé'],
    ['"\\a\\b\\f\\n\\r\\t\\v\\\\\\""', '\u0007\b\f\n\r\t\v\\"'],
    ['"\\xc3\\xa9"', 'é'],
    ['"\\xff"', '\ufffd'],
    ['"\\U0010ffff"', '\u{10ffff}'],
    [`"'"`, "'"],
    ['"\\\\"', '\\'],
    ['"\\\'"', undefined],
    ['"\\400"', undefined],
    ['"\\777"', undefined],
    ['"\\0"', undefined],
    ['"\\07"', undefined],
    ['"\\ud800"', undefined],
    ['"\\U00110000"', undefined],
    ['"\\u12"', undefined],
    ['"\\xg0"', undefined],
    ['"\\z"', undefined],
    ['"a\nb"', undefined],
    ['"a"b"', undefined],
    ['"\\"', undefined],
    ['"\\', undefined],
    ['"', undefined],
    [`"abc'`, undefined],
    ['x', undefined],
    ["'a'", 'a'],
    ["'☹'", '☹'],
    ["'\\x41'", 'A'],
    ["'\\''", "'"],
    [`'"'`, '"'],
    ["'ab'", undefined],
    ["'\\\"'", undefined],
    ["'\n'", undefined],
    ["''", ''],
    ['`x`', 'x'],
    ['`a\\n\r`', 'a\\n'],
    ['`a`b`', undefined],
    ['`', undefined],
  ])('%j → %j', (literal, value) => {
    expect(goUnquote(literal)).toBe(value);
  });
});

describe('unquoteCharAt (strconv.UnquoteChar)', () => {
  it('decodes one character and reports where the next starts', () => {
    expect(unquoteCharAt('a\\x41', 1, '"')).toEqual({ value: 0x41, multibyte: false, next: 5 });
    expect(unquoteCharAt('😀x', 0, '"')).toEqual({ value: 0x1f600, multibyte: true, next: 2 });
    expect(unquoteCharAt('\\u00e9', 0, "'")).toEqual({ value: 0xe9, multibyte: true, next: 6 });
    expect(unquoteCharAt('\\377', 0, "'")).toEqual({ value: 0xff, multibyte: false, next: 4 });
    expect(unquoteCharAt("\\'", 0, "'")).toEqual({ value: 0x27, multibyte: false, next: 2 });
    expect(unquoteCharAt("\\'", 0, '"')).toBeUndefined();
    expect(unquoteCharAt("'", 0, "'")).toBeUndefined();
    expect(unquoteCharAt('', 0, '"')).toBeUndefined();
  });

  it('rejects surrogate escapes unless asked to accept them, as Prometheus does', () => {
    expect(unquoteCharAt('\\ud800', 0, '"')).toBeUndefined();
    expect(unquoteCharAt('\\ud800', 0, '"', { surrogateEscapes: true })).toEqual({ value: 0xd800, multibyte: true, next: 6 });
    expect(unquoteCharAt('\\U00110000', 0, '"', { surrogateEscapes: true })).toBeUndefined();
  });
});

describe('unquoteBody (the escape loop of strconv.Unquote)', () => {
  it.each<[string, '"' | "'", { value: string; validUtf8: boolean } | undefined]>([
    ['plain', '"', { value: 'plain', validUtf8: true }],
    ['multi char', "'", { value: 'multi char', validUtf8: true }],
    ["it\\'s", "'", { value: "it's", validUtf8: true }],
    ['\\xc3\\xa9', '"', { value: 'é', validUtf8: true }],
    ['a\\xc5z', '"', { value: 'a\ufffdz', validUtf8: false }],
    ['a"b', '"', undefined],
    ['a\nb', "'", undefined],
  ])('%j in %s quotes', (body, quote, value) => {
    expect(unquoteBody(body, quote)).toEqual(value);
  });

  it('encodes an accepted surrogate escape as U+FFFD, like utf8.EncodeRune', () => {
    expect(unquoteBody('\\udfff', '"', { surrogateEscapes: true })).toEqual({ value: '\ufffd', validUtf8: true });
  });
});

describe('underscoreOK', () => {
  it.each([
    ['', true],
    ['1_000', true],
    ['-1_0', true],
    ['0x_f', true],
    ['0xa_b', true],
    ['0b_1', true],
    ['0o_7', true],
    ['0_7', true],
    ['1e1_0', true],
    ['0x_1p4', true],
    ['_1', false],
    ['+_1', false],
    ['1_', false],
    ['1__0', false],
    ['0x_', false],
    ['0_x1', false],
    ['1_.5', false],
    ['1._5', false],
    ['1e_5', false],
    ['0x1_p4', false],
    ['a_b', false],
  ])('%j → %s', (s, ok) => {
    expect(underscoreOK(s)).toBe(ok);
  });
});

describe('parseGoInt / parseGoUint (strconv.ParseInt/ParseUint, base 0, 64 bits)', () => {
  it.each<[string, bigint | undefined, bigint | undefined]>([
    ['0', 0n, 0n],
    ['00', 0n, 0n],
    ['017', 15n, 15n],
    ['0_17', 15n, 15n],
    ['0O7', 7n, 7n],
    ['0B1', 1n, 1n],
    ['0X1f', 31n, 31n],
    ['0x_1F', 31n, 31n],
    ['1_0', 10n, 10n],
    ['+1', 1n, undefined],
    ['+0o17', 15n, undefined],
    ['-0b11', -3n, undefined],
    ['9223372036854775807', 9223372036854775807n, 9223372036854775807n],
    ['9223372036854775808', undefined, 9223372036854775808n],
    ['-9223372036854775808', -9223372036854775808n, undefined],
    ['-9223372036854775809', undefined, undefined],
    ['18446744073709551615', undefined, 18446744073709551615n],
    ['18446744073709551616', undefined, undefined],
    ['', undefined, undefined],
    ['-', undefined, undefined],
    ['089', undefined, undefined],
    ['0b2', undefined, undefined],
    ['0x', undefined, undefined],
    ['0x_', undefined, undefined],
    ['0xg', undefined, undefined],
    ['_1', undefined, undefined],
    ['1_', undefined, undefined],
    ['1__0', undefined, undefined],
    ['١', undefined, undefined],
  ])('%j → %s / %s', (s, int, uint) => {
    expect(parseGoInt(s)).toBe(int);
    expect(parseGoUint(s)).toBe(uint);
  });
});

describe('parseGoFloatDetailed (strconv.ParseFloat, 64 bits)', () => {
  const syntax = { ok: false, error: 'invalid syntax' };
  const range = { ok: false, error: 'value out of range' };
  it.each<[string, number | typeof syntax]>([
    ['1_000.5', 1000.5],
    ['1_000', 1000],
    ['.5e1', 5],
    ['5.', 5],
    ['1.5e+3', 1500],
    ['1e1_0', 1e10],
    ['089', 89],
    ['-0', -0],
    ['1e-400', 0],
    ['2.4e-324', 0],
    ['2.5e-324', 5e-324],
    ['1.7976931348623158e308', 1.7976931348623157e308],
    ['1e400', range],
    ['-1e400', range],
    ['1.7976931348623159e308', range],
    ['inf', Infinity],
    ['+Inf', Infinity],
    ['-infinity', -Infinity],
    ['INFINITY', Infinity],
    ['nan', NaN],
    ['NaN', NaN],
    ['+nan', syntax],
    ['-nan', syntax],
    ['infin', syntax],
    ['0x1.8p1', 3],
    ['0X1P-2', 0.25],
    ['0x.8p1', 1],
    ['0x_1p4', 16],
    ['0x1e3p0', 483],
    ['-0x0p0', -0],
    ['0x1.0000000000001p0', 1.0000000000000002],
    ['0x1.00000000000008p0', 1],
    ['0x1.00000000000018p0', 1.0000000000000004],
    ['0x1.fffffffffffff7ffp1023', 1.7976931348623157e308],
    ['0x1.fffffffffffff8p1023', range],
    ['0x1p99999999999', range],
    ['0x1p-1074', 5e-324],
    ['0x1.8p-1074', 1e-323],
    ['0x1p-1075', 0],
    ['0x1p-99999999999', 0],
    ['0x1.fffffffffffffp-1022', 4.4501477170144023e-308],
    ['0x10000000000000000000000000000000000p-200', 5.421010862427522e-20],
    ['0x1', syntax],
    ['0x1.8', syntax],
    ['0x.p1', syntax],
    ['0xp1', syntax],
    ['0x1_p4', syntax],
    ['0x1p_4', syntax],
    ['0b101', syntax],
    ['0o17', syntax],
    ['1e5p3', syntax],
    ['1_e5', syntax],
    ['_1', syntax],
    ['1_', syntax],
    ['1e', syntax],
    ['1e+', syntax],
    ['.', syntax],
    ['+', syntax],
    ['', syntax],
  ])('%j → %s', (s, want) => {
    const got = parseGoFloatDetailed(s);
    if (typeof want === 'number') expect(got).toEqual({ ok: true, value: want });
    else expect(got).toEqual(want);
  });

  it('parseGoFloat drops the error kind', () => {
    expect(parseGoFloat('0x1p-2')).toBe(0.25);
    expect(parseGoFloat('1e400')).toBeUndefined();
    expect(parseGoFloat('x')).toBeUndefined();
  });
});
