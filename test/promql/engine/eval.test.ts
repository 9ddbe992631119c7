import { describe, expect, it } from 'vitest';
import { instant, instantError, lines, matrixLines, MIN, options, range, store } from './helpers.js';

describe('instant selectors', () => {
  const st = store(`
    m{i="a"} 1 2 _ _ 5
    m{i="b"} 1 stale 3
  `);

  it('take the latest sample within the 5m lookback; exactly 5m old is too old', () => {
    expect(lines(instant(st, 'm', 5 * MIN).value)).toEqual(['m{i="a"} 2']);
    expect(lines(instant(st, 'm', 9 * MIN).value)).toEqual(['m{i="a"} 2']);
    expect(lines(instant(st, 'm', 10 * MIN).value)).toEqual(['m{i="b"} 3']);
    expect(lines(instant(st, 'm', 20 * MIN).value)).toEqual(['m{i="a"} 5']);
  });

  it('stop at a staleness marker', () => {
    expect(lines(instant(st, 'm{i="b"}', 5 * MIN).value)).toEqual([]);
    expect(lines(instant(st, 'm{i="b"}', 4 * MIN).value)).toEqual(['m{i="b"} 1']);
  });

  it('honour a different lookback delta', () => {
    const opts = options('3.14.0', { lookbackDeltaMs: MIN });
    expect(lines(instant(st, 'm', 6 * MIN, {}, opts).value)).toEqual([]);
  });
});

describe('offset and @', () => {
  const st = store('x 0+1x20', MIN);

  it('offset looks back, negative offset forward', () => {
    expect(lines(instant(st, 'x offset 5m', 10 * MIN).value)).toEqual(['x{} 5']);
    expect(lines(instant(st, 'x offset -5m', 10 * MIN).value)).toEqual(['x{} 15']);
  });

  it('@ pins the time, combined with offset; start() and end() are the query range', () => {
    expect(lines(instant(st, 'x @ 120', 10 * MIN).value)).toEqual(['x{} 2']);
    expect(lines(instant(st, 'x @ 300 offset 1m', 10 * MIN).value)).toEqual(['x{} 4']);
    const r = range(st, 'x @ end()', 0, 10 * MIN, 5 * MIN);
    expect(matrixLines(r.value)).toEqual(['x{} 0=10 300=10 600=10']);
    const s = range(st, 'x @ start()', 5 * MIN, 10 * MIN, 5 * MIN);
    expect(matrixLines(s.value)).toEqual(['x{} 300=5 600=5']);
  });

  it('timestamp() of a selector reports the sample time, of anything else the step time', () => {
    const sparse = store('y 1 _ _', 2 * MIN);
    expect(lines(instant(sparse, 'timestamp(y)', 3 * MIN).value)).toEqual(['{} 0']);
    expect(lines(instant(sparse, 'timestamp(-y)', 3 * MIN).value)).toEqual(['{} 180']);
  });
});

describe('range selectors', () => {
  const st = store('c 0+1x10', MIN);

  it('are left-open from Prometheus 3.0 and closed before', () => {
    expect(matrixLines(instant(st, 'c[2m]', 5 * MIN).value)).toEqual(['c{} 240=4 300=5']);
    expect(matrixLines(instant(st, 'c[2m]', 5 * MIN, {}, options('2.53.0')).value)).toEqual(['c{} 180=3 240=4 300=5']);
  });

  it('cannot be the result of a range query', () => {
    expect(() => range(st, 'c[1m]', 0, MIN, MIN)).toThrow('invalid expression type "range vector" for range query, must be Scalar or instant Vector');
  });
});

describe('subqueries', () => {
  const st = store('c 0+1x30', 10_000);

  it('evaluate at absolute multiples of their step', () => {
    // Window (65s, 125s]: steps at 80s, 100s, 120s.
    expect(matrixLines(instant(st, 'c[60s:20s]', 125_000).value)).toEqual(['c{} 80=8 100=10 120=12']);
  });

  it('default to the configured step, and take offset and @', () => {
    expect(matrixLines(instant(st, 'c[3m:]', 5 * MIN).value)).toEqual(['c{} 180=18 240=24 300=30']);
    expect(matrixLines(instant(st, 'c[2m:1m] offset 1m', 5 * MIN).value)).toEqual(['c{} 180=18 240=24']);
    expect(matrixLines(instant(st, 'c[2m:1m] @ 240', 5 * MIN).value)).toEqual(['c{} 180=18 240=24']);
  });

  it('feed range functions', () => {
    expect(lines(instant(st, 'max_over_time((c * 2)[1m:10s])', 2 * MIN).value)).toEqual(['{} 24']);
  });
});

describe('range queries', () => {
  it('assemble steps into series sorted by labels, with scalars as one unlabelled series', () => {
    const st = store(`
      m{i="b"} 1 2 3
      m{i="a"} _ 5 6
    `);
    expect(matrixLines(range(st, 'm', 0, 10 * MIN, 5 * MIN).value)).toEqual(['m{i="a"} 300=5 600=6', 'm{i="b"} 0=1 300=2 600=3']);
    expect(matrixLines(range(st, 'time()', 0, 2 * MIN, MIN).value)).toEqual(['{} 0=0 60=60 120=120']);
  });

  it('warn that sort is pointless', () => {
    const st = store('m 1');
    const r = range(st, 'sort(m)', 0, MIN, MIN);
    expect(r.annotations).toEqual([
      { kind: 'warning', message: 'PromQL warning: sort is ineffective for range queries since results are always ordered by labels (1:1)' },
    ]);
  });
});

describe('metric names', () => {
  const st = store(`
    a_total{env="1"} 0 60 120
    b_total{env="1"} 60 120 180
  `);

  it('are dropped by arithmetic, functions and unary minus, kept by filters and last_over_time', () => {
    for (const delayed of [false, true]) {
      const x = { delayedNameRemoval: delayed };
      expect(lines(instant(st, '-a_total', 10 * MIN, x).value)).toEqual(['{env="1"} -120']);
      expect(lines(instant(st, 'a_total * 2', 10 * MIN, x).value)).toEqual(['{env="1"} 240']);
      expect(lines(instant(st, 'a_total <= b_total', 10 * MIN, x).value)).toEqual(['a_total{env="1"} 120']);
      expect(lines(instant(st, 'a_total <= bool b_total', 10 * MIN, x).value)).toEqual(['{env="1"} 1']);
      expect(lines(instant(st, 'last_over_time(a_total[10m])', 10 * MIN, x).value)).toEqual(['a_total{env="1"} 120']);
      expect(lines(instant(st, 'rate(a_total[10m])', 10 * MIN, x).value)).toEqual(['{env="1"} 0.2']);
    }
  });

  it('collide into duplicate series only when removed early', () => {
    const q = 'sum(rate({env="1"}[10m])) by (env)';
    expect(lines(instant(st, q, 10 * MIN, { delayedNameRemoval: true }).value)).toEqual(['{env="1"} 0.4']);
    expect(instantError(st, q, 10 * MIN)).toBe('vector cannot contain metrics with the same labelset');
    expect(instantError(st, 'rate({env="1"}[10m])', 10 * MIN, { delayedNameRemoval: true })).toBe(
      'vector cannot contain metrics with the same labelset',
    );
  });
});

describe('annotations', () => {
  it('carry the position of the expression they are about', () => {
    const st = store('requests 0+1x10', MIN);
    const r = instant(st, 'sum(rate(requests[5m]))', 10 * MIN);
    expect(r.annotations).toEqual([
      {
        kind: 'info',
        message: 'PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "requests" (1:10)',
      },
    ]);
  });
});
