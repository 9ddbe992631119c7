/** Alertmanager's two matcher parsers, how releases choose between them, matching and printing. */
import { describe, expect, it } from 'vitest';
import {
  formatMatcher, formatMatchers, isPortableMatchers, isValidLabelName, matches, parseClassicMatchers, parseMatcher, parseMatchers,
  parseUtf8Matchers, sortMatchers, type Matcher, type MatchersResult,
} from '../../src/alertmanager/matchers.js';
import { parseVersion } from '../../src/config/version.js';

const v025 = parseVersion('0.25.0')!;
const v034 = parseVersion('0.34.0')!;

const plain = (r: MatchersResult): unknown => (r.ok ? r.matchers.map((m) => [m.name, m.type, m.value]) : r.error);

describe('classic parser (pkg/labels)', () => {
  it.each([
    ['severity="critical"', [['severity', '=', 'critical']]],
    ['severity=critical', [['severity', '=', 'critical']]],
    ['{severity="critical", job=~"node|nix"}', [['severity', '=', 'critical'], ['job', '=~', 'node|nix']]],
    ['instance!="nas-01:9100"', [['instance', '!=', 'nas-01:9100']]],
    ['msg="a, b"', [['msg', '=', 'a, b']]],
    ['path="C:\\\\dir"', [['path', '=', 'C:\\dir']]],
    ['re=~"\\d+"', [['re', '=~', '\\d+']]],
    ['a = b ', [['a', '=', 'b']]],
    ['', []],
  ])('%s', (input, want) => expect(plain(parseClassicMatchers(input))).toEqual(want));

  it.each([
    ['severity', 'bad matcher format: severity'],
    ['foo.bar="x"', 'bad matcher format: foo.bar="x"'],
    ['a="b"c"', 'matcher value contains unescaped double quote: "b"c"'],
    ['a=~"("', 'error parsing regexp: missing closing ): `^(?:()$`'],
  ])('refuses %s', (input, error) => expect(plain(parseClassicMatchers(input))).toBe(error));
});

describe('UTF-8 parser (matcher/parse)', () => {
  it.each([
    ['severity="critical"', [['severity', '=', 'critical']]],
    ['{"foo.bar"="x", baz!~"a|b"}', [['foo.bar', '=', 'x'], ['baz', '!~', 'a|b']]],
    ['service="🙂"', [['service', '=', '🙂']]],
    ['a="\\u00e9"', [['a', '=', 'é']]],
    ['{}', []],
    ['a=b,', [['a', '=', 'b']]],
  ])('%s', (input, want) => expect(plain(parseUtf8Matchers(input))).toEqual(want));

  it.each([
    ['a="b', '2:4: "b: missing end ": expected label value'],
    ['{a="b"', '0:6: end of input: expected close brace'],
    ['a="b"}', '0:6: }: expected opening brace'],
    ['a', 'end of input: expected an operator such as \'=\', \'!=\', \'=~\' or \'!~\''],
    ['a=b c=d', '4:5: unexpected c: expected a comma or close brace'],
  ])('refuses %s', (input, error) => expect(plain(parseUtf8Matchers(input))).toBe(error));
});

describe('what each release reads', () => {
  it('0.25 only has the classic parser', () => {
    expect(plain(parseMatchers('"foo.bar"="x"', v025))).toMatch(/^bad matcher format/);
    expect(isValidLabelName('foo.bar', v025)).toBe(false);
  });

  it('0.27+ prefers the classic reading and falls back to the UTF-8 parser', () => {
    expect(plain(parseMatchers('"foo.bar"="x"', v034))).toEqual([['foo.bar', '=', 'x']]);
    // Both read it, differently (classic keeps the backslash pairs' meaning): the classic reading wins.
    expect(plain(parseMatchers('a="\\\\t"', v034))).toEqual(plain(parseClassicMatchers('a="\\\\t"')));
    expect(isValidLabelName('foo.bar', v034)).toBe(true);
  });

  it('reads one label for routes test, refusing braces from 0.27', () => {
    const one = parseMatcher('test=2', v025);
    expect(one.ok && [one.matcher.name, one.matcher.value]).toEqual(['test', '2']);
    expect(parseMatcher('{test=2}', v034)).toEqual({ ok: false, error: 'unexpected open or close brace: {test=2}' });
  });

  it('knows which inputs every release reads the same', () => {
    expect(isPortableMatchers('severity="critical"')).toBe(true);
    expect(isPortableMatchers('severity=critical')).toBe(true);
    expect(isPortableMatchers('job=~node\\.(a|b)')).toBe(false);
  });
});

describe('matching and printing', () => {
  const m = (input: string): Matcher => {
    const r = parseMatchers(input, v034);
    if (!r.ok) throw new Error(r.error);
    return r.matchers[0]!;
  };

  it('anchors regexes, and . does not match a newline', () => {
    expect(matches(m('job=~"node"'), 'node-exporter')).toBe(false);
    expect(matches(m('job=~"node.*"'), 'node-exporter')).toBe(true);
    expect(matches(m('a=~".*"'), 'x\ny')).toBe(false);
    expect(matches(m('a!~"x|y"'), '')).toBe(true);
    expect(matches(m('a!=""'), '')).toBe(false);
  });

  it('prints like Matcher.String(), sorted like labels.Matchers', () => {
    expect(formatMatcher(m('a="x\\"y"'))).toBe('a="x\\"y"');
    expect(formatMatcher(m('"foo.bar"="x"'))).toBe('foo.bar="x"');
    expect(formatMatcher(m('"foo bar"="x"'), v034)).toBe('"foo bar"="x"');
    expect(formatMatchers(sortMatchers([m('b="1"'), m('a=~"2"'), m('a="2"')]))).toBe('{a="2",a=~"2",b="1"}');
  });
});
