import { describe, expect, it } from 'vitest';
import { formatRuneU, goQuote, goUnquote, parseGoFloat, parseGoInt, parseGoUint, underscoreOK } from '../../src/template/strconv.js';

describe('Go literal helpers', () => {
  it('quotes like strconv.Quote', () => {
    expect(goQuote('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(goQuote('\n\t\u0007\u007f')).toBe('"\\n\\t\\a\\x7f"');
    expect(goQuote('é😀')).toBe('"é😀"');
    expect(goQuote('\u200b\u{e0001}')).toBe('"\\u200b\\U000e0001"');
  });

  it('formats runes like %#U', () => {
    expect(formatRuneU(0x41)).toBe("U+0041 'A'");
    expect(formatRuneU(0x7)).toBe('U+0007');
    expect(formatRuneU(0x1f600)).toBe("U+1F600 '😀'");
  });

  it('unquotes like strconv.Unquote', () => {
    expect(goUnquote('"a\\x41\\101\\u00e9"')).toBe('aAAé');
    expect(goUnquote('`a\\n\r`')).toBe('a\\n');
    expect(goUnquote('"\\\'"')).toBeUndefined();
    expect(goUnquote('"\\400"')).toBeUndefined();
    expect(goUnquote('"\\ud800"')).toBeUndefined();
    expect(goUnquote('"\\z"')).toBeUndefined();
  });

  it('parses integers like ParseInt/ParseUint with base 0', () => {
    expect(parseGoInt('0x_1F')).toBe(31n);
    expect(parseGoInt('-0b11')).toBe(-3n);
    expect(parseGoInt('0o17')).toBe(15n);
    expect(parseGoInt('017')).toBe(15n);
    expect(parseGoInt('9223372036854775807')).toBe(9223372036854775807n);
    expect(parseGoInt('9223372036854775808')).toBeUndefined();
    expect(parseGoInt('-9223372036854775808')).toBe(-9223372036854775808n);
    expect(parseGoUint('18446744073709551615')).toBe(18446744073709551615n);
    expect(parseGoUint('18446744073709551616')).toBeUndefined();
    expect(parseGoUint('+1')).toBeUndefined();
    expect(parseGoInt('089')).toBeUndefined();
    expect(parseGoInt('1__0')).toBeUndefined();
    expect(parseGoInt('0x')).toBeUndefined();
  });

  it('parses floats like ParseFloat', () => {
    expect(parseGoFloat('1_000.5')).toBe(1000.5);
    expect(parseGoFloat('.5e1')).toBe(5);
    expect(parseGoFloat('5.')).toBe(5);
    expect(parseGoFloat('0x1.8p1')).toBe(3);
    expect(parseGoFloat('0x1p-1074')).toBe(5e-324);
    expect(parseGoFloat('0x1p99999999999')).toBeUndefined();
    expect(parseGoFloat('0x1.8')).toBeUndefined();
    expect(parseGoFloat('1e400')).toBeUndefined();
    expect(parseGoFloat('1e-400')).toBe(0);
    expect(parseGoFloat('.')).toBeUndefined();
    expect(parseGoFloat('089')).toBe(89);
  });

  it('checks underscores like Go', () => {
    expect(underscoreOK('1_000')).toBe(true);
    expect(underscoreOK('0x_f')).toBe(true);
    expect(underscoreOK('_1')).toBe(false);
    expect(underscoreOK('1_')).toBe(false);
    expect(underscoreOK('1__0')).toBe(false);
  });
});
