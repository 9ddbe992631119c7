import { describe, expect, it } from 'vitest';
import { instant, instantError, lines, samples, store } from './helpers.js';
import { kahanInc, quantile } from '../../../src/promql/engine/aggregate.js';

const st = store(`
  req{job="api", i="0", grp="canary"} 10
  req{job="api", i="1", grp="prod"} 20
  req{job="web", i="0", grp="canary"} 30
  req{job="web", i="1", grp="prod"} 40
  req{job="web", i="2", grp="prod"} 40
`);

const at = (q: string): string[] => lines(instant(st, q, 0).value);
const samplesOf = (q: string): number[] => samples(instant(st, q, 0).value).map((s) => s.v);

describe('aggregations', () => {
  it('group by and without (without always drops the name)', () => {
    expect(at('sum by (job) (req)')).toEqual(['{job="api"} 30', '{job="web"} 110']);
    expect(at('sum without (i, grp) (req)')).toEqual(['{job="api"} 30', '{job="web"} 110']);
    expect(at('sum(req)')).toEqual(['{} 140']);
    expect(at('sum by (__name__) (req)')).toEqual(['req{} 140']);
  });

  it('compute every operator', () => {
    expect(at('avg(req)')).toEqual(['{} 28']);
    expect(at('count(req)')).toEqual(['{} 5']);
    expect(at('group by (grp) (req)')).toEqual(['{grp="canary"} 1', '{grp="prod"} 1']);
    expect(at('min(req)')).toEqual(['{} 10']);
    expect(at('max(req)')).toEqual(['{} 40']);
    expect(at('stdvar(req)')).toEqual(['{} 136']);
    const sd = samplesOf('stddev by (job) (req)');
    expect(sd[0]).toBe(5);
    expect(sd[1]).toBeCloseTo(Math.sqrt(200 / 9), 12);
    expect(at('quantile(0.5, req)')).toEqual(['{} 30']);
    expect(at('quantile(0.25, req)')).toEqual(['{} 20']);
  });

  it('topk/bottomk keep the input labels, ordered, and group per label set', () => {
    // Ties come out in the order Go's heap leaves them (Prometheus' own order).
    expect(at('topk(2, req)')).toEqual(['req{grp="prod",i="2",job="web"} 40', 'req{grp="prod",i="1",job="web"} 40']);
    expect(at('topk(3, req)')).toEqual([
      'req{grp="prod",i="2",job="web"} 40',
      'req{grp="prod",i="1",job="web"} 40',
      'req{grp="canary",i="0",job="web"} 30',
    ]);
    expect(at('bottomk(1, req)')).toEqual(['req{grp="canary",i="0",job="api"} 10']);
    expect(at('topk by (job) (1, req)')).toEqual(['req{grp="prod",i="1",job="api"} 20', 'req{grp="prod",i="1",job="web"} 40']);
    expect(at('topk(0, req)')).toEqual([]);
    expect(instantError(st, 'topk(NaN, req)', 0)).toBe('Parameter value is NaN');
  });

  it('limitk and limit_ratio pick subsets; limit_ratio(r) and limit_ratio(r-1) are complements', () => {
    expect(at('limitk(2, req)')).toHaveLength(2);
    expect(at('limit_ratio(1, req)')).toHaveLength(5);
    const a = at('limit_ratio(0.3, req)');
    const b = at('limit_ratio(-0.7, req)');
    expect(a.length + b.length).toBe(5);
    expect(a.filter((x) => b.includes(x))).toEqual([]);
    expect(instantError(st, 'limit_ratio(NaN, req)', 0)).toBe('Ratio value is NaN');
  });

  it('count_values labels counts by the formatted value', () => {
    expect(at('count_values("v", req)').sort()).toEqual(['{v="10"} 1', '{v="20"} 1', '{v="30"} 1', '{v="40"} 2']);
    expect(at('count_values by (job) ("v", req)').sort()).toEqual([
      '{job="api",v="10"} 1',
      '{job="api",v="20"} 1',
      '{job="web",v="30"} 1',
      '{job="web",v="40"} 2',
    ]);
  });

  it('warn about quantiles outside [0, 1]', () => {
    const r = instant(st, 'quantile(2, req)', 0);
    expect(lines(r.value)).toEqual(['{} Infinity']);
    expect(r.annotations.map((a) => a.message)).toEqual(['PromQL warning: quantile value should be between 0 and 1, got 2 (1:10)']);
  });

  it('handle NaN like Prometheus: max/min skip it unless everything is NaN', () => {
    const nan = store(`
      n{i="a"} NaN
      n{i="b"} 1
    `);
    expect(lines(instant(nan, 'max(n)', 0).value)).toEqual(['{} 1']);
    expect(lines(instant(nan, 'min(n)', 0).value)).toEqual(['{} 1']);
    expect(lines(instant(nan, 'topk(1, n)', 0).value)).toEqual(['n{i="b"} 1']);
  });
});

describe('float summation', () => {
  it('compensates rounding errors (Kahan-Neumaier)', () => {
    let sum = 0;
    let c = 0;
    for (const v of [1e100, 1, -1e100, 1]) [sum, c] = kahanInc(v, sum, c);
    expect(sum + c).toBe(2);
    const big = store(`
      f{i="0"} 1e100
      f{i="1"} 1
      f{i="2"} -1e100
      f{i="3"} 1
    `);
    expect(lines(instant(big, 'sum(f)', 0).value)).toEqual(['{} 2']);
    expect(lines(instant(big, 'avg(f)', 0).value)).toEqual(['{} 0.5']);
  });

  it('averages values whose sum overflows', () => {
    const big = store(`
      f{i="0"} 1e308
      f{i="1"} 1e308
    `);
    expect(lines(instant(big, 'avg(f)', 0).value)).toEqual(['{} 1e+308']);
  });

  it('interpolates quantiles and puts NaN first', () => {
    expect(quantile(0.5, [1, 2, 3, 4])).toBe(2.5);
    expect(quantile(0, [NaN, 1])).toBeNaN();
    expect(quantile(-1, [1])).toBe(-Infinity);
  });
});
