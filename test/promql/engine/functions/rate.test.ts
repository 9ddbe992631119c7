import { describe, expect, it } from 'vitest';
import { extendedRate, extrapolatedRate, instantValue, linearRegression } from '../../../../src/promql/engine/functions/rate.js';
import { evalAt, expand, expectRows, invoke, load, minutes } from './helpers.js';

const M5 = minutes(5);

describe('resets() and changes() (functions.test)', () => {
  const data = load(M5, {
    'http_requests{path="/foo"}': '1 2 3 0 1 0 0 1 2 0',
    'http_requests{path="/bar"}': '1 2 3 4 5 1 2 3 4 5',
    'http_requests{path="/biz"}': '0 0 0 0 0 1 1 1 1 1',
  });
  const at50 = minutes(50);
  it.each([
    ['resets(http_requests[5m])', {}],
    ['resets(http_requests[10m])', { '{path="/foo"}': 0, '{path="/bar"}': 0, '{path="/biz"}': 0 }],
    ['resets(http_requests[20m])', { '{path="/foo"}': 1, '{path="/bar"}': 0, '{path="/biz"}': 0 }],
    ['resets(http_requests[32m])', { '{path="/foo"}': 2, '{path="/bar"}': 1, '{path="/biz"}': 0 }],
    ['resets(http_requests[50m])', { '{path="/foo"}': 3, '{path="/bar"}': 1, '{path="/biz"}': 0 }],
    ['changes(http_requests[6m])', { '{path="/foo"}': 0, '{path="/bar"}': 0, '{path="/biz"}': 0 }],
    ['changes(http_requests[20m])', { '{path="/foo"}': 2, '{path="/bar"}': 2, '{path="/biz"}': 0 }],
    ['changes(http_requests[50m])', { '{path="/foo"}': 7, '{path="/bar"}': 8, '{path="/biz"}': 1 }],
    ['changes((http_requests[50m]))', { '{path="/foo"}': 7, '{path="/bar"}': 8, '{path="/biz"}': 1 }],
  ])('%s', (expr, want) => {
    // Samples every 5m up to 45m: the window (45m, 50m] is empty (no output), one sample gives 0.
    expectRows(evalAt(expr, data, at50).samples, want);
  });

  it('counts NaN to NaN as no change', () => {
    const x = load(M5, { 'x{a="b"}': 'NaN NaN NaN', 'x{a="c"}': '0 NaN 0' });
    expectRows(evalAt('changes(x[20m])', x, minutes(15)).samples, { '{a="b"}': 0, '{a="c"}': 2 });
  });

  it('starts from the anchor sample at or before the window start when anchored', () => {
    const x = load(M5, { x: '5 1 2' });
    // Window (5m, 10m]; the anchor is the sample at 5m (value 1), the last one is 2: no reset.
    expectRows(evalAt('resets(x[5m] anchored)', x, minutes(10)).samples, { '{}': 0 });
    // Window (0, 5m]: anchor 5 at 0m, then 1: a reset.
    expectRows(evalAt('resets(x[5m] anchored)', x, minutes(5)).samples, { '{}': 1 });
    // Without a sample after the window start there is nothing to count.
    expectRows(evalAt('changes(x[5m] anchored)', x, minutes(16)).samples, {});
  });
});

describe('increase() and rate() extrapolation (functions.test)', () => {
  it('extrapolates to the window edges, but not below zero for counters', () => {
    const data = load(M5, {
      'http_requests_total{path="/foo"}': '0+10x10',
      'http_requests_total{path="/bar"}': '0+18x5 0+18x5',
      'http_requests_total{path="/dings"}': '10+10x10',
      'http_requests_total{path="/bumms"}': '1+10x10',
    });
    expectRows(evalAt('increase(http_requests_total[50m])', data, minutes(50)).samples, {
      '{path="/foo"}': 100,
      '{path="/bar"}': 160,
      '{path="/dings"}': 100,
      '{path="/bumms"}': 100,
    });
    expectRows(evalAt('increase(http_requests_total[100m])', data, minutes(50)).samples, {
      '{path="/foo"}': 100,
      '{path="/bar"}': 162,
      '{path="/dings"}': 105,
      '{path="/bumms"}': 101,
    });
  });

  it('adds back the value before a counter reset', () => {
    const data = load(M5, { 'http_requests_total{path="/foo"}': '0 1 2 3 2 3 4' });
    expectRows(evalAt('increase(http_requests_total[30m])', data, minutes(30)).samples, { '{path="/foo"}': 7 });
  });

  it('handles resets in the middle and at the end of the window', () => {
    const data = load(M5, {
      testcounter_reset_middle_total: '0+27x4 0+27x5',
      testcounter_reset_end_total: '0+10x9 0 10',
    });
    expectRows(evalAt('rate(testcounter_reset_middle_total[50m])', data, minutes(50)).samples, { '{}': 0.08 });
    expectRows(evalAt('rate(testcounter_reset_end_total[5m])', data, minutes(50)).samples, {});
    expectRows(evalAt('rate(testcounter_reset_end_total[6m])', data, minutes(50)).samples, { '{}': 0 });
  });

  it('computes per-second rates, also with an offset', () => {
    const data = load(M5, {
      'calculate_rate_offset_total{x="a"}': '0+10x10',
      'calculate_rate_offset_total{x="b"}': '0+20x10',
      calculate_rate_window_total: '0+80x10',
    });
    expectRows(evalAt('rate(calculate_rate_window_total[50m])', data, minutes(50)).samples, { '{}': 0.26666666666666666 });
    expectRows(evalAt('rate(calculate_rate_offset_total[10m] offset 5m)', data, minutes(50)).samples, {
      '{x="a"}': 0.03333333333333333,
      '{x="b"}': 0.06666666666666667,
    });
  });

  it('cuts the left extrapolation at the zero point until half an interval', () => {
    const data = load(minutes(4), {
      'testcounter_zero_cutoff_total{start="0m"}': '0+240x10',
      'testcounter_zero_cutoff_total{start="1m"}': '60+240x10',
      'testcounter_zero_cutoff_total{start="2m"}': '120+240x10',
      'testcounter_zero_cutoff_total{start="3m"}': '180+240x10',
      'testcounter_zero_cutoff_total{start="4m"}': '240+240x10',
      'testcounter_zero_cutoff_total{start="5m"}': '300+240x10',
    });
    expectRows(evalAt('rate(testcounter_zero_cutoff_total[20m])', data, minutes(10)).samples, {
      '{start="0m"}': 0.5,
      '{start="1m"}': 0.55,
      '{start="2m"}': 0.6,
      '{start="3m"}': 0.6,
      '{start="4m"}': 0.6,
      '{start="5m"}': 0.6,
    });
    const late = evalAt('rate(testcounter_zero_cutoff_total[20m])', data, minutes(50)).samples;
    expect(late.map((s) => s.v)).toEqual([0.6, 0.6, 0.6, 0.6, 0.6, 0.6].map((v) => expect.closeTo(v, 12)));
  });

  it('computes delta() of gauges without reset handling', () => {
    const data = load(M5, { 'http_requests{path="/foo"}': '0 50 100 150 200', 'http_requests{path="/bar"}': '200 150 100 50 0' });
    expectRows(evalAt('delta(http_requests[20m])', data, minutes(20)).samples, { '{path="/foo"}': 200, '{path="/bar"}': -200 });
  });

  it.each([
    // [points (t in s, v), window (s), counter, rate, expected]
    ['gap before the first sample above 1.1 intervals: half an interval only', [[40, 10], [50, 20], [60, 30]], [0, 60], false, false, 25],
    ['samples on both edges: no extrapolation', [[0, 1], [30, 2], [60, 3]], [0, 60], false, false, 2],
    ['gaps within 1.1 intervals: extrapolated to both edges', [[5, 1], [25, 3], [45, 5]], [0, 50], false, false, 5],
    ['counter would go below zero: extrapolated to the zero point', [[10, 1], [20, 11]], [0, 20], true, false, 11],
    ['gauge is extrapolated to the edge, below zero if need be', [[10, 1], [20, 11]], [0, 20], false, false, 20],
    ['rate divides by the window length', [[0, 0], [60, 60]], [0, 60], true, true, 1],
  ] as const)('%s', (_, pts, [start, end], counter, rate, want) => {
    const points = pts.map(([t, v]) => ({ t: t * 1000, v }));
    expect(extrapolatedRate(points, { start: start * 1000, end: end * 1000 }, counter, rate)).toBeCloseTo(want, 12);
  });

  it('needs two samples', () => {
    expect(extrapolatedRate([{ t: 0, v: 1 }], { start: -1000, end: 0 }, true, true)).toBeUndefined();
  });

  it('warns about counter names without a counter suffix (rate and increase, not delta)', () => {
    const data = load(M5, { 'http_requests{path="/foo"}': '0+10x10', 'x_total': '0+1x10' });
    const r = evalAt('rate(http_requests[10m])', data, minutes(50));
    expect(r.annotations).toEqual([
      {
        kind: 'info',
        message: 'PromQL info: metric might not be a counter, name does not end in _total/_sum/_count/_bucket: "http_requests"',
        position: { from: 5, to: 23 },
      },
    ]);
    expect(evalAt('rate(x_total[10m])', data, minutes(50)).annotations).toEqual([]);
    expect(evalAt('delta(http_requests[10m])', data, minutes(50)).annotations).toEqual([]);
    // Nothing selected, nothing to warn about.
    expect(evalAt('increase(http_requests[10m])', data, minutes(500)).annotations).toEqual([]);
  });

  it('reports a subquery argument at the query start, as Prometheus (its evaluated stand-in has no position)', () => {
    const series = [{ metric: { __name__: 'x', a: 'b' }, points: expand('0+1x10', 60_000) }];
    const r = invoke('rate(x[5m:1m])', [{ type: 'matrix', series }], { ts: minutes(10), window: { start: minutes(5), end: minutes(10) } });
    expect(r.samples).toHaveLength(1);
    expect(r.annotations[0]?.position).toEqual({ from: 0, to: 0 });
  });

  it('drops the metric name, or marks it for delayed removal', () => {
    const data = load(M5, { 'x_total{a="b"}': '0+10x10' });
    const [plain] = evalAt('rate(x_total[10m])', data, minutes(50)).samples;
    expect(plain).toMatchObject({ metric: { a: 'b' }, dropName: true });
    const [delayed] = evalAt('rate(x_total[10m])', data, minutes(50), { delayedNameRemoval: true }).samples;
    expect(delayed).toMatchObject({ metric: { __name__: 'x_total', a: 'b' }, dropName: true });
  });
});

describe('anchored and smoothed rates (extendedRate)', () => {
  const pts = (spec: string, step = 10_000) => expand(spec, step);

  it('anchored: measures from the last sample at or before the window start, no extrapolation', () => {
    // Samples at 0,10,..,60s; window (15s, 45s]: anchor is the 10s sample (1), last inside is 40s (4).
    const points = pts('0+1x6');
    expect(extendedRate(points.filter((p) => p.t <= 45_000), { start: 15_000, end: 45_000 }, false, false, false)).toBe(3);
    expect(extendedRate(points.filter((p) => p.t <= 45_000), { start: 15_000, end: 45_000 }, false, true, true)).toBeCloseTo(0.1, 12);
  });

  it('smoothed: interpolates the values at both window edges', () => {
    const points = pts('0+1x6');
    // Value at 15s is 1.5, at 45s 4.5.
    expect(extendedRate(points, { start: 15_000, end: 45_000 }, true, false, false)).toBeCloseTo(3, 12);
  });

  it('smoothed counter: a reset between two samples interpolates from zero', () => {
    // 10 at 0s, 2 at 10s (reset), 4 at 20s; window (5s, 20s]: left = 0 + 2*0.5 = 1, right = 4, change 3.
    const points = [
      { t: 0, v: 10 },
      { t: 10_000, v: 2 },
      { t: 20_000, v: 4 },
    ];
    expect(extendedRate(points, { start: 5_000, end: 20_000 }, true, true, false)).toBeCloseTo(3, 12);
  });

  it('no sample after the window start: no result', () => {
    expect(extendedRate(pts('1 2'), { start: 10_000, end: 20_000 }, false, true, false)).toBeUndefined();
  });

  it('through the function table with the selector modifiers', () => {
    const data = load(minutes(1), { x_total: '0+1x10' });
    // Window (2m, 5m], anchor at 2m (2), last at 5m (5).
    expectRows(evalAt('increase(x_total[3m] anchored)', data, minutes(5)).samples, { '{}': 3 });
    expectRows(evalAt('rate(x_total[3m] smoothed)', data, minutes(5) + 30_000).samples, { '{}': 1 / 60 });
  });
});

describe('irate() and idelta()', () => {
  it('uses the last two samples, a decrease being a counter reset for irate', () => {
    expect(instantValue([{ t: 0, v: 5 }, { t: 10_000, v: 15 }], true)).toBe(1);
    expect(instantValue([{ t: 0, v: 5 }, { t: 10_000, v: 2 }], true)).toBeCloseTo(0.2, 12);
    expect(instantValue([{ t: 0, v: 5 }, { t: 10_000, v: 2 }], false)).toBe(-3);
    expect(instantValue([{ t: 0, v: 5 }], false)).toBeUndefined();
  });

  it('matches functions.test', () => {
    const data = load(M5, {
      'http_requests_total{path="/foo"}': '0+10x10',
      'http_requests_total{path="/bar"}': '0+10x5 0+10x5',
    });
    expectRows(evalAt('irate(http_requests_total[50m])', data, minutes(50)).samples, {
      '{path="/foo"}': 0.03333333333333333,
      '{path="/bar"}': 0.03333333333333333,
    });
    expectRows(evalAt('irate(http_requests_total[50m])', data, minutes(30)).samples, {
      '{path="/foo"}': 0.03333333333333333,
      '{path="/bar"}': 0,
    });
    const nan = load(M5, { http_requests_nan: '1 NaN NaN 5 11' });
    expect(evalAt('irate(http_requests_nan[15m1s])', nan, minutes(5)).samples[0]?.v).toBeNaN();
    expect(evalAt('irate(http_requests_nan[15m1s])', nan, minutes(20)).samples[0]?.v).toBeCloseTo(0.02, 12);
  });
});

describe('deriv() and predict_linear() (functions.test)', () => {
  const data = load(M5, {
    testcounter_reset_middle_total: '0+10x4 0+10x5',
    'http_requests_total{job="app-server", instance="1", group="canary"}': '0+80x10',
    'http_requests_inf{job="app-server", instance="1", group="canary"}': '-Inf 0+80x10 Inf',
  });

  it('deriv equals rate on a straight counter', () => {
    expectRows(evalAt('deriv(http_requests_total[50m])', data, minutes(50)).samples, {
      '{group="canary",instance="1",job="app-server"}': 0.26666666666666666,
    });
  });

  it('is NaN with infinite samples', () => {
    expectRows(evalAt('deriv(http_requests_inf[100m])', data, minutes(100)).samples, {
      '{group="canary",instance="1",job="app-server"}': NaN,
    });
    expectRows(evalAt('predict_linear(http_requests_inf[100m], 6000)', data, minutes(100)).samples, {
      '{group="canary",instance="1",job="app-server"}': NaN,
    });
  });

  it('predicts from the regression at the evaluation time', () => {
    expectRows(evalAt('predict_linear(testcounter_reset_middle_total[50m], 3600)', data, minutes(50)).samples, { '{}': 70 });
    expectRows(evalAt('predict_linear(testcounter_reset_middle_total[50m], 1h)', data, minutes(50)).samples, { '{}': 70 });
  });

  it('linear regression: slope and intercept of the worked example in functions.test', () => {
    const points = expand('0+10x4 0+10x5', M5);
    const [slope, intercept] = linearRegression(points, 0);
    expect(slope).toBeCloseTo(0.010606060606060607, 15);
    expect(intercept).toBeCloseTo(6.818181818181818, 12);
    // A constant series has slope 0 and its value as intercept.
    expect(linearRegression(expand('3x3', 1000), 0)).toEqual([0, 3]);
  });
});
