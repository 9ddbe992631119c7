import { describe, expect, it } from 'vitest';
import { formatFloatE, formatRuneU, goFixed, goQuoteTruncated } from '../../src/go/fmt.js';

// Expected values are what Go 1.19's fmt prints for the same arguments.

describe('formatRuneU (%#U)', () => {
  it.each([
    [0x41, "U+0041 'A'"],
    ['c', "U+0063 'c'"],
    [0x20, "U+0020 ' '"],
    [0x7, 'U+0007'],
    [0xad, 'U+00AD'],
    [0x300, "U+0300 '\u0300'"],
    [0x1f600, "U+1F600 '😀'"],
  ])('%j → %s', (rune, text) => {
    expect(formatRuneU(rune)).toBe(text);
  });
});

describe('goQuoteTruncated (%.Nq)', () => {
  it('quotes the first N runes', () => {
    expect(goQuoteTruncated('héllo\n', 3)).toBe('"hél"');
    expect(goQuoteTruncated('a\nb', 10)).toBe('"a\\nb"');
  });
});

describe('goFixed (%f)', () => {
  it.each([
    [0, '0.000000'],
    [-0, '-0.000000'],
    [-1e-9, '-0.000000'],
    [1.5, '1.500000'],
    [-2.25, '-2.250000'],
    [123456789.123456789, '123456789.123457'],
    [-123.4567895, '-123.456789'],
    [2.5e-6, '0.000003'],
    // An exact tie (1/128) rounds to even.
    [0.0078125, '0.007812'],
    [5e-324, '0.000000'],
    [9.2233720368547758e15, '9223372036854776.000000'],
    [1e21, '1000000000000000000000.000000'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
    [NaN, 'NaN'],
  ])('%s → %s', (v, text) => {
    expect(goFixed(v)).toBe(text);
  });
});

describe('formatFloatE (strconv.FormatFloat with E, -1)', () => {
  it.each([
    [0, '0E+00'], [1, '1E+00'], [123.456, '1.23456E+02'], [1e-7, '1E-07'], [1e100, '1E+100'], [-2.5, '-2.5E+00'],
    [NaN, 'NaN'], [Infinity, '+Inf'], [-Infinity, '-Inf'], [0.1 + 0.2, '3.0000000000000004E-01'],
  ])('%s → %s', (v, want) => {
    expect(formatFloatE(v)).toBe(want);
  });
});
