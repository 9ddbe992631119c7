import { describe, expect, it } from 'vitest';
import type { PromQLFeature } from '../../src/promql/functions.js';
import { formatPromQLError, parsePromQL, type PromQLOptions } from '../../src/promql/parse.js';
import { ALL_FEATURES, firstError, parseOk } from './helpers.js';

/** [expression, expected first message (after "parse error: "), 1-based column]. */
type Case = [expr: string, message: string, column: number];

const lexical: Case[] = [
  ['rate(up[5m]', 'unclosed left parenthesis', 12],
  ['sum(rate(x[5m])', 'unclosed left parenthesis', 16],
  ['(up))', "unexpected right parenthesis ')'", 6],
  ['up{job="a"', 'unexpected end of input inside braces', 11],
  ['up{job="a}', 'unterminated quoted string', 8],
  ['`raw', 'unterminated raw string', 1],
  ['"bad \\q escape"', "unknown escape sequence U+0071 'q'", 1],
  ['"\\x4g"', "illegal character U+0067 'g' in escape sequence", 1],
  ['"\\ud800"', 'escape sequence is an invalid Unicode code point', 1],
  ['up{job!x"a"}', "unexpected character after '!' inside braces: 'x'", 7],
  ['up{job*"a"}', "unexpected character inside braces: '*'", 7],
  ['up{0="a"}', "unexpected character inside braces: '0'", 4],
  ['up ! 1', "unexpected character after '!': ' '", 4],
  ['up =~ 1', "unexpected character after '=': '~'", 4],
  ['up $ 1', "unexpected character: '$'", 4],
  ['up}', "unexpected character: '}'", 3],
  ['2.5.1', 'bad number or duration syntax: "2.5."', 1],
  ['up[5mm]', 'bad number or duration syntax: "5mm"', 4],
  ['up[', 'unexpected end of input in duration expression', 4],
  ['up[5m', 'unclosed left bracket', 6],
  ['up[5m][1m', 'unclosed left bracket', 10],
  ['up["5m"]', 'unexpected character in duration expression: \'"\'', 4],
  ['up[5m x]', "unexpected character: 'x', expected ':'", 7],
  ['up[:5m]', 'unexpected colon before duration in duration expression', 5],
];

const syntax: Case[] = [
  ['up +', 'unexpected end of input', 5],
  ['* up', 'unexpected <op:*>', 1],
  ['up up', 'unexpected identifier "up"', 4],
  ['1 2', 'unexpected number "2"', 3],
  ['up bool == 1', 'unexpected <bool>', 4],
  ['a + group_left(b) c', 'unexpected <group_left>', 5],
  ['a + on(b) ignoring(c) d', 'unexpected <ignoring>', 11],
  ['rate(x[5m]) by (a)', 'unexpected <by>', 13],
  ['x{a}', 'unexpected "}" in label matching, expected label matching operator', 4],
  ['x{a=}', 'unexpected "}" in label matching, expected string', 5],
  ['x{a=b}', 'unexpected identifier "b" in label matching, expected string', 5],
  ['x{a="1" b="2"}', 'unexpected identifier "b" in label matching, expected "," or "}"', 9],
  ['x{,}', 'unexpected "," in label matching, expected identifier or "}"', 3],
  ['sum by job (x)', 'unexpected identifier "job" in grouping opts, expected "("', 8],
  ['sum by (a,,b) (x)', 'unexpected "," in grouping opts, expected label', 11],
  ['sum without (==) (x)', 'unexpected <op:==> in grouping opts, expected label', 14],
  ['up[]', 'unexpected "]" in subquery or range selector, expected number, duration, step(), or range()', 4],
  ['up[5m 1m]', 'unexpected duration "1m" in subquery or range, expected ":" or "]"', 7],
  ['up[5m:1m 2m]', 'unexpected duration "2m" in subquery selector, expected "]"', 10],
  ['up offset', 'unexpected end of input in offset, expected number, duration, step(), or range()', 10],
  ['up @', 'unexpected end of input in @, expected timestamp', 5],
  ['sum(up,)', 'trailing commas not allowed in function call args', 7],
  ['foo(up)', 'unknown function with name "foo"', 1],
  ['a > b()', 'unknown function with name "b"', 5],
  ['Rate(x[5m])', 'unknown function with name "Rate"', 1],
  ['atan2', 'unexpected <op:atan2>', 1],
];

const parseTime: Case[] = [
  ['{}', 'vector selector must contain at least one non-empty matcher', 1],
  ['{a=""}', 'vector selector must contain at least one non-empty matcher', 1],
  ['{a=~".*", b!="x"}', 'vector selector must contain at least one non-empty matcher', 1],
  ['up{__name__="other"}', 'metric name must not be set twice: "up" or "other"', 1],
  ['up{a=~"(unclosed"}', 'error parsing regexp: missing closing ): `(unclosed`', 4],
  ['up{a=~"x**"}', 'error parsing regexp: invalid nested repetition operator: `**`', 4],
  ['up{a=~"(?=look)"}', 'error parsing regexp: invalid or unsupported Perl syntax: `(?=`', 4],
  ['up{a!~"\\\\1"}', 'error parsing regexp: invalid escape sequence: `\\1`', 4],
  ['up{a=~"[z-a]"}', 'error parsing regexp: invalid character class range: `z-a`', 4],
  ['1 offset 5m', 'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery', 1],
  ['up offset 5m offset 1m', 'offset may not be set multiple times', 1],
  ['up @ 1 @ 2', '@ <timestamp> may not be set multiple times', 1],
  ['sum(up) @ 100', '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery', 1],
  ['up @ Inf', 'timestamp out of bounds for @ modifier: +Inf', 1],
  ['up offset 5m [1m]', 'no offset modifiers allowed before range', 14],
  ['up @ 10 [1m]', 'no @ modifiers allowed before range', 9],
  ['sum(rate(x[5m])[5m])', 'ranges only allowed for vector selectors', 16],
  ['(up)[5m]', 'ranges only allowed for vector selectors', 5],
  ['up[0s]', 'duration must be greater than 0', 4],
  ['up[5m:-1m]', 'duration must be greater than 0', 7],
  ['up[5m1h]', 'not a valid duration string: "5m1h"', 4],
  ['up[1y2hs]', 'unknown unit "hs" in duration "1y2hs"', 4],
  ['up[1h / 0]', 'division by zero', 7],
  ['up offset (5m % 0)', 'modulo by zero', 15],
  ['up[1e12]', 'duration out of range', 4],
  ['sum()', 'no arguments for aggregate expression provided', 1],
  ['topk(up)', 'wrong number of arguments for aggregate expression provided, expected 2, got 1', 1],
  ['sum(a, b)', 'wrong number of arguments for aggregate expression provided, expected 1, got 2', 1],
  ['sum by ("") (up)', 'invalid label name for grouping: ""', 9],
  ['1e999', 'error parsing number: strconv.ParseFloat: parsing "1e999": value out of range', 1],
];

const types: Case[] = [
  ['rate(hi)', 'expected type range vector in call to function "rate", got instant vector', 6],
  ['abs(x[5m])', 'expected type instant vector in call to function "abs", got range vector', 5],
  ['histogram_quantile("0.9", x)', 'expected type scalar in call to function "histogram_quantile", got string', 20],
  ['label_replace(x, "a", "b", "c", 1)', 'expected type string in call to function "label_replace", got scalar', 33],
  ['label_join(x, "a", ",", "b", 5)', 'expected type string in call to function "label_join", got scalar', 30],
  ['floor()', 'expected 1 argument(s) in call to "floor", got 0', 1],
  ['time(up)', 'expected 0 argument(s) in call to "time", got 1', 1],
  ['round(x, 1, 2)', 'expected at most 2 argument(s) in call to "round", got 3', 1],
  ['label_join(x, "a")', 'expected at least 3 argument(s) in call to "label_join", got 2', 1],
  ['up and 1', 'set operator "and" not allowed in binary scalar expression', 1],
  ['1 unless up', 'set operator "unless" not allowed in binary scalar expression', 1],
  ['1 > 2', 'comparisons between scalars must use BOOL modifier', 3],
  ['up + bool 1', 'bool modifier can only be used on comparison operators', 4],
  ['a and on(x) group_left(y) b', 'no grouping allowed for "and" operation', 1],
  ['a * on(x) group_left(x) b', 'label "x" must not occur in ON and GROUP clause at once', 3],
  ['up + on(x) 1', 'vector matching only allowed between instant vectors', 1],
  ['x[5m] + 1', 'binary expression must contain only scalar and instant vector types', 1],
  ['1 + "a"', 'binary expression must contain only scalar and instant vector types', 5],
  ['-"a"', 'unary expression only allowed on expressions of type scalar or instant vector, got "string"', 1],
  ['-x[5m]', 'unary expression only allowed on expressions of type scalar or instant vector, got "range vector"', 1],
  ['sum(x[5m])', 'expected type instant vector in aggregation expression, got range vector', 5],
  ['topk(x, y)', 'expected type scalar in aggregation parameter, got instant vector', 6],
  ['count_values(1, x)', 'expected type string in aggregation parameter, got scalar', 14],
  ['quantile("q", x)', 'expected type scalar in aggregation parameter, got string', 10],
  ['x[5m][1h:1m]', 'subquery is only allowed on instant vector, got matrix instead', 1],
  ['"a"[5m:]', 'subquery is only allowed on instant vector, got string instead', 1],
];

function check([expr, message, column]: Case, options: PromQLOptions = {}): void {
  const e = firstError(expr, options);
  expect(formatPromQLError(e)).toBe(`1:${column}: parse error: ${message}`);
}

describe('error messages match Prometheus', () => {
  it.each(lexical)('lexical: %s', (...c) => check(c));
  it.each(syntax)('syntax: %s', (...c) => check(c));
  it.each(parseTime)('parse-time: %s', (...c) => check(c));
  it.each(types)('types: %s', (...c) => check(c));
});

describe('feature flags', () => {
  const on = { features: ALL_FEATURES };

  it.each([
    ['sort_by_label(up, "a")', 'function "sort_by_label" is not enabled', 1],
    ['mad_over_time(x[5m])', 'function "mad_over_time" is not enabled', 1],
    ['step()', 'function "step" is not enabled', 1],
    ['limitk(2, up)', 'limitk() is experimental and must be enabled with --enable-feature=promql-experimental-functions', 1],
    ['rate(up[1m] anchored)', 'anchored modifier is experimental and not enabled', 6],
    ['up smoothed', 'smoothed modifier is experimental and not enabled', 1],
    ['a + fill(0) b', 'binop fill modifiers are experimental and not enabled', 1],
    ['a + on(x) fill_left(1) b', 'binop fill modifiers are experimental and not enabled', 1],
  ] satisfies Case[])('%s needs its flag', (expr, message, column) => {
    check([expr, message, column]);
    parseOk(expr, on);
  });

  it('keeps the exact wording the conformance suite asserts', () => {
    const r = parsePromQL('sort_by_label(up, "a")');
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toContain('parse error: function "sort_by_label" is not enabled');
  });

  it('rejects misuse of the extended modifiers even when enabled', () => {
    check(['x[5m:] anchored', 'anchored modifier is not supported for subqueries', 1], on);
    check(['x anchored smoothed', 'anchored and smoothed modifiers cannot be used together', 1], on);
    check(['sum(x) anchored', 'anchored modifier not implemented', 1], on);
    check(['1[5m] smoothed', 'ranges only allowed for vector selectors', 2], on);
  });

  it('checks fill modifiers against operand types', () => {
    check(['a and fill(0) b', 'filling in missing series not allowed for set operators', 1], on);
    check(['a + fill(0) 1', 'filling in missing series only allowed between instant vectors', 1], on);
  });

  it('checks info() label selectors', () => {
    check(['info(up, target_info)', 'expected label selectors only, got vector selector instead', 10], on);
    check(['info(up, {a="b"} == 1)', 'expected label selectors only', 10], on);
    parseOk('info(up, {k=~".*"})', on);
  });
});

describe('target Prometheus version', () => {
  const v = (prometheusVersion: string, ...features: PromQLFeature[]): PromQLOptions => ({
    prometheusVersion,
    features: new Set(features),
  });

  it('knows holt_winters was renamed in 3.0', () => {
    parseOk('holt_winters(x[5m], 0.5, 0.5)', v('2.42.0'));
    check(
      ['holt_winters(x[5m], 0.5, 0.5)', 'unknown function with name "holt_winters" (removed in Prometheus 3.0; use double_exponential_smoothing)', 1],
      v('3.0.0'),
    );
    check(
      ['double_exponential_smoothing(x[5m], 0.5, 0.5)', 'unknown function with name "double_exponential_smoothing" (added in Prometheus 3.0; target is 2.42.0)', 1],
      v('2.42.0', 'promql-experimental-functions'),
    );
    parseOk('double_exponential_smoothing(x[5m], 0.5, 0.5)', v('3.0.0', 'promql-experimental-functions'));
  });

  it('gates functions, aggregations and syntax by release', () => {
    check(['present_over_time(x[5m])', 'unknown function with name "present_over_time" (added in Prometheus 2.29; target is 2.28.0)', 1], v('2.28.0'));
    check(['group(x)', 'Prometheus 2.20 or later is needed for group() (target is 2.19.0)', 1], v('2.19.0'));
    check(['x[5m:1m]', 'Prometheus 2.7 or later is needed for subqueries (`expr[range:step]`) (target is 2.6.0)', 1], v('2.6.0'));
    check(['x @ 100', 'Prometheus 2.25 or later is needed for the @ modifier (target is 2.24.0)', 3], v('2.24.0'));
    check(['x @ 100', 'the @ modifier must be enabled with --enable-feature=promql-at-modifier', 3], v('2.30.0'));
    parseOk('x @ 100', v('2.30.0', 'promql-at-modifier'));
    check(['x offset -5m', 'negative offsets must be enabled with --enable-feature=promql-negative-offset', 10], v('2.30.0'));
    check(['x > 5m', 'Prometheus 2.54 or later is needed for numbers as durations and durations as numbers (target is 2.53.0)', 5], v('2.53.0'));
    check(['x[1h30m]', 'Prometheus 2.21 or later is needed for composite durations such as 1h30m (target is 2.20.0)', 3], v('2.20.0'));
    check(['a </ b', 'Prometheus 3.11 or later is needed for the </ and >/ operators (target is 3.10.0)', 3], v('3.10.0'));
    check(['rate(x[5m] anchored)', 'Prometheus 3.7 or later is needed for the anchored and smoothed modifiers (target is 3.6.0)', 6], v('3.6.0'));
  });

  it('needs promql-duration-expr between 3.4 and 3.13', () => {
    check(['x[1m * 2]', 'experimental duration expression is not enabled', 3], v('3.5.0'));
    parseOk('x[1m * 2]', v('3.5.0', 'promql-duration-expr'));
    parseOk('x[1m * 2]', v('3.14.0'));
    check(['x[step()]', 'Prometheus 3.6 or later is needed for step() in durations (target is 3.5.0)', 3], v('3.5.0', 'promql-duration-expr'));
  });

  it('treats first_over_time as experimental before 3.14', () => {
    check(['first_over_time(x[5m])', 'function "first_over_time" is not enabled', 1], v('3.13.0'));
    parseOk('first_over_time(x[5m])', v('3.14.0'));
  });

  it('rejects UTF-8 names for 2.x targets', () => {
    check(['{"my.metric"}', 'Prometheus 3.0 or later is needed for metric and label names outside [a-zA-Z_:][a-zA-Z0-9_:]* (target is 2.55.0)', 2], v('2.55.0'));
    parseOk('{"my_metric"}', v('2.55.0'));
  });

  it('refuses an unreadable version', () => {
    expect(() => parsePromQL('up', { prometheusVersion: 'latest' })).toThrow(TypeError);
  });
});

describe('error reporting', () => {
  it('reports type errors only for syntactically clean expressions, in Prometheus order', () => {
    const r = parsePromQL('rate(a) + rate(b)');
    expect(r.ok ? [] : r.errors.map(formatPromQLError)).toEqual([
      '1:6: parse error: expected type range vector in call to function "rate", got instant vector',
      '1:16: parse error: expected type range vector in call to function "rate", got instant vector',
    ]);
    expect(parsePromQL('rate(a) + (').ok).toBe(false);
    expect(firstError('rate(a) + (').message).toBe('parse error: unclosed left parenthesis');
  });

  it('reports a parse-time error found before a later syntax error first', () => {
    expect(firstError('x offset 1s offset 2s + )').message).toBe('parse error: offset may not be set multiple times');
  });

  it('spans the offending token', () => {
    expect(firstError('sum(x) by job')).toMatchObject({ from: 10, to: 13 });
    expect(firstError('up{a=~"("}')).toMatchObject({ from: 3, to: 9 });
  });
});
