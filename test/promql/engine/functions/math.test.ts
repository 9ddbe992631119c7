import { describe, expect, it } from 'vitest';
import { goMax, goMin } from '../../../../src/promql/engine/functions/common.js';
import { expectRows, invoke, scalar, vec } from './helpers.js';

const clampInput = vec({ 'test_clamp{src="clamp-a"}': -50, 'test_clamp{src="clamp-b"}': 0, 'test_clamp{src="clamp-c"}': 100 });

describe('clamp family (functions.test)', () => {
  it.each([
    ['clamp_max(test_clamp, 75)', [scalar(75)], { a: -50, b: 0, c: 75 }],
    ['clamp_min(test_clamp, -25)', [scalar(-25)], { a: -25, b: 0, c: 100 }],
    ['clamp(test_clamp, -25, 75)', [scalar(-25), scalar(75)], { a: -25, b: 0, c: 75 }],
    ['clamp(test_clamp, 0, NaN)', [scalar(0), scalar(NaN)], { a: NaN, b: NaN, c: NaN }],
    ['clamp(test_clamp, NaN, 0)', [scalar(NaN), scalar(0)], { a: NaN, b: NaN, c: NaN }],
    ['clamp(test_clamp, 5, -5)', [scalar(5), scalar(-5)], {}],
  ] as const)('%s', (expr, extra, want) => {
    const r = invoke(expr, [clampInput, ...extra]);
    expectRows(
      r.samples,
      Object.fromEntries(Object.entries(want).map(([k, v]) => [`{src="clamp-${k}"}`, v])),
    );
  });

  it('drops the metric name', () => {
    expect(invoke('clamp_max(test_clamp, 75)', [clampInput, scalar(75)]).samples[0]).toMatchObject({
      metric: { src: 'clamp-a' },
      dropName: true,
    });
  });
});

describe('sgn, round, deg, rad, trig', () => {
  it('sgn keeps NaN and zero (functions.test)', () => {
    const r = invoke('sgn(x)', [vec({ 'x{s="a"}': -Infinity, 'x{s="b"}': Infinity, 'x{s="c"}': NaN, 'x{s="d"}': -50, 'x{s="e"}': 0, 'x{s="f"}': 100 })]);
    expectRows(r.samples, { '{s="a"}': -1, '{s="b"}': 1, '{s="c"}': NaN, '{s="d"}': -1, '{s="e"}': 0, '{s="f"}': 1 });
  });

  it.each([
    [0.4, undefined, 0],
    [0.5, undefined, 1],
    [-0.5, undefined, -0],
    [-1.5, undefined, -1],
    [2.5, undefined, 3],
    [0.44, 0.1, 0.4],
    [2.15, 0.1, 2.2],
    [1234, 100, 1200],
    [7, 5, 5],
  ])('round(%s, %s) = %s (ties round up)', (v, to, want) => {
    const args = to === undefined ? [vec({ x: v })] : [vec({ x: v }), scalar(to)];
    const got = invoke(to === undefined ? 'round(x)' : `round(x, ${to})`, args).samples[0]?.v;
    expect(got).toBeCloseTo(want, 12);
  });

  it('trig and angle conversions (trig_functions.test)', () => {
    const input = vec({ 'trig{l="x"}': 10, 'trig{l="y"}': 20, 'trig{l="NaN"}': NaN });
    expectRows(invoke('sin(trig)', [input]).samples, { '{l="x"}': -0.5440211108893699, '{l="y"}': 0.9129452507276277, '{l="NaN"}': NaN });
    expectRows(invoke('atan(trig)', [input]).samples, { '{l="x"}': 1.4711276743037345, '{l="y"}': 1.5208379310729538, '{l="NaN"}': NaN });
    // The script's sinh(10) is off by 4e-9 relative; its runner compares with a 1e-6 tolerance.
    expectRows(invoke('sinh(trig)', [input]).samples, { '{l="x"}': 11013.232920103324, '{l="y"}': 2.4258259770489514e8, '{l="NaN"}': NaN }, 1e-6);
    expect(invoke('deg(x)', [vec({ x: Math.PI })]).samples[0]?.v).toBe(180);
    expect(invoke('rad(x)', [vec({ x: 180 })]).samples[0]?.v).toBe(Math.PI);
    expect(invoke('pi()', []).samples).toEqual([{ metric: {}, t: 0, v: Math.PI }]);
  });

  it('logs, exp and sqrt of special values', () => {
    const r = invoke('ln(x)', [vec({ 'x{a="0"}': 0, 'x{a="neg"}': -1, 'x{a="e"}': Math.E })]);
    expectRows(r.samples, { '{a="0"}': -Infinity, '{a="neg"}': NaN, '{a="e"}': 1 });
    expect(invoke('log2(x)', [vec({ x: 1024 })]).samples[0]?.v).toBe(10);
    expect(invoke('sqrt(x)', [vec({ x: -4 })]).samples[0]?.v).toBeNaN();
  });
});

describe("Go's math.Max/Min (min_of/max_of, clamp)", () => {
  it('prefers infinities over NaN and orders signed zeros', () => {
    expect(goMax(NaN, Infinity)).toBe(Infinity);
    expect(goMax(NaN, 1)).toBeNaN();
    expect(Object.is(goMax(-0, 0), 0)).toBe(true);
    expect(goMin(NaN, -Infinity)).toBe(-Infinity);
    expect(Object.is(goMin(0, -0), -0)).toBe(true);
    expect(invoke('max_of(1, 2)', [scalar(1), scalar(2)]).samples).toEqual([{ metric: {}, t: 0, v: 2 }]);
    expect(invoke('min_of(1, 2)', [scalar(1), scalar(2)]).samples[0]?.v).toBe(1);
  });
});
