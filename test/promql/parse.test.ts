import { describe, expect, it } from 'vitest';
import { formatPromQLError, parsePromQL } from '../../src/promql/parse.js';
import { ALL_FEATURES, firstError, parseOk } from './helpers.js';

describe('selectors', () => {
  it('keeps matchers in order and appends the metric name matcher', () => {
    const { ast, type } = parseOk('http_requests_total{job="api", code!="200", path=~"/v1/.*", method!~"GET|HEAD"}');
    expect(type).toBe('vector');
    expect(ast).toMatchObject({
      kind: 'VectorSelector',
      name: 'http_requests_total',
      from: 0,
      to: 79,
      anchored: false,
      smoothed: false,
      matchers: [
        { name: 'job', op: '=', value: 'api', from: 20, to: 29 },
        { name: 'code', op: '!=', value: '200' },
        { name: 'path', op: '=~', value: '/v1/.*' },
        { name: 'method', op: '!~', value: 'GET|HEAD' },
        { name: '__name__', op: '=', value: 'http_requests_total', from: 0, to: 19 },
      ],
    });
  });

  it('reads quoted names inside braces (UTF-8 names)', () => {
    const { ast } = parseOk('{"my.metric", "service.name"="api"}');
    expect(ast).toMatchObject({
      kind: 'VectorSelector',
      matchers: [
        { name: '__name__', op: '=', value: 'my.metric' },
        { name: 'service.name', op: '=', value: 'api' },
      ],
    });
    expect(ast).not.toHaveProperty('name');
  });

  it('decodes string escapes and all three quote styles', () => {
    const { ast } = parseOk(`x{a="tab\\there", b='it\\'s', c=\`C:\\raw\`, d="\\u00e9\\x41\\101"}`);
    expect(ast).toMatchObject({
      matchers: [
        { name: 'a', value: 'tab\there' },
        { name: 'b', value: "it's" },
        { name: 'c', value: 'C:\\raw' },
        { name: 'd', value: 'éAA' },
        { name: '__name__' },
      ],
    });
  });

  it('stores offsets (negative too) and @ on the selector', () => {
    expect(parseOk('up offset 5m').ast).toMatchObject({ kind: 'VectorSelector', offset: { ms: 300_000 }, to: 12 });
    expect(parseOk('up offset -1h30m').ast).toMatchObject({ offset: { ms: -5_400_000 } });
    expect(parseOk('up @ 1609746000').ast).toMatchObject({ at: 1_609_746_000_000 });
    expect(parseOk('up @ start()').ast).toMatchObject({ at: 'start' });
    expect(parseOk('up @ END() offset 1m').ast).toMatchObject({ at: 'end', offset: { ms: 60_000 } });
  });

  it('puts range-selector modifiers on the inner selector', () => {
    const { ast, type } = parseOk('rate(http_requests_total[5m] offset 1w @ end())');
    expect(type).toBe('vector');
    expect(ast).toMatchObject({
      kind: 'Call',
      func: 'rate',
      args: [
        {
          kind: 'MatrixSelector',
          range: { ms: 300_000, expr: { kind: 'DurationLiteral', seconds: 300 } },
          selector: { kind: 'VectorSelector', name: 'http_requests_total', offset: { ms: 604_800_000 }, at: 'end' },
        },
      ],
    });
  });

  it('marks anchored and smoothed selectors when the feature is on', () => {
    const opts = { features: ALL_FEATURES };
    expect(parseOk('increase(x[5m] anchored)', opts).ast).toMatchObject({ args: [{ selector: { anchored: true, smoothed: false } }] });
    expect(parseOk('x smoothed', opts).ast).toMatchObject({ kind: 'VectorSelector', smoothed: true });
  });
});

describe('subqueries', () => {
  it('parses range, optional step, offset and @', () => {
    expect(parseOk('max_over_time(rate(x[1m])[1h:5m])').ast).toMatchObject({
      args: [{ kind: 'Subquery', range: { ms: 3_600_000 }, step: { ms: 300_000 }, expr: { kind: 'Call', func: 'rate' } }],
    });
    const { ast, type } = parseOk('(a + b)[30m:] offset 5m @ 100');
    expect(type).toBe('matrix');
    expect(ast).toMatchObject({ kind: 'Subquery', offset: { ms: 300_000 }, at: 100_000, expr: { kind: 'Paren' } });
    expect(ast).not.toHaveProperty('step');
  });
});

describe('aggregations', () => {
  it('accepts the grouping clause before or after the body', () => {
    const before = parseOk('sum by (job, "instance") (rate(x[5m]))').ast;
    const after = parseOk('sum(rate(x[5m])) by (job, "instance")').ast;
    for (const ast of [before, after]) {
      expect(ast).toMatchObject({ kind: 'Aggregate', op: 'sum', grouping: { mode: 'by', labels: ['job', 'instance'] } });
    }
    expect(parseOk('avg without (cpu) (x)').ast).toMatchObject({ grouping: { mode: 'without', labels: ['cpu'] } });
    expect(parseOk('max(x)').ast).not.toHaveProperty('grouping');
  });

  it('splits the parameter from the body', () => {
    expect(parseOk('topk(5, x) by (a)').ast).toMatchObject({
      op: 'topk',
      param: { kind: 'NumberLiteral', value: 5 },
      expr: { kind: 'VectorSelector', name: 'x' },
    });
    expect(parseOk('count_values("version", build_info)').ast).toMatchObject({ param: { kind: 'StringLiteral', value: 'version' } });
  });

  it('reads keywords case-insensitively, as Prometheus does', () => {
    expect(parseOk('SUM BY (a) (x) AND ON(a) y').ast).toMatchObject({
      kind: 'Binary',
      op: 'and',
      lhs: { kind: 'Aggregate', op: 'sum' },
      matching: { card: 'many-to-many', on: true, labels: ['a'] },
    });
  });
});

describe('binary operators', () => {
  it('records vector matching with group_left extra labels', () => {
    const { ast } = parseOk('a * on(instance, job) group_left(version) b');
    expect(ast).toMatchObject({
      kind: 'Binary',
      op: '*',
      bool: false,
      matching: { card: 'many-to-one', on: true, labels: ['instance', 'job'], include: ['version'] },
    });
    expect(parseOk('a / ignoring(code) group_right b').ast).toMatchObject({
      matching: { card: 'one-to-many', on: false, labels: ['code'], include: [] },
    });
  });

  it('drops vector matching where a side is a scalar, as Prometheus does', () => {
    expect(parseOk('a > bool 1').ast).toMatchObject({ kind: 'Binary', bool: true });
    expect(parseOk('a > bool 1').ast).not.toHaveProperty('matching');
    expect(parseOk('a or b').ast).toMatchObject({ matching: { card: 'many-to-many' } });
  });

  it('follows Prometheus precedence and associativity', () => {
    expect(parseOk('1 + 2 * 3 ^ 2 ^ 2').ast).toMatchObject({
      op: '+',
      rhs: { op: '*', rhs: { op: '^', lhs: { value: 3 }, rhs: { op: '^', lhs: { value: 2 }, rhs: { value: 2 } } } },
    });
    expect(parseOk('a or b and c unless d').ast).toMatchObject({ op: 'or', rhs: { op: 'unless', lhs: { op: 'and' } } });
    expect(parseOk('a == b + c').ast).toMatchObject({ op: '==', rhs: { op: '+' } });
  });

  it('binds a leading minus looser than ^ (-2^2 is -(2^2))', () => {
    const { ast, type } = parseOk('-2 ^ 2');
    expect(type).toBe('scalar');
    expect(ast).toMatchObject({
      kind: 'Unary',
      op: '-',
      from: 0,
      expr: { kind: 'Binary', op: '^', lhs: { kind: 'NumberLiteral', value: 2 }, rhs: { value: 2 } },
    });
    expect(parseOk('-2 * 3').ast).toMatchObject({ op: '*', lhs: { kind: 'NumberLiteral', value: -2 } });
  });

  it('binds offset, @, ranges and subqueries tighter than any operator', () => {
    expect(parseOk('a + b offset 5m').ast).toMatchObject({ kind: 'Binary', rhs: { name: 'b', offset: { ms: 300_000 } } });
    expect(parseOk('a / -b @ 10').ast).toMatchObject({ rhs: { kind: 'Unary', expr: { name: 'b', at: 10_000 } } });
    // The subquery applies to rate(...), so the minus sees a range vector.
    expect(firstError('-rate(x[5m])[10m:1m]').message).toContain('got "range vector"');
    // Only c is subqueried, which makes it a range vector operand.
    expect(firstError('(a + b) * c[5m:]')).toMatchObject({ column: 11, message: 'parse error: binary expression must contain only scalar and instant vector types' });
  });

  it('parses fill modifiers when the feature is on', () => {
    const opts = { features: ALL_FEATURES };
    expect(parseOk('a + on(x) fill(0) b', opts).ast).toMatchObject({ fill: { lhs: 0, rhs: 0 } });
    expect(parseOk('a - fill_right(-1) fill_left(2) b', opts).ast).toMatchObject({ fill: { lhs: 2, rhs: -1 } });
  });
});

describe('literals and unary operators', () => {
  it.each([
    ['1e3', 1000],
    ['0x1F', 31],
    ['010', 8],
    ['1_000', 1000],
    ['.5', 0.5],
    ['5.', 5],
    ['-Inf', -Infinity],
    ['+inf', Infinity],
    ['5m', 300],
    ['1h30m', 5400],
    ['- - 3', 3],
  ])('%s is the number %d', (expr, value) => {
    expect(parseOk(expr)).toMatchObject({ type: 'scalar', ast: { kind: 'NumberLiteral', value } });
  });

  it('keeps NaN and the duration flag', () => {
    const nan = parseOk('NaN').ast;
    expect(nan.kind === 'NumberLiteral' && Number.isNaN(nan.value)).toBe(true);
    expect(parseOk('10m').ast).toMatchObject({ duration: true });
  });

  it('folds signs into literals but not into other operands', () => {
    expect(parseOk('-x').ast).toMatchObject({ kind: 'Unary', op: '-', expr: { kind: 'VectorSelector' } });
    expect(parseOk('+(1)').ast).toMatchObject({ kind: 'Unary', op: '+', expr: { kind: 'Paren' } });
    expect(parseOk('- 1').ast).toMatchObject({ kind: 'NumberLiteral', value: -1, from: 0, to: 3 });
  });

  it('types strings and nested parentheses', () => {
    expect(parseOk('"text"').type).toBe('string');
    expect(parseOk('((((x))))').ast).toMatchObject({ kind: 'Paren', expr: { kind: 'Paren', expr: { kind: 'Paren' } } });
  });
});

describe('duration expressions', () => {
  it('evaluates constant arithmetic at parse time', () => {
    expect(parseOk('rate(up[1m * 2])').ast).toMatchObject({
      args: [{ range: { ms: 120_000, expr: { kind: 'DurationBinary', op: '*' } } }],
    });
    expect(parseOk('up offset -(1h / 2)').ast).toMatchObject({ offset: { ms: -1_800_000, expr: { kind: 'DurationUnary', op: '-' } } });
    expect(parseOk('up[max_of(5m, 2m) + 30s]').ast).toMatchObject({ range: { ms: 330_000 } });
  });

  it('keeps step() and range() symbolic', () => {
    const { ast } = parseOk('count_over_time(up[step() * 2 + range()])');
    expect(ast).toMatchObject({
      args: [
        {
          range: {
            ms: undefined,
            expr: {
              kind: 'DurationBinary',
              op: '+',
              lhs: { kind: 'DurationBinary', lhs: { kind: 'DurationFunc', fn: 'step' } },
              rhs: { kind: 'DurationFunc', fn: 'range', args: [] },
            },
          },
        },
      ],
    });
    expect(parseOk('x[5m:STEP()]').ast).toMatchObject({ step: { expr: { kind: 'DurationFunc', fn: 'step' } } });
  });

  it('ends an offset duration at its first operand, as Prometheus does', () => {
    expect(parseOk('x offset 100 + 2').ast).toMatchObject({ kind: 'Binary', op: '+', lhs: { offset: { ms: 100_000 } } });
    expect(parseOk('x offset -2 ^ 2').ast).toMatchObject({ kind: 'Binary', op: '^', lhs: { offset: { ms: -2000 } } });
  });
});

describe('functions', () => {
  it('types calls by the catalogue', () => {
    expect(parseOk('time()').type).toBe('scalar');
    expect(parseOk('scalar(sum(x))').type).toBe('scalar');
    expect(parseOk('label_join(up, "all", ",", "a", "b", "c")').ast).toMatchObject({ func: 'label_join' });
    expect(parseOk('histogram_quantile(0.9, sum by (le) (rate(x_bucket[5m])))').type).toBe('vector');
    expect(parseOk('round(x)').ast).toMatchObject({ args: [{}] });
    expect(parseOk('day_of_week()').ast).toMatchObject({ args: [] });
  });

  it('parses experimental functions with the flag, including min_of/max_of', () => {
    const opts = { features: ALL_FEATURES };
    expect(parseOk('min_of(1, time())', opts).type).toBe('scalar');
    expect(parseOk('info(up, {k8s_cluster_name=~".+"})', opts).ast).toMatchObject({ func: 'info' });
    expect(parseOk('sort_by_label(up)', opts).type).toBe('vector');
  });

  it('accepts holt_winters for a 2.x target', () => {
    expect(parseOk('holt_winters(x[10m], 0.3, 0.3)', { prometheusVersion: '2.42.0' }).ast).toMatchObject({ func: 'holt_winters' });
  });
});

describe('comments and layout', () => {
  it('skips comments anywhere tokens may be separated', () => {
    const expr = `sum by (job) ( # per job
  rate(http_requests_total{code=~"5.."}[5m]) # errors
) # end`;
    expect(parseOk(expr).ast).toMatchObject({ kind: 'Aggregate', grouping: { labels: ['job'] } });
    expect(parseOk('x{a="b", # comment\n c="d"}').ast).toMatchObject({ matchers: [{ name: 'a' }, { name: 'c' }, {}] });
  });

  it('reports line and column inside multi-line expressions', () => {
    const expr = 'sum(\n  rate(x[5m])\n) /\n  rate(y)';
    const e = firstError(expr);
    expect(e).toMatchObject({ line: 4, column: 8, from: 30, to: 31 });
    expect(formatPromQLError(e)).toBe('4:8: parse error: expected type range vector in call to function "rate", got instant vector');
  });

  it('counts columns in UTF-8 bytes like promtool', () => {
    const e = firstError('x{a="é"} + rate(y)');
    // `y` is the 17th character but follows 17 bytes.
    expect(e.column).toBe(18);
  });

  it('reports an empty expression', () => {
    const r = parsePromQL('  # only a comment\n');
    expect(r).toEqual({ ok: false, errors: [{ message: 'parse error: no expression found in input', from: 0, to: 0, line: 1, column: 1 }] });
  });
});

describe('parse results are shared', () => {
  it('parses a text once per target and features, and freezes what it hands out', () => {
    const a = parsePromQL('sum by (job) (rate(http_requests_total[5m]))', { prometheusVersion: '2.42.0' });
    const b = parsePromQL('sum by (job) (rate(http_requests_total[5m]))', { prometheusVersion: '2.42.0' });
    const newer = parsePromQL('sum by (job) (rate(http_requests_total[5m]))', { prometheusVersion: '3.5.0' });
    const featured = parsePromQL('sum by (job) (rate(http_requests_total[5m]))', { prometheusVersion: '2.42.0', features: new Set(['promql-experimental-functions']) });
    expect(b).toBe(a);
    expect(newer).not.toBe(a);
    expect(featured).not.toBe(a);
    expect(newer).toEqual(a);
    if (!a.ok) throw new Error('expected a parse');
    expect(Object.isFrozen(a.ast)).toBe(true);
    expect(() => {
      (a.ast as { kind: string }).kind = 'Paren';
    }).toThrow(TypeError);
  });

  it('keeps the target in the key: what one version refuses another accepts', () => {
    const text = 'double_exponential_smoothing(x[5m], 0.5, 0.5)';
    const features = new Set(['promql-experimental-functions'] as const);
    expect(parsePromQL(text, { prometheusVersion: '2.42.0', features }).ok).toBe(false);
    expect(parsePromQL(text, { prometheusVersion: '3.5.0', features }).ok).toBe(true);
    expect(parsePromQL(text, { prometheusVersion: '2.42.0', features }).ok).toBe(false);
  });
});
