import { describe, expect, it } from 'vitest';
import { civilTime, rfc3339 } from '../../../../src/promql/engine/functions/format.js';
import { invoke, vec } from './helpers.js';

const at = (fn: string, seconds: number): number | undefined => invoke(`${fn}(x)`, [vec({ x: seconds })]).samples[0]?.v;
const now = (fn: string, ts: number): number | undefined => invoke(`${fn}()`, [], { ts }).samples[0]?.v;

describe('calendar functions (functions.test, UTC)', () => {
  it('without argument: the evaluation time', () => {
    expect(now('year', 0)).toBe(1970);
    expect(now('month', 0)).toBe(1);
    expect(now('day_of_month', 0)).toBe(1);
    expect(now('day_of_year', 0)).toBe(1);
    expect(now('day_of_week', 0)).toBe(4); // Thursday
    expect(now('hour', 0)).toBe(0);
    expect(now('minute', 0)).toBe(0);
    expect(invoke('year()', [], { ts: 0 }).samples[0]).toEqual({ metric: {}, t: 0, v: 1970 });
  });

  it('with argument: each value as Unix seconds (2006-01-02T22:04:05Z)', () => {
    const t = 1136239445;
    expect(at('year', t)).toBe(2006);
    expect(at('month', t)).toBe(1);
    expect(at('day_of_month', t)).toBe(2);
    expect(at('day_of_year', t)).toBe(2);
    expect(at('day_of_week', t)).toBe(1);
    expect(at('hour', t)).toBe(22);
    expect(at('minute', t)).toBe(4);
  });

  it.each([
    ['year', 1230767999, 2008],
    ['year', 1230768000, 2009],
    ['month', 1456790399, 2],
    ['day_of_month', 1456790399, 29],
    ['month', 1456790400, 3],
    ['day_of_year', 1483191420, 366],
    ['day_of_year', 1672493820, 365],
    ['days_in_month', 1454284800, 29],
    ['days_in_month', 1485907200, 28],
    ['days_in_month', 1136239445, 31],
    // Fractions are truncated toward zero; before 1970 too.
    ['minute', 59.9, 0],
    ['year', -1, 1969],
    ['day_of_week', -86400, 3],
  ])('%s(%s) = %s', (fn, seconds, want) => {
    expect(at(fn, seconds)).toBe(want);
  });

  it('drops the metric name of its input', () => {
    expect(invoke('hour(x)', [vec({ 'x{a="b"}': 3600 })]).samples[0]).toMatchObject({ metric: { a: 'b' }, v: 1, dropName: true });
  });

  it('civil time helpers', () => {
    expect(civilTime(951782400)).toMatchObject({ year: 2000, month: 2, day: 29, weekday: 2, yearDay: 60 });
    expect(rfc3339(3_000_000)).toBe('1970-01-01T00:50:00Z');
    expect(rfc3339(1136239445_999)).toBe('2006-01-02T22:04:05Z');
  });
});

describe('time() and timestamp()', () => {
  it('time() is the evaluation time in seconds', () => {
    expect(invoke('time()', [], { ts: 1 }).samples).toEqual([{ metric: {}, t: 1, v: 0.001 }]);
    expect(invoke('time()', [], { ts: 3_000_000 }).samples[0]?.v).toBe(3000);
  });

  it("timestamp() returns each sample's time and drops the name", () => {
    const r = invoke('timestamp(x)', [vec({ 'x{a="b"}': 7 }, 12_345)], { ts: 20_000 });
    expect(r.samples).toEqual([{ metric: { a: 'b' }, t: 20_000, v: 12.345, dropName: true }]);
  });

  it('start_timestamp() has no data without stored start timestamps', () => {
    expect(invoke('start_timestamp(x)', [vec({ x: 1 })]).samples).toEqual([]);
  });
});
