import { describe, expect, it } from 'vitest';
import { expandSeries, isHistogramValue, parseMetricPrefix, parseSeriesLine } from '../../../src/promql/engine/series-notation.js';
import { histogramTestExpression } from '../../../src/promql/engine/histogram.js';

describe('expandSeries', () => {
  it('expands increments, repeats, blanks and staleness markers', () => {
    expect(expandSeries('0+10x3')).toEqual([0, 10, 20, 30]);
    expect(expandSeries('1-1x5')).toEqual([1, 0, -1, -2, -3, -4]);
    expect(expandSeries('-2-1x3')).toEqual([-2, -3, -4, -5]);
    expect(expandSeries('1 1 0x2')).toEqual([1, 1, 0, 0, 0]);
    expect(expandSeries('_ 1 _x3 stale 2')).toEqual([undefined, 1, undefined, undefined, undefined, 'stale', 2]);
    expect(expandSeries('7x0')).toEqual([7]);
  });

  it('reads Inf, NaN, exponents and digit separators', () => {
    const v = expandSeries('Inf -Inf NaN 1e3 1_000 .5');
    expect(v.slice(0, 2)).toEqual([Infinity, -Infinity]);
    expect(Number.isNaN(v[2])).toBe(true);
    expect(v.slice(3)).toEqual([1000, 1000, 0.5]);
  });

  it('adds increments step by step like Prometheus (float rounding included)', () => {
    expect(expandSeries('0.1+0.1x2')).toEqual([0.1, 0.2, 0.1 + 0.1 + 0.1]);
  });

  it('rejects what is not notation', () => {
    expect(() => expandSeries('1+x3')).toThrow(/invalid series value/);
    expect(() => expandSeries('{{schema:0 sum:1 count:1}}+1x3')).toThrow(/invalid series value/);
  });

  it('expands native histograms: single, repeated and incremented', () => {
    const text = (v: ReturnType<typeof expandSeries>[number]): string => (isHistogramValue(v) ? histogramTestExpression(v.h) : String(v));
    expect(expandSeries('{{schema:1 sum:-0.3 count:32.1 z_bucket:7.1 z_bucket_w:0.05 buckets:[5.1 10 7] offset:-3 n_buckets:[4.1 5] n_offset:-5}}').map(text)).toEqual([
      '{{schema:1 count:32.1 sum:-0.3 z_bucket:7.1 z_bucket_w:0.05 offset:-3 buckets:[5.1 10 7] n_offset:-5 n_buckets:[4.1 5]}}',
    ]);
    expect(expandSeries('{{sum:3 count:2 buckets:[2]}}x1 _').map(text)).toEqual(['{{count:2 sum:3 buckets:[2]}}', '{{count:2 sum:3 buckets:[2]}}', 'undefined']);
    expect(expandSeries('{{sum:3 count:2 buckets:[2]}}+{{sum:1.5 count:1 buckets:[0 1] counter_reset_hint:gauge}}x2').map(text)).toEqual([
      '{{count:2 sum:3 buckets:[2]}}',
      '{{count:3 sum:4.5 counter_reset_hint:gauge buckets:[2 1]}}',
      '{{count:4 sum:6 counter_reset_hint:gauge buckets:[2 2]}}',
    ]);
    expect(expandSeries('{{schema:-53 count:3 custom_values:[1 5] buckets:[1 2]}}').map(text)).toEqual(['{{schema:-53 count:3 custom_values:[1 5] buckets:[1 2]}}']);
  });
});

describe('series lines', () => {
  it('parses names, quoted label values and UTF-8 names', () => {
    expect(parseSeriesLine('http_requests{job="api", path="/a\\"b"} 1 2')).toEqual({
      metric: { __name__: 'http_requests', job: 'api', path: '/a"b' },
      valuesText: '1 2',
      histogram: false,
    });
    expect(parseMetricPrefix('{"my.metric", "a.b"="c"}').metric).toEqual({ __name__: 'my.metric', 'a.b': 'c' });
    expect(parseSeriesLine('{} 1').metric).toEqual({});
    expect(parseSeriesLine('m {{schema:0 sum:1 count:1}}').histogram).toBe(true);
  });

  it('drops empty label values, which mean an absent label', () => {
    expect(parseSeriesLine('m{a=""} 1').metric).toEqual({ __name__: 'm' });
  });
});
