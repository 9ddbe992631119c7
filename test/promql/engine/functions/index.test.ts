import { describe, expect, it } from 'vitest';
import { FUNCTIONS } from '../../../../src/promql/functions.js';
import { ENGINE_LEVEL_FUNCTIONS, FUNCTION_IMPLS } from '../../../../src/promql/engine/functions/index.js';
import { formatOpenMetricsFloat, goFormatG } from '../../../../src/promql/engine/functions/format.js';
import { compareGoStrings, compareLabels, kahanInc } from '../../../../src/promql/engine/functions/common.js';
import { EvalError } from '../../../../src/promql/engine/types.js';
import { evalAt, load } from './helpers.js';

describe('FUNCTION_IMPLS', () => {
  it('covers every catalogued function except the engine-level ones', () => {
    for (const name of FUNCTIONS.keys()) {
      expect(FUNCTION_IMPLS.has(name) !== ENGINE_LEVEL_FUNCTIONS.has(name), name).toBe(true);
    }
    for (const name of FUNCTION_IMPLS.keys()) expect(FUNCTIONS.has(name), name).toBe(true);
  });

  it.each([
    ['deriv(x[5m] smoothed)', 'smoothed modifier can only be used with: delta, increase, rate - not with deriv'],
    ['resets(x[5m] smoothed)', 'smoothed modifier can only be used with: delta, increase, rate - not with resets'],
    ['max_over_time(x[5m] anchored)', 'anchored modifier can only be used with: changes, delta, increase, rate, resets - not with max_over_time'],
    ['predict_linear(x[5m] anchored, 1)', 'anchored modifier can only be used with: changes, delta, increase, rate, resets - not with predict_linear'],
  ])('rejects %s (extended_vectors.test), with or without data', (expr, message) => {
    expect(() => evalAt(expr, load(60_000, { x: '1 2 3' }), 120_000)).toThrow(new EvalError(message));
    expect(() => evalAt(expr, [], 120_000)).toThrow(new EvalError(message));
  });
});

describe("Go's %g and OpenMetrics float formatting", () => {
  it.each([
    [0, '0'],
    [-0, '-0'],
    [1, '1'],
    [-0.1, '-0.1'],
    [1.01, '1.01'],
    [123456, '123456'],
    [1e6, '1e+06'],
    [1234567, '1.234567e+06'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [1e21, '1e+21'],
    [1e100, '1e+100'],
    [NaN, 'NaN'],
    [Infinity, '+Inf'],
    [-Infinity, '-Inf'],
  ])('Go %%g: %s -> %s', (x, want) => {
    expect(goFormatG(x)).toBe(want);
  });

  it.each([
    [10, '10'],
    [0.5, '0.5'],
    [100, '1e+02'],
    [12.5, '12'],
    [13.5, '14'],
    [0.125, '0.12'],
    [99.9, '1e+02'],
    [1.05, '1.1'], // 1.05 is 1.0500000000000000444 in binary
    [0, '0'],
  ])('Go %%.2g: %s -> %s (half to even on the exact value)', (x, want) => {
    expect(goFormatG(x, 2)).toBe(want);
  });

  it.each([
    [0, '0.0'],
    [1, '1.0'],
    [0.25, '0.25'],
    [100000, '100000.0'],
    [1e6, '1e+06'],
    [-1, '-1.0'],
  ])('FormatOpenMetricsFloat(%s) is %s', (x, want) => {
    expect(formatOpenMetricsFloat(x)).toBe(want);
  });
});

describe('shared helpers', () => {
  it('orders strings by code point like Go', () => {
    expect(compareGoStrings('\u{1F600}', '\uFF01')).toBeGreaterThan(0);
    expect('\u{1F600}' < '\uFF01').toBe(true); // what JavaScript would say
    expect(compareGoStrings('a', 'ab')).toBeLessThan(0);
  });

  it('compares label sets like labels.Compare', () => {
    expect(compareLabels({ a: '1' }, { a: '1', b: '2' })).toBeLessThan(0);
    expect(compareLabels({ __name__: 'z', a: '1' }, { a: '0' })).toBeLessThan(0);
    expect(compareLabels({ b: '1' }, { a: '9' })).toBeGreaterThan(0);
  });

  it('Kahan summation recovers what plain addition loses, and keeps infinities', () => {
    let [s, c] = [0, 0];
    for (const v of [1e16, 1, 1, -1e16]) [s, c] = kahanInc(v, s, c);
    expect(s + c).toBe(2);
    expect(kahanInc(Infinity, 1, 0.5)).toEqual([Infinity, 0]);
  });
});
