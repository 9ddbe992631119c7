import { describe, expect, it } from 'vitest';
import { compileMatcherRegex, translateRe2 } from '../../src/promql/regex.js';

describe('RE2 label-matcher regexes', () => {
  it.each([
    ['foo|bar', 'foo', true],
    ['foo|bar', 'foox', false],
    ['(?i)abc', 'AbC', true],
    ['a(?i)bc', 'ABC', false],
    ['.', '\n', true],
    ['(?-s:.)', '\n', false],
    ['[[:alpha:]]+', 'abZ', true],
    ['[[:^alpha:]]', '1', true],
    ['\\pL+', 'héllo', true],
    ['\\p{Greek}', 'α', true],
    ['(?P<name>x)y', 'xy', true],
    ['a{2,3}', 'aaaa', false],
    ['x{,2}', 'x{,2}', true],
    ['\\Q.*\\E', '.*', true],
    ['\\Q.*\\E', 'ab', false],
    ['(?m)^a$\\nb', 'a\nb', true],
    ['\\x41\\x{42}\\103', 'ABC', true],
    ['[\\d\\-x]+', '1-x', true],
    ['(?i)k', '\u212a', true],
    ['^*a', 'a', true],
    ['[]a]', ']', true],
    ['\\s', '\u000b', false],
    ['\\-\\#\\@', '-#@', true],
  ])('%s on %j is %s', (re, input, want) => {
    const c = compileMatcherRegex(re);
    expect(c.ok && c.regex.test(input)).toBe(want);
  });

  it.each([
    ['(?=a)', 'invalid or unsupported Perl syntax: `(?=`'],
    ['(?<!a)', 'invalid named capture: `(?<!a)`'],
    ['\\1', 'invalid escape sequence: `\\1`'],
    ['a++', 'invalid nested repetition operator: `++`'],
    ['*a', 'missing argument to repetition operator: `*`'],
    ['x{1001}', 'invalid repeat count: `{1001}`'],
    ['(a{100}){11}', 'invalid repeat count: `{11}`'],
    ['[[:word2:]]', 'invalid character class range: `[:word2:]`'],
    ['\\p{Klingon}', 'invalid character class range: `\\p{Klingon}`'],
    ['[a', 'missing closing ]: `[a`'],
    ['(a', 'missing closing ): `(a`'],
    ['a)', 'unexpected ): `a)`'],
    ['a\\', 'trailing backslash at end of expression: ``'],
  ])('rejects %s like Go', (re, error) => {
    expect(translateRe2(re)).toEqual({ ok: false, error: `error parsing regexp: ${error}` });
  });

  it('lists capture group names', () => {
    expect(translateRe2('(a)(?P<b>x)(?:c)(?<d>y)')).toMatchObject({ ok: true, groupNames: [undefined, 'b', 'd'] });
  });
});
