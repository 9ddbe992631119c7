import { describe, expect, it } from 'vitest';
import { average, mad, sum, variance } from '../../../../src/promql/engine/functions/over-time.js';
import { quantileOf } from '../../../../src/promql/engine/functions/common.js';
import { evalAt, expand, expectRows, load, minutes } from './helpers.js';

const S10 = 10_000;
const pts = (spec: string) => expand(spec, S10);

describe('avg_over_time / sum_over_time (functions.test)', () => {
  it.each([
    ['1 2 3 4 5', 3],
    ['1 2 3 4 Inf', Infinity],
    ['1 2 3 4 -Inf', -Infinity],
    ['1 2 3 Inf -Inf', NaN],
    ['Inf 0 Inf', Infinity],
    ['Inf Inf Inf -Inf', NaN],
    ['1 2 3 -Inf -Inf', -Infinity],
    ['-Inf 0 -Inf', -Infinity],
    ['1 2 -Inf -Inf Inf', NaN],
    // Overflowing sums switch to an incremental mean.
    ['9.988465674311579e+307 9.988465674311579e+307', 9.988465674311579e307],
    ['-9.988465674311579e+307 -9.988465674311579e+307 -9.988465674311579e+307', -9.988465674311579e307],
    ['-9.988465674311579e+307 9.988465674311579e+307', 0],
    ['1 2 3 NaN NaN', NaN],
  ])('avg of %s', (spec, want) => {
    const got = average(pts(spec));
    if (Number.isNaN(want)) expect(got).toBeNaN();
    else expect(got).toBe(want);
  });

  it('sums overflow to Inf and stay Inf', () => {
    expect(sum(pts('9.988465674311579e+307 9.988465674311579e+307'))).toBe(Infinity);
    expect(sum(pts('1 2 3'))).toBe(6);
  });

  it('averages a constant exactly (avg_over_time(foo[...]) == 52)', () => {
    for (const n of [10, 11, 12, 13]) expect(average(pts(`52+0x${n - 1}`))).toBe(52);
  });

  it('compensates dense sums (load 1ms, sum_over_time(metric[1001ms]))', () => {
    const data = load(1, { metric: '1+0x4000' });
    expectRows(evalAt('sum_over_time(metric[1001ms])', data, 4000).samples, { '{}': 1001 });
    expectRows(evalAt('sum_over_time(metric[3003ms])', data, 4000).samples, { '{}': 3003 });
  });

  it('selects by window: none, one or all samples', () => {
    const data = load(S10, { metric: '1 2 3 4 5' });
    expectRows(evalAt('avg_over_time(metric[10s])', data, 55_000).samples, {});
    expectRows(evalAt('avg_over_time(metric[20s])', data, 55_000).samples, { '{}': 5 });
    expectRows(evalAt('avg_over_time(metric[1m])', data, 55_000).samples, { '{}': 3 });
  });
});

describe('min/max/ts_of_* (functions.test)', () => {
  const data = load(S10, {
    'data{type="numbers"}': '2 0 3',
    'data{type="some_nan"}': '2 0 NaN',
    'data{type="some_nan2"}': '2 NaN 1',
    'data{type="some_nan3"}': 'NaN 0 1',
    'data{type="only_nan"}': 'NaN NaN NaN',
    'data_sparse{type="sparse_numbers"}': '_ 5 2 _ 4 _',
  });

  it('ignores NaN unless all values are NaN', () => {
    expectRows(evalAt('min_over_time(data[2m])', data, minutes(1)).samples, {
      '{type="numbers"}': 0,
      '{type="some_nan"}': 0,
      '{type="some_nan2"}': 1,
      '{type="some_nan3"}': 0,
      '{type="only_nan"}': NaN,
    });
    expectRows(evalAt('max_over_time(data[2m])', data, minutes(1)).samples, {
      '{type="numbers"}': 3,
      '{type="some_nan"}': 2,
      '{type="some_nan2"}': 2,
      '{type="some_nan3"}': 1,
      '{type="only_nan"}': NaN,
    });
    expectRows(evalAt('max_over_time(data_sparse[2m])', data, minutes(1)).samples, { '{type="sparse_numbers"}': 5 });
  });

  it('keeps the metric name for first/last_over_time only', () => {
    const last = evalAt('last_over_time(data{type="numbers"}[2m])', data, minutes(1)).samples;
    expect(last).toEqual([{ metric: { __name__: 'data', type: 'numbers' }, t: minutes(1), v: 3 }]);
    const first = evalAt('first_over_time(data{type="numbers"}[2m])', data, minutes(1)).samples;
    expect(first).toEqual([{ metric: { __name__: 'data', type: 'numbers' }, t: minutes(1), v: 2 }]);
    const max = evalAt('max_over_time(data{type="numbers"}[2m])', data, minutes(1)).samples;
    expect(max).toEqual([{ metric: { type: 'numbers' }, t: minutes(1), v: 3, dropName: true }]);
  });

  it('reports the time of the last extreme, in seconds', () => {
    const odd = load(10_053, { metric: '1 2 3 0 5 6 2 1 4' });
    expectRows(evalAt('ts_of_min_over_time(metric[90s])', odd, 90_000).samples, { '{}': 30.159 });
    expectRows(evalAt('ts_of_max_over_time(metric[90s])', odd, 90_000).samples, { '{}': 50.265 });
    const ties = load(S10, { metric: '1 3 3 1' });
    expectRows(evalAt('ts_of_max_over_time(metric[1m])', ties, 30_000).samples, { '{}': 20 });
    expectRows(evalAt('ts_of_min_over_time(metric[1m])', ties, 30_000).samples, { '{}': 30 });
  });

  it('ts_of_first/last_over_time', () => {
    const odd = load(10_053, { metric: '_ _ 1 2 3 _ _' });
    expectRows(evalAt('ts_of_first_over_time(metric[90s])', odd, 90_000).samples, { '{}': 20.106 });
    expectRows(evalAt('ts_of_last_over_time(metric[90s])', odd, 95_000).samples, { '{}': 40.212 });
    expectRows(evalAt('ts_of_first_over_time(metric[90s])', odd, 15_000).samples, {});
  });
});

describe('stddev/stdvar/mad/quantile over time', () => {
  it('stdvar and stddev (functions.test)', () => {
    const data = load(S10, { metric: '0 8 8 2 3' });
    expectRows(evalAt('stdvar_over_time(metric[2m])', data, minutes(1)).samples, { '{}': 10.56 });
    expectRows(evalAt('stddev_over_time((metric[2m]))', data, minutes(1)).samples, { '{}': 3.249615 }, 1e-6);
    expect(variance(pts('5'))).toBe(0);
  });

  it('quantile_over_time interpolates between ranks', () => {
    const data = load(S10, {
      'data{test="two samples"}': '0 1',
      'data{test="three samples"}': '0 1 2',
      'data{test="uneven samples"}': '0 1 4',
    });
    const q = (v: string) => evalAt(`quantile_over_time(${v}, data[2m])`, data, minutes(1));
    expectRows(q('0.75').samples, { '{test="two samples"}': 0.75, '{test="three samples"}': 1.5, '{test="uneven samples"}': 2.5 });
    expectRows(q('0.8').samples, { '{test="two samples"}': 0.8, '{test="three samples"}': 1.6, '{test="uneven samples"}': 2.8 });
    expect(q('0.5').annotations).toEqual([]);
    const low = q('-1');
    expectRows(low.samples, { '{test="two samples"}': -Infinity, '{test="three samples"}': -Infinity, '{test="uneven samples"}': -Infinity });
    // One warning per series in Prometheus, deduplicated by message; position of the quantile argument.
    expect(new Set(low.annotations.map((a) => a.message))).toEqual(
      new Set(['PromQL warning: quantile value should be between 0 and 1, got -1']),
    );
    expect(low.annotations[0]).toMatchObject({ kind: 'warning', position: { from: 19, to: 21 } });
    expect(q('2').annotations[0]?.message).toBe('PromQL warning: quantile value should be between 0 and 1, got 2');
    expect(q('NaN').annotations[0]?.message).toBe('PromQL warning: quantile value should be between 0 and 1, got NaN');
    // Nothing selected: no warning.
    expect(evalAt('quantile_over_time(2, nothing[2m])', data, minutes(1)).annotations).toEqual([]);
  });

  it('quantile helper edge cases', () => {
    expect(quantileOf(0.5, [])).toBeNaN();
    expect(quantileOf(NaN, [1])).toBeNaN();
    expect(quantileOf(0, [NaN, 1, 2])).toBeNaN();
    expect(quantileOf(1, [3, 1, 2])).toBe(3);
  });

  it('mad_over_time is the median absolute deviation; NaN poisons it', () => {
    expect(mad(pts('1 2 3 4 100'))).toBe(1);
    expect(mad(pts('1 NaN 3'))).toBeNaN();
    const data = load(S10, { metric: '4 6 2 1 999 2 1 2' });
    expectRows(evalAt('mad_over_time(metric[70s])', data, 70_000).samples, { '{}': 1 });
  });
});

describe('count/present/absent-free helpers', () => {
  it('count_over_time and present_over_time', () => {
    const data = load(S10, { 'a{x="1"}': '1 _ 3', 'a{x="2"}': '_ _ _' });
    expectRows(evalAt('count_over_time(a[1m])', data, 20_000).samples, { '{x="1"}': 2 });
    expectRows(evalAt('present_over_time(a[1m])', data, 20_000).samples, { '{x="1"}': 1 });
  });
});
