import { describe, expect, it } from 'vitest';
import { bucketFraction, bucketQuantile, type Bucket } from '../../../../src/promql/engine/functions/histogram.js';
import { evalAt, expectRows, invoke, load, minutes, scalar, vec } from './helpers.js';

const at50 = minutes(50);

const hist = load(minutes(5), {
  'testhistogram_bucket{le="0.1", start="positive"}': '0+5x10',
  'testhistogram_bucket{le=".2", start="positive"}': '0+7x10',
  'testhistogram_bucket{le="1e0", start="positive"}': '0+11x10',
  'testhistogram_bucket{le="+Inf", start="positive"}': '0+12x10',
  'testhistogram_bucket{le="-.2", start="negative"}': '0+1x10',
  'testhistogram_bucket{le="-0.1", start="negative"}': '0+2x10',
  'testhistogram_bucket{le="0.3", start="negative"}': '0+2x10',
  'testhistogram_bucket{le="+Inf", start="negative"}': '0+3x10',
  'testhistogram2_bucket{le="0"}': '0+0x10',
  'testhistogram2_bucket{le="2"}': '0+1x10',
  'testhistogram2_bucket{le="4"}': '0+2x10',
  'testhistogram2_bucket{le="6"}': '0+3x10',
  'testhistogram2_bucket{le="+Inf"}': '0+3x10',
  'testhistogram3_bucket{le="0", start="positive"}': '0+0x10',
  'testhistogram3_bucket{le="0.1", start="positive"}': '0+5x10',
  'testhistogram3_bucket{le=".2", start="positive"}': '0+7x10',
  'testhistogram3_bucket{le="1e0", start="positive"}': '0+11x10',
  'testhistogram3_bucket{le="+Inf", start="positive"}': '0+11x10',
  'testhistogram3_bucket{le="-.25", start="negative"}': '0+0x10',
  'testhistogram3_bucket{le="-.2", start="negative"}': '0+1x10',
  'testhistogram3_bucket{le="-0.1", start="negative"}': '0+2x10',
  'testhistogram3_bucket{le="0.3", start="negative"}': '0+2x10',
  'testhistogram3_bucket{le="+Inf", start="negative"}': '0+2x10',
  'nonmonotonic_bucket{le="0.1"}': '0+2x10',
  'nonmonotonic_bucket{le="1"}': '0+1x10',
  'nonmonotonic_bucket{le="10"}': '0+5x10',
  'nonmonotonic_bucket{le="100"}': '0+4x10',
  'nonmonotonic_bucket{le="1000"}': '0+9x10',
  'nonmonotonic_bucket{le="+Inf"}': '0+8x10',
});

describe('histogram_quantile over classic buckets (histograms.test)', () => {
  it.each([
    [0, { '{start="positive"}': 0, '{start="negative"}': -0.2 }],
    [0.2, { '{start="positive"}': 0.048, '{start="negative"}': -0.2 }],
    [0.5, { '{start="positive"}': 0.15, '{start="negative"}': -0.15 }],
    [0.8, { '{start="positive"}': 0.72, '{start="negative"}': 0.3 }],
    // In the +Inf bucket: the second highest bound.
    [1, { '{start="positive"}': 1, '{start="negative"}': 0.3 }],
    [-0.1, { '{start="positive"}': -Infinity, '{start="negative"}': -Infinity }],
    [1.01, { '{start="positive"}': Infinity, '{start="negative"}': Infinity }],
    [NaN, { '{start="positive"}': NaN, '{start="negative"}': NaN }],
  ])('q=%s', (q, want) => {
    const r = evalAt(`histogram_quantile(${q}, testhistogram_bucket)`, hist, at50);
    expectRows(r.samples, want);
    const warned = Number.isNaN(q) || q < 0 || q > 1;
    expect(r.annotations.map((a) => a.message)).toEqual(
      warned ? [`PromQL warning: quantile value should be between 0 and 1, got ${Number.isNaN(q) ? 'NaN' : q}`] : [],
    );
  });

  it('testhistogram3 (first bucket at 0, empty +Inf bucket)', () => {
    expectRows(evalAt('histogram_quantile(0.25, testhistogram3_bucket)', hist, at50).samples, {
      '{start="positive"}': 0.055,
      '{start="negative"}': -0.225,
    });
    expectRows(evalAt('histogram_quantile(1, testhistogram3_bucket)', hist, at50).samples, {
      '{start="positive"}': 1,
      '{start="negative"}': -0.1,
    });
  });

  it('warns about invalid quantiles even without data', () => {
    const r = evalAt('histogram_quantile(NaN, non_existent)', hist, at50);
    expect(r.samples).toEqual([]);
    expect(r.annotations).toEqual([
      { kind: 'warning', message: 'PromQL warning: quantile value should be between 0 and 1, got NaN', position: { from: 19, to: 22 } },
    ]);
  });

  it('fixes non-monotonic buckets and says so', () => {
    const r = evalAt('histogram_quantile(0.5, nonmonotonic_bucket)', hist, at50);
    expectRows(r.samples, { '{}': 8.5 });
    expectRows(evalAt('histogram_quantile(0.01, nonmonotonic_bucket)', hist, at50).samples, { '{}': 0.0045 });
    expectRows(evalAt('histogram_quantile(0.99, nonmonotonic_bucket)', hist, at50).samples, { '{}': 979.75 });
    expect(r.annotations).toEqual([
      {
        kind: 'info',
        message:
          'PromQL info: input to histogram_quantile needed to be fixed for monotonicity (see https://prometheus.io/docs/prometheus/latest/querying/functions/#histogram_quantile), from buckets 1 to +Inf, with a max diff of 10, over 1 samples from 1970-01-01T00:50:00Z to 1970-01-01T00:50:00Z',
        position: { from: 24, to: 43 },
      },
    ]);
    // With delayed name removal the metric name is part of the message.
    const delayed = evalAt('histogram_quantile(0.5, nonmonotonic_bucket)', hist, at50, { delayedNameRemoval: true });
    expect(delayed.annotations[0]?.message).toContain('#histogram_quantile) for metric name "nonmonotonic_bucket", from buckets');
  });

  it('warns about a missing or malformed le', () => {
    const data = load(minutes(5), { 'series{le="Hello World"}': '1', 'series{a="b"}': '1' });
    const r = evalAt('histogram_quantile(0.5, series)', data, 0);
    expect(r.samples).toEqual([]);
    expect(r.annotations.map((a) => a.message).sort()).toEqual([
      'PromQL warning: bucket label "le" is missing or has a malformed value of ""',
      'PromQL warning: bucket label "le" is missing or has a malformed value of "Hello World"',
    ]);
    const delayed = evalAt('histogram_quantile(0.5, series)', data, 0, { delayedNameRemoval: true });
    expect(delayed.annotations.map((a) => a.message)).toContain(
      'PromQL warning: bucket label "le" is missing or has a malformed value of "" for metric name "series"',
    );
  });

  it('drops le and the metric name; groups by everything else', () => {
    const r = evalAt('histogram_quantile(0.5, testhistogram_bucket)', hist, at50);
    expect(r.samples.map((s) => s.metric)).toEqual([{ start: 'positive' }, { start: 'negative' }]);
    const d = evalAt('histogram_quantile(0.5, testhistogram_bucket)', hist, at50, { delayedNameRemoval: true });
    expect(d.samples[0]).toMatchObject({ metric: { __name__: 'testhistogram_bucket', start: 'positive' }, dropName: true });
  });
});

describe('histogram_quantiles (histograms.test)', () => {
  it('labels each quantile with its OpenMetrics float form', () => {
    const r = evalAt('histogram_quantiles(testhistogram3_bucket, "q", 0, 0.25, 0.5, 0.75, 1)', hist, at50);
    expectRows(r.samples, {
      '{q="0.0", start="positive"}': 0,
      '{q="0.0", start="negative"}': -0.25,
      '{q="0.25", start="positive"}': 0.055,
      '{q="0.25", start="negative"}': -0.225,
      '{q="0.5", start="positive"}': 0.125,
      '{q="0.5", start="negative"}': -0.2,
      '{q="0.75", start="positive"}': 0.45,
      '{q="0.75", start="negative"}': -0.15,
      '{q="1.0", start="positive"}': 1,
      '{q="1.0", start="negative"}': -0.1,
    });
    expect(r.annotations).toEqual([]);
  });

  it('reports invalid quantiles at their argument', () => {
    const r = evalAt('histogram_quantiles(testhistogram_bucket, "q", 0.5, -0.1)', hist, at50);
    expect(r.samples.filter((s) => s.metric['q'] === '-0.1').map((s) => s.v)).toEqual([-Infinity, -Infinity]);
    expect(r.annotations).toEqual([
      { kind: 'warning', message: 'PromQL warning: quantile value should be between 0 and 1, got -0.1', position: { from: 52, to: 56 } },
    ]);
  });

  it('fixes the shared buckets in place, so only the first quantile reports the fix (as Prometheus)', () => {
    const r = evalAt('histogram_quantiles(nonmonotonic_bucket, "q", 0.01, 0.5, 0.99)', hist, at50);
    expectRows(r.samples, { '{q="0.01"}': 0.0045, '{q="0.5"}': 8.5, '{q="0.99"}': 979.75 });
    expect(r.annotations).toHaveLength(1);
    expect(r.annotations[0]?.message).toMatch(/needed to be fixed for monotonicity .*over 1 samples/);
    expect(r.annotations[0]?.position).toEqual({ from: 20, to: 39 });
  });
});

describe('histogram_fraction over classic buckets (histograms.test)', () => {
  it.each([
    ['histogram_fraction(0, 4, testhistogram2_bucket)', { '{}': 0.6666666666666666 }],
    ['histogram_fraction(0, 6, testhistogram2_bucket)', { '{}': 1 }],
    ['histogram_fraction(0, 3.5, testhistogram2_bucket)', { '{}': 0.5833333333333334 }],
    ['histogram_fraction(0, 0.2, testhistogram3_bucket)', { '{start="positive"}': 0.6363636363636364, '{start="negative"}': 0 }],
  ])('%s', (expr, want) => {
    expectRows(evalAt(expr, hist, at50).samples, want);
  });

  it.each([
    // [lower, upper, buckets (le, cumulative count), expected]
    [-Infinity, -1.5, [[-3, 10], [-2, 12], [-1, 15], [Infinity, 100]], 0.135],
    [400, Infinity, [[1, 1], [2, 3], [3, 6], [Infinity, 100]], 0.94],
    [2, 2, [[1, 1], [2, 3], [Infinity, 100]], 0],
    [3, 2, [[1, 1], [2, 3], [Infinity, 100]], 0],
    [NaN, 1, [[1, 1], [Infinity, 2]], NaN],
    [0, 5, [[1, 0], [Infinity, 0]], NaN],
    [0, 1, [[1, 4], [2, 8]], NaN],
  ])('fraction(%s, %s) over %j = %s', (lower, upper, bs, want) => {
    const buckets: Bucket[] = bs.map(([upperBound, count]) => ({ upperBound: upperBound ?? NaN, count: count ?? NaN }));
    const got = bucketFraction(lower, upper, buckets);
    if (Number.isNaN(want)) expect(got).toBeNaN();
    else expect(got).toBeCloseTo(want, 12);
  });

  it('reads native histograms only before 3.4', () => {
    expect(evalAt('histogram_fraction(0, 4, testhistogram2_bucket)', hist, at50, { version: '3.3.0' }).samples).toEqual([]);
  });
});

describe('bucketQuantile edge cases', () => {
  const b = (...pairs: [number, number][]): Bucket[] => pairs.map(([upperBound, count]) => ({ upperBound, count }));
  it('needs a +Inf bucket, two distinct bounds and observations', () => {
    expect(bucketQuantile(0.5, b([1, 1], [2, 2])).value).toBeNaN();
    expect(bucketQuantile(0.5, b([Infinity, 2])).value).toBeNaN();
    expect(bucketQuantile(0.5, b([1, 0], [Infinity, 0])).value).toBeNaN();
  });

  it('merges bounds written differently (le="0.1" and le="1e-1") before interpolating', () => {
    expect(bucketQuantile(0.5, b([0.1, 1], [0.1, 1], [Infinity, 4])).value).toBe(0.1);
  });

  it('takes a non-positive lowest bound as the answer in the lowest bucket', () => {
    expect(bucketQuantile(0.1, b([-1, 5], [0, 8], [Infinity, 10])).value).toBe(-1);
  });

  it('ignores float noise between buckets without reporting it', () => {
    const r = bucketQuantile(0.75, b([1, 10], [2, 10 - 1e-14], [Infinity, 20]));
    expect(r.fix.forced).toBe(false);
    // Rank 15 lies in the +Inf bucket: the answer is the second highest bound.
    expect(r.value).toBe(2);
    const forced = bucketQuantile(0.75, b([1, 10], [2, 9], [Infinity, 20]));
    expect(forced.fix).toEqual({ forced: true, minBucket: 2, maxBucket: 2, maxDiff: 1 });
  });

  it('histogram functions of native histograms return nothing for floats', () => {
    for (const f of ['histogram_count', 'histogram_sum', 'histogram_avg', 'histogram_stddev', 'histogram_stdvar']) {
      expect(invoke(`${f}(x)`, [vec({ x: 1 })]).samples).toEqual([]);
    }
    expect(invoke('histogram_quantile(0.5, x)', [scalar(0.5), vec({})]).samples).toEqual([]);
  });
});
